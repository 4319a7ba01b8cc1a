// `notice-audit validate`: check notices against the schema and the rules.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace notice::cli {

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string format;   ///< empty: from the config, else text
  std::string fail_on;  ///< empty: from the config, else error
  std::string revision; ///< YYYY-MM-DD; empty: every revision
  std::string as_of;    ///< YYYY-MM-DD: "today" for judging the latest revision; empty: the real date in Japan
  std::string config;   ///< explicit config file
  bool no_config = false;
  std::vector<std::string> ignore;
  std::string output; ///< write the report here instead of stdout
  std::string color = "auto";
  bool show_suppressed = false;
  bool quiet = false;
  bool coverage = false;
  bool explain = false; ///< print what was read for each item (flow, parties, data, bases) after the report
  bool summary = false; ///< --summary: the federation summary (same as --format summary)
  unsigned jobs = 0;    ///< files checked at once; 0: one per core
  std::string lang;     ///< en or ja; empty: from the locale
};

/// Declares the subcommand and its options; opens no files.
CLI::App *add_validate(CLI::App &app, ValidateOptions &options);

/// Runs the check and writes the report to `out` (or --output); problems with the environment go
/// to `err`. Returns an exit code from exit_codes.hpp.
int run_validate(const ValidateOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
