// `notice-audit check-published`: does the copy on the web site (PDF, HTML, DOCX, text) still say
// what the approved YAML says?
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace notice::cli {

struct CheckPublishedOptions {
  std::string published;       ///< the published copy
  std::string notice;          ///< NOTICE.yaml or NOTICE.yaml@YYYY-MM-DD
  std::string revision;        ///< --revision YYYY-MM-DD: the date of a NOTICE that names none
  std::string format = "text"; ///< report format: text, json
  std::string read_as;         ///< reader to use (text, markdown, html, pdf, docx); empty: from the file
  bool force = false;          ///< compare a file that does not look like a notice
};

/// Declares the subcommand and its options; opens no files.
CLI::App *add_check_published(CLI::App &app, CheckPublishedOptions &options);

/// Reads the published copy, renders the revision in force on the date (today by default) and
/// reports every difference to `out`. Returns 0 when they match, 1 on a difference, 2 for bad
/// usage or input (explained on `err`); failures of the environment throw notice::Error.
int run_check_published(const CheckPublishedOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
