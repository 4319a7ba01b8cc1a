// `notice-audit diff`: what changed between two revisions of a notice, and what it means legally.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace notice::cli {

struct DiffCliOptions {
  std::vector<std::string> sides; ///< OLD [NEW]: FILE or FILE@YYYY-MM-DD
  std::string git;                ///< --git REV: compare FILE at REV with the working tree
  std::string format = "text";
  std::vector<std::string> fail_on{"error"};
  std::string output;
  std::string color = "auto";
  std::string lang; ///< en or ja; empty: from the locale
  bool force = false;
};

/// Declares the subcommand and its options; opens no files.
CLI::App *add_diff(CLI::App &app, DiffCliOptions &options);

/// Loads both sides, compares them, writes the report to `out` (or --output) and returns 0, or 1
/// when a change meets --fail-on; bad input is reported on `err` with exit status 2.
int run_diff(const DiffCliOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
