// The 新旧対照表 (old/new comparison table) of a Diff, as HTML through a mustache template:
// new text on the left, old on the right, changed passages underlined, one row per changed
// category, bucket, use case, paragraph or closing line, with the lines printed under it
// (introductions, notes, joint-use disclosures).
#include "notice/diff.hpp"
#include "notice/era.hpp"
#include "notice/render.hpp"
#include "notice/template.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <sstream>
#include <string_view>

namespace notice {
namespace detail {
extern const std::string_view k_comparison_table_template;
extern const std::string_view k_comparison_table_css;
extern const std::string_view k_comparison_table_docx_lua;
extern const std::string_view k_template_reference_table_docx;
} // namespace detail

namespace {

// One printed line in one side's cell: the unchanged text plain, this side's changed passages
// underlined; a line the other side lacks is underlined whole.
std::string cell_line(const std::string *own, const std::string *other, TextSegment::Op own_op) {
  if (own == nullptr) {
    return {};
  }
  if (other == nullptr) {
    return "<u>" + escape_html(*own) + "</u>";
  }
  const std::vector<TextSegment> segments =
      own_op == TextSegment::Op::inserted ? diff_text(*other, *own) : diff_text(*own, *other);
  std::string out;
  for (const auto &s : segments) {
    if (s.op == TextSegment::Op::equal) {
      out += escape_html(s.text);
    } else if (s.op == own_op) {
      out += "<u>" + escape_html(s.text) + "</u>";
    }
  }
  return out;
}

const PrintedLine *line_with_key(const ElementSide &side, const std::string &key) {
  const auto it =
      std::find_if(side.lines.begin(), side.lines.end(), [&](const PrintedLine &l) { return l.key == key; });
  return it == side.lines.end() ? nullptr : &*it;
}

// The whole cell of `own` (the element and the lines printed under it, each under-line a block one
// character in — comparison-table.css, and the "Table Sub-line" style in DOCX — so that a long one
// wraps under its own start), compared with `other` (absent: all new).
std::string cell(const ElementSide &own, const ElementSide *other, TextSegment::Op own_op) {
  std::string out = cell_line(&own.text, other ? &other->text : nullptr, own_op);
  for (const auto &line : own.lines) {
    const PrintedLine *counterpart = other ? line_with_key(*other, line.key) : nullptr;
    out += "<div class=\"sub\">" + cell_line(&line.text, counterpart ? &counterpart->text : nullptr, own_op) + "</div>";
  }
  return out;
}

bool printed_same(const ElementSide &a, const ElementSide &b) {
  return a.text == b.text && a.lines == b.lines;
}

// The 項目 column: short enough for a narrow column. Items: the category's number and the bucket's
// heading (４．【審査支払機関への情報提供を伴う事例】); buckets: their category.
std::string place_of(const Change &c) {
  const ElementSide &side = c.new_side ? *c.new_side : *c.old_side;
  switch (c.element) {
  case ElementKind::title:
    return "表題";
  case ElementKind::term:
    return "定義";
  case ElementKind::paragraph:
    return "本文";
  case ElementKind::category:
    return "利用目的の区分";
  case ElementKind::revision:
    return "施行日";
  case ElementKind::bucket:
    return side.place;
  case ElementKind::item: {
    // side.place is "<category marker and title> <bucket heading>"
    const auto space = side.place.find(' ');
    if (space == std::string::npos) {
      return side.place;
    }
    const std::string category = side.place.substr(0, space);
    std::size_t marker_end = 0;
    for (const std::string_view mark : {"．", "."}) {
      const auto at = category.find(mark);
      if (at != std::string::npos && at < 12) {
        marker_end = at + mark.size();
        break;
      }
    }
    return (marker_end ? category.substr(0, marker_end) : category + " ") + side.place.substr(space + 1);
  }
  case ElementKind::insurer:
  case ElementKind::data:
  case ElementKind::party:
    break;
  }
  return {};
}

std::string japanese_date(Date date) {
  return to_japanese_date(date).value_or(to_string(date));
}

std::string table_title(const Diff &diff) {
  return diff.new_side.insurer + "　個人情報の利用目的の公表　新旧対照表";
}

} // namespace

void write_diff_table_html(std::ostream &out, const Diff &diff, const DiffWriteOptions &) {
  kainjow::mustache::mustache tmpl{std::string(detail::k_comparison_table_template)};
  kainjow::mustache::data rows{kainjow::mustache::data::type::list};
  for (const auto &c : diff.changes) {
    // Data and party declarations, and the insurer's details, are not printed in the notice.
    if (c.element == ElementKind::insurer || c.element == ElementKind::data || c.element == ElementKind::party) {
      continue;
    }
    std::string new_html;
    std::string old_html;
    if (c.kind == ChangeKind::added) {
      new_html = cell(*c.new_side, nullptr, TextSegment::Op::inserted);
      old_html = "（新設）";
    } else if (c.kind == ChangeKind::removed) {
      new_html = "（削除）";
      old_html = cell(*c.old_side, nullptr, TextSegment::Op::removed);
    } else {
      const bool moved = c.kind == ChangeKind::moved && c.old_side->place != c.new_side->place;
      const bool reordered = c.kind == ChangeKind::reordered;
      if (printed_same(*c.old_side, *c.new_side) && !moved && !reordered) {
        continue; // an attribute the published text does not show (flow, recipients, data …)
      }
      new_html = cell(*c.new_side, &*c.old_side, TextSegment::Op::inserted);
      old_html = cell(*c.old_side, &*c.new_side, TextSegment::Op::removed);
      if (moved) {
        old_html += "<br>（移動前：" + escape_html(c.old_side->place) + "）";
      } else if (reordered) {
        old_html += "<br>（順序変更）";
      }
    }
    kainjow::mustache::data row;
    row.set("place", place_of(c));
    row.set("new_html", new_html);
    row.set("old_html", old_html);
    rows.push_back(row);
  }
  kainjow::mustache::data data;
  data.set("title", table_title(diff));
  data.set("insurer", diff.new_side.insurer);
  data.set("old_label", diff.old_side.label);
  data.set("new_label", diff.new_side.label);
  data.set("old_effective", japanese_date(diff.old_side.effective));
  data.set("new_effective", japanese_date(diff.new_side.effective));
  data.set("rows", rows);
  data.set("css", std::string(detail::k_comparison_table_css));
  out << tmpl.render(data);
}

std::string render_diff_table(const Diff &diff, std::string_view to) {
  std::ostringstream html;
  write_diff_table_html(html, diff, {});
  PandocJob job;
  job.from = "html";
  job.to = std::string(to);
  job.title = table_title(diff);
  // Pandoc's HTML reader drops <style>: the stylesheet goes in again for the PDF.
  job.css = std::string(detail::k_comparison_table_css);
  job.date = diff.new_side.effective;
  // A4 landscape, ruled table, Japanese fonts with the fallbacks Word has (templates/make-reference-docx.py).
  job.reference_docx = std::string(detail::k_template_reference_table_docx);
  job.lua_filter = std::string(detail::k_comparison_table_docx_lua);
  return convert_with_pandoc(html.str(), job);
}

} // namespace notice
