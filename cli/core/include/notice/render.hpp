// Rendering the member-facing notice: the view model of one revision, and text, Markdown, HTML, PDF
// and DOCX made from it through mustache templates (text, Markdown) and Pandoc (HTML, PDF, DOCX).
#pragma once

#include "notice/date.hpp"
#include "notice/model.hpp"
#include "notice/template.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

/// The output formats of render.
enum class RenderFormat { txt, md, html, pdf, docx };

/// Parses "txt", "md", "html", "pdf", "docx"; std::nullopt otherwise.
std::optional<RenderFormat> parse_render_format(std::string_view name);

/// The name parse_render_format() accepts for `format`.
std::string_view to_string(RenderFormat format);

/// One printed line of a run of blocks (the body, or the notes of a category or bucket), in document
/// order: sections, lists and labelled lines are flattened into lines that carry their kind and depth.
struct LineView {
  enum class Kind {
    heading,   ///< a heading (`level` 1–6), a section's heading with its marker
    paragraph, ///< a paragraph; may hold hard line breaks
    item,      ///< a list line (`marker`, nesting `depth`)
    label,     ///< the label of a labelled line or of a joint-use entry
    value,     ///< one line of a label's value (`first`, `last` within the value)
    row,       ///< a table row (`cells`; `header` for the header row)
  };
  Kind kind = Kind::paragraph;
  int level = 0;      ///< heading: 1–6
  int depth = 0;      ///< item: nesting depth, 0 for the outermost list
  std::string marker; ///< item: the marker as printed ("" when the list draws it)
  std::string text;
  bool first = false;             ///< value: the first line of its label's value
  bool last = false;              ///< item: last line of its list; value: of its value; row: of its table
  bool has_value = false;         ///< label: a value follows
  bool header = false;            ///< row: the header row
  std::vector<std::string> cells; ///< row: the cells
};

/// One printed item line (・被保険者資格の確認…) and the sub-lines under it.
struct ItemView {
  std::string id;
  std::string marker; ///< the bullet of its list: bucket's, category's or style.item_marker
  std::string text;
  std::vector<std::string> notes; ///< notes (each with its marker), then the joint-use disclosure, one line each
};

/// A bracketed heading and its items.
struct BucketView {
  std::string id;
  std::string heading;              ///< may be empty: items without a heading
  std::vector<std::string> details; ///< joint-use disclosure of the bucket, one line each
  std::vector<ItemView> items;
  std::vector<LineView> notes; ///< blocks printed after its items
};

/// A numbered category (1．被保険者等に対する保険給付に必要な利用目的).
struct CategoryView {
  std::string id;
  std::string heading; ///< marker and title as printed, e.g. "1．被保険者等…"; empty when none is printed
  std::vector<std::string> intro;
  std::vector<BucketView> buckets;
  std::vector<LineView> notes; ///< blocks printed after its buckets
};

/// Everything a template shows of one revision, in document order.
struct NoticeView {
  std::string title;                    ///< may be empty: the page prints none
  std::vector<std::string> title_lines; ///< further title lines (subtitle, the society's name)
  std::string insurer;
  std::string effective;                       ///< YYYY-MM-DD of the selected revision
  std::string effective_ja;                    ///< the same date as 令和３年１０月２９日
  std::vector<std::string> above_title_lines;  ///< the selected revision's date line when printed above the title
  std::vector<std::string> top_revision_lines; ///< the selected revision's date line when printed under the title
  std::vector<std::string> preamble;
  std::vector<LineView> body_before; ///< body blocks before the categories (all of them without `purposes`)
  std::vector<CategoryView> categories;
  std::vector<LineView> body_after; ///< body blocks after the `purposes` block
  std::vector<std::string> postscript;
  /// Closing date lines of every revision up to the selected one. Schema 1: a revision without
  /// `wording` gets one made from its effective date. Schema 2: only printed wordings (never one made
  /// from `effective`, never `seen`), placed at the end.
  std::vector<std::string> revision_lines;
};

/// The view of `notice` as in force on `revision` (a revision's effective date or any later date).
/// Throws notice::Error when no revision is in force on that date.
NoticeView make_view(const Notice &notice, Date revision);

/// The view as a template value: above_title[] (text), title, has_title, title_lines[] (text), top_revisions[] (text),
/// insurer, effective, effective_ja, preamble[] (text), body_before[] and body_after[] (lines),
/// categories[] (id, heading, has_heading, has_intro, intro[], notes[] (lines), buckets[] (id,
/// heading, has_heading, details[], notes[] (lines), items[] (id, marker, text, has_notes, notes[]))),
/// postscript[], has_postscript, revisions[] (text). Each line has every key, so that a template never
/// reads a key of an enclosing element: is_heading, is_paragraph, is_item, is_label, is_value, is_row,
/// text, marker, level, hashes (Markdown "##"), indent (txt: "　" per depth), md_indent (two spaces per
/// depth), first, last, has_value, header, cells[] (text), separator (Markdown table rule after a header),
/// end ("\n" after the last line of a list or table, for Markdown).
TemplateValue to_template_value(const NoticeView &view);

/// What to render and with which user overrides; empty strings mean the built-in files.
struct RenderOptions {
  RenderFormat format = RenderFormat::txt;
  std::string template_text;       ///< mustache template replacing notice.txt/notice.md; for html/pdf/docx
                                   ///< it replaces notice.md, the Markdown that Pandoc converts
  std::string template_name;       ///< for messages, e.g. the --template path
  std::string css;                 ///< stylesheet for html and pdf
  std::string reference_docx;      ///< reference document for docx (its bytes)
  std::string css_directory = {};  ///< where `css` came from: the PDF may load files from there (and fonts)
  std::string reference_name = {}; ///< for messages, e.g. the --reference-doc path
};

/// The Pandoc Markdown `from` format every conversion uses: no smart quotes, and no space added where
/// Japanese lines were broken.
inline constexpr const char *k_pandoc_markdown = "markdown-smart+east_asian_line_breaks";

/// What convert_with_pandoc() needs besides the input.
struct PandocJob {
  std::string from = k_pandoc_markdown; ///< pandoc's --from
  std::string to;                       ///< pandoc's --to: "html5", "docx", "pdf" (via weasyprint)
  std::string title;                    ///< the document title for <title> and file properties
  std::string lang = "ja";
  std::string css;            ///< stylesheet text, embedded into html and pdf
  std::string css_directory;  ///< the stylesheet's directory; empty: a built-in one (fonts only)
  std::string reference_docx; ///< reference document bytes for docx; empty: the built-in one
  std::string reference_name; ///< for messages, e.g. the --reference-doc path
  std::string lua_filter;     ///< Lua filter source applied before writing; empty: none
  std::optional<Date> date;   ///< document date; also makes docx file times reproducible
};

/// Converts `input` with Pandoc (and WeasyPrint for pdf), run as child processes with an argument
/// vector and a time limit; files they need or make live in a private temporary directory removed
/// afterwards (on an interrupt too). Metadata (title, language) goes in as strings. For docx the
/// reference document is checked first (detail::check_zip: no ZIP bombs); for pdf WeasyPrint may
/// load files only from `job.css_directory` and the installed fonts. Returns the output bytes.
/// Throws notice::Error naming the Debian package to install when a program is missing, and quoting
/// the helper's standard error when it fails or refuses a URL.
std::string convert_with_pandoc(std::string_view input, const PandocJob &job);

/// Throws notice::Error naming the Debian package to install when `format` needs a program (pandoc;
/// weasyprint for pdf) that is not in PATH. Does nothing for txt and md.
void check_render_tools(RenderFormat format);

/// `notice` as in force on `revision` in `options.format`: text or Markdown from the templates, or the
/// bytes of an HTML, PDF or DOCX file. Throws notice::Error for a bad template or a failed conversion.
std::string render_notice(const Notice &notice, Date revision, const RenderOptions &options);

} // namespace notice
