-- notice-audit render --format docx: paragraph styles of the reference document
-- (templates/make-reference-docx.py) for what the PDF styles with notice.css.
--
-- Items become paragraphs of the "Compact" style (each already starts with its printed marker ・,
-- and Word would otherwise add a bullet of its own); the sub-lines of an item (its notes and
-- joint-use disclosure, spans of class "note") become paragraphs of the indented "Item Note" style.
function BulletList(list)
  local blocks = {}
  local function para(inlines, style)
    table.insert(blocks, pandoc.Div({ pandoc.Para(inlines) }, pandoc.Attr("", {}, { ["custom-style"] = style })))
  end
  for _, item in ipairs(list.content) do
    for _, block in ipairs(item) do
      if block.t == "Plain" or block.t == "Para" then
        local text = {}
        local notes = {}
        for _, inline in ipairs(block.content) do
          if inline.t == "Span" and inline.classes:includes("note") then
            table.insert(notes, inline.content)
          elseif #notes == 0 then
            table.insert(text, inline)
          end
        end
        -- The space before the first note belongs to neither line.
        while #text > 0 and text[#text].t == "Space" do
          table.remove(text)
        end
        para(text, "Compact")
        for _, note in ipairs(notes) do
          para(note, "Item Note")
        end
      else
        table.insert(blocks, block)
      end
    end
  end
  return blocks
end

-- A bucket's joint-use disclosure is indented; the closing lines (令和…施行) stand apart, right-aligned.
local styles = { disclosure = "Disclosure", closing = "Closing" }

function Div(div)
  for class, style in pairs(styles) do
    if div.classes:includes(class) then
      div.attributes["custom-style"] = style
      return div
    end
  end
end
