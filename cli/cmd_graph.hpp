// `notice-audit graph`: draw who sends what to whom, or how that changed between two revisions.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace notice::cli {

struct GraphOptions {
  std::string path;              ///< FILE or FILE@YYYY-MM-DD; empty with --diff
  std::string revision;          ///< YYYY-MM-DD: the revision in force on it of a FILE naming none
  std::string git;               ///< read FILE as committed at this git revision
  std::string format;            ///< svg, png, pdf, dot; empty: from --output's extension, else svg
  std::string output;            ///< write here (atomically) instead of standard output
  std::string group_by = "none"; ///< none, kind, purpose
  std::vector<std::string> purposes;
  std::vector<std::string> parties;
  std::vector<std::string> flows;
  std::vector<std::string> data;
  std::vector<std::string> diff; ///< OLD [NEW], each FILE or FILE@YYYY-MM-DD
  bool no_legend = false;
};

/// Declares the subcommand and its options; opens no files.
CLI::App *add_graph(CLI::App &app, GraphOptions &options);

/// Draws the diagram to `out` (or --output); problems with the input go to `err`. Returns an exit
/// code from exit_codes.hpp: 0 when drawn; bad usage or an unusable notice throw notice::Error.
int run_graph(const GraphOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
