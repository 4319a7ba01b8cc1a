-- notice-audit diff --format table-docx|table-pdf: the 新旧対照表 page as Pandoc reads it from HTML.
-- The page's <title> would become a second title above the table's own heading.
function Meta(meta)
  meta.title = nil
  return meta
end

-- Paragraph styles of the reference document (templates/make-reference-docx.py) for the lines
-- around the table; HTML and PDF style the same classes with comparison-table.css.
-- A line printed under an item in a cell ("sub") is one em in, and a long one wraps under its start.
local styles = { sides = "Table Sides", note = "Table Note", sources = "Table Sources", sub = "Table Sub-line" }

function Div(div)
  for class, style in pairs(styles) do
    if div.classes:includes(class) then
      div.attributes["custom-style"] = style
      -- In a table cell Pandoc gives plain text the cell's own style (Compact); a paragraph keeps ours.
      for i, block in ipairs(div.content) do
        if block.t == "Plain" then
          div.content[i] = pandoc.Para(block.content)
        end
      end
      return div
    end
  end
end

-- The header row (項目・改正後・改正前) is centred, as comparison-table.css centres it in HTML and PDF;
-- the body keeps the columns' own (left) alignment.
function Table(tbl)
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      cell.alignment = pandoc.AlignCenter
    end
  end
  return tbl
end
