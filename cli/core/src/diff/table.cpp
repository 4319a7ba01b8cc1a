// The 新旧対照表 (old/new comparison table) of a Diff, as HTML through a mustache template:
// new text on the left, old on the right, changed passages underlined, one row per changed
// category, bucket, use case or paragraph.
#include "notice/diff.hpp"
#include "notice/render.hpp"
#include "notice/template.hpp"

#include <kainjow/mustache.hpp>

#include <sstream>
#include <string_view>

namespace notice {
namespace detail {
extern const std::string_view k_comparison_table_template;
extern const std::string_view k_comparison_table_css;
} // namespace detail

namespace {

// One side's cell: the unchanged text plain, this side's changed passages underlined.
std::string cell(const std::vector<TextSegment> &wording, TextSegment::Op own) {
  std::string out;
  for (const auto &s : wording) {
    if (s.op == TextSegment::Op::equal) {
      out += escape_html(s.text);
    } else if (s.op == own) {
      out += "<u>" + escape_html(s.text) + "</u>";
    }
  }
  return out;
}

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
  case ElementKind::item:
    return side.place;
  case ElementKind::insurer:
  case ElementKind::data:
  case ElementKind::party:
    break;
  }
  return {};
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
      new_html = "<u>" + escape_html(c.new_side->text) + "</u>";
      old_html = "（新設）";
    } else if (c.kind == ChangeKind::removed) {
      new_html = "（削除）";
      old_html = "<u>" + escape_html(c.old_side->text) + "</u>";
    } else if (!c.wording.empty()) {
      new_html = cell(c.wording, TextSegment::Op::inserted);
      old_html = cell(c.wording, TextSegment::Op::removed);
    } else if (c.kind == ChangeKind::moved || c.kind == ChangeKind::reordered) {
      new_html = escape_html(c.new_side->text);
      old_html =
          escape_html(c.old_side->text) +
          (c.kind == ChangeKind::moved ? "<br>（移動前：" + escape_html(c.old_side->place) + "）" : "<br>（順序変更）");
    } else {
      continue; // an attribute that the published text does not show
    }
    kainjow::mustache::data row;
    row.set("place", place_of(c));
    row.set("new_html", new_html);
    row.set("old_html", old_html);
    rows.push_back(row);
  }
  kainjow::mustache::data data;
  data.set("title", diff.new_side.insurer + "　個人情報の利用目的の公表　新旧対照表");
  data.set("old_label", diff.old_side.label);
  data.set("new_label", diff.new_side.label);
  data.set("old_effective", to_string(diff.old_side.effective));
  data.set("new_effective", to_string(diff.new_side.effective));
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
  job.title = diff.new_side.insurer + "　個人情報の利用目的の公表　新旧対照表";
  // Pandoc's HTML reader drops <style>: the stylesheet goes in again for the PDF.
  job.css = std::string(detail::k_comparison_table_css);
  job.date = diff.new_side.effective;
  // The page's <title> would become a second title above the table's own heading.
  job.lua_filter = "function Meta(meta) meta.title = nil; return meta end\n";
  return convert_with_pandoc(html.str(), job);
}

} // namespace notice
