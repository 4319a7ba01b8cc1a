// Running helper programs (pandoc, git, weasyprint) as child processes, never through a shell.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace notice {

/// What a finished child process left behind.
struct ProcessResult {
  int exit_code = -1; ///< the exit status; 128 + signal number when killed by a signal
  std::string out;    ///< everything it wrote to standard output
  std::string err;    ///< everything it wrote to standard error
};

/// Options for run_process().
struct ProcessOptions {
  std::string input;                  ///< written to the child's standard input, which is then closed
  std::string working_directory;      ///< empty: the current one
  std::vector<std::string> extra_env; ///< NAME=value entries added to the environment
};

/// Runs `argv[0]` (looked up in PATH) with the argument vector `argv`, feeding `options.input` and
/// collecting both output streams. Throws notice::Error when the program cannot be started (e.g.
/// not installed: the message names it); a non-zero exit is reported in the result, not thrown.
ProcessResult run_process(const std::vector<std::string> &argv, const ProcessOptions &options = {});

/// The full path of `program` found in PATH, or std::nullopt.
std::optional<std::string> find_program(const std::string &program);

} // namespace notice
