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

/// One line of a joint-use disclosure as the notice prints it (APPI 27条5項3号).
struct DisclosureLine {
  std::string_view field; ///< the model's key: statement, items, scope, purpose, responsible, address, representative
  std::string_view label; ///< as printed: 共同して利用される個人データの項目 …
  std::string text;       ///< the whole printed line, `label：value` (the statement as written)
};

/// The printed lines of `joint`, one per element present, in the order the law lists them: the
/// statement that joint use takes place (その旨) first, when the notice prints it apart.
std::vector<DisclosureLine> joint_use_lines(const JointUse &joint);

/// The printed label of a joint-use disclosure field ("purpose" → 利用する者の利用目的), or `field`
/// itself when it is not one.
std::string_view joint_use_label(std::string_view field);

/// One printed item line (・被保険者資格の確認…) and the sub-lines under it.
struct ItemView {
  std::string id;
  std::string marker; ///< style.item_marker
  std::string text;
  std::vector<std::string> notes; ///< notes, then the joint-use disclosure, one line each
};

/// A bracketed heading and its items.
struct BucketView {
  std::string id;
  std::string heading;              ///< may be empty: items without a heading
  std::vector<std::string> details; ///< joint-use disclosure of the bucket, one line each
  std::vector<ItemView> items;
};

/// A numbered category (1．被保険者等に対する保険給付に必要な利用目的).
struct CategoryView {
  std::string id;
  std::string heading; ///< marker and title as printed, e.g. "1．被保険者等…"
  std::vector<std::string> intro;
  std::vector<BucketView> buckets;
};

/// Everything a template shows of one revision, in document order.
struct NoticeView {
  std::string title;
  std::string insurer;
  std::string effective;    ///< YYYY-MM-DD of the selected revision
  std::string effective_ja; ///< the same date as 令和３年１０月２９日
  std::vector<std::string> preamble;
  std::vector<CategoryView> categories;
  std::vector<std::string> postscript;
  std::vector<std::string> revision_lines; ///< closing lines of every revision up to the selected one
};

/// The view of `notice` as in force on `revision` (a revision's effective date or any later date).
/// Throws notice::Error when no revision is in force on that date.
NoticeView make_view(const Notice &notice, Date revision);

/// The view as a template value: title, insurer, effective, effective_ja, preamble[] (text),
/// categories[] (id, heading, has_intro, intro[], buckets[] (id, heading, has_heading, details[],
/// items[] (id, marker, text, has_notes, notes[]))), postscript[], has_postscript, revisions[] (text).
TemplateValue to_template_value(const NoticeView &view);

/// What to render and with which user overrides; empty strings mean the built-in files.
struct RenderOptions {
  RenderFormat format = RenderFormat::txt;
  std::string template_text;  ///< mustache template replacing notice.txt/notice.md; for html/pdf/docx
                              ///< it replaces notice.md, the Markdown that Pandoc converts
  std::string template_name;  ///< for messages, e.g. the --template path
  std::string css;            ///< stylesheet for html and pdf
  std::string reference_docx; ///< reference document for docx (its bytes)
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
  std::string reference_docx; ///< reference document bytes for docx; empty: the built-in one
  std::string lua_filter;     ///< Lua filter source applied before writing; empty: none
  std::optional<Date> date;   ///< document date; also makes docx file times reproducible
};

/// Converts `input` with Pandoc (and WeasyPrint for pdf), run as child processes with an argument
/// vector; files Pandoc needs live in a private temporary directory removed afterwards. Returns the
/// output bytes. Throws notice::Error naming the Debian package to install when a program is
/// missing, and quoting Pandoc's standard error when it fails.
std::string convert_with_pandoc(std::string_view input, const PandocJob &job);

/// Throws notice::Error naming the Debian package to install when `format` needs a program (pandoc;
/// weasyprint for pdf) that is not in PATH. Does nothing for txt and md.
void check_render_tools(RenderFormat format);

/// `notice` as in force on `revision` in `options.format`: text or Markdown from the templates, or the
/// bytes of an HTML, PDF or DOCX file. Throws notice::Error for a bad template or a failed conversion.
std::string render_notice(const Notice &notice, Date revision, const RenderOptions &options);

} // namespace notice
