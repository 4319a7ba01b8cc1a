// `notice-audit diff`: what changed between two revisions of a notice, and what it means legally.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace notice::cli {

struct DiffCliOptions {
  std::string old_side; ///< OLD, or the one FILE whose revision is compared with the one before it
  std::string new_side; ///< NEW; empty with one FILE
  std::string revision; ///< --revision: the date of each FILE that names none
  std::string git;      ///< --git REV: compare FILE at REV with the working tree
  std::string format;   ///< empty: from the extension of --output, else text
  std::vector<std::string> fail_on{"error"};
  std::string output;
  std::string color = "auto";
  std::string lang; ///< en or ja; empty: from the locale
  bool force = false;
};

/// Declares the subcommand and its options; opens no files.
CLI::App *add_diff(CLI::App &app, DiffCliOptions &options);

/// Loads both sides, compares them, writes the report to `out` (or --output) and returns 0, or 1
/// when a change meets --fail-on (saying why on `err` when the report went to a file or is not
/// text); bad input is reported on `err` with exit status 2.
int run_diff(const DiffCliOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
