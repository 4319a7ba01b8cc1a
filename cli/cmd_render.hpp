// `notice-audit render`: the member-facing notice of one revision as text, Markdown, HTML, PDF or DOCX.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace notice::cli {

struct RenderCommandOptions {
  std::string path;
  std::string revision;      ///< YYYY-MM-DD; empty: the latest revision
  std::string format;        ///< txt, md, html, pdf, docx; empty: from the --output extension, else txt
  std::string output;        ///< write here (atomically) instead of standard output
  std::string template_path; ///< mustache template replacing the built-in notice.txt/notice.md
  std::string css_path;      ///< stylesheet replacing the built-in notice.css
  std::string reference_doc; ///< reference .docx replacing the built-in one
};

/// Declares the subcommand and its options; opens no files.
CLI::App *add_render(CLI::App &app, RenderCommandOptions &options);

/// Renders the notice to `out` (or --output); problems with the input go to `err`. Returns an exit
/// code from exit_codes.hpp; failures of the environment (pandoc missing) throw notice::Error.
int run_render(const RenderCommandOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
