-- notice-audit render: turns item lists into paragraphs of the "Compact" style for DOCX. Each item
-- already starts with its printed marker (・), and Word would otherwise add a bullet of its own.
function BulletList(list)
  local blocks = {}
  for _, item in ipairs(list.content) do
    for _, block in ipairs(item) do
      if block.t == "Plain" then
        table.insert(blocks, pandoc.Para(block.content))
      else
        table.insert(blocks, block)
      end
    end
  end
  return pandoc.Div(blocks, pandoc.Attr("", {}, {["custom-style"] = "Compact"}))
end
