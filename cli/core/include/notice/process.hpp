// Running helper programs (pandoc, git, weasyprint) as child processes, never through a shell.
#pragma once

#include "notice/error.hpp"

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
  /// Seconds the child may run before it is killed (with its whole process group) and run_process()
  /// throws; 0 takes default_process_timeout().
  int timeout_seconds = 0;
};

/// What run_process() throws when the child ran past its time limit (it has been killed with its
/// process group by then); a caller that knows what the helper was doing may say so instead.
class ProcessTimeout : public Error {
public:
  ProcessTimeout(const std::string &message, int seconds) : Error(message), m_seconds(seconds) {}
  /// The limit that was passed, in seconds.
  int seconds() const { return m_seconds; }

private:
  int m_seconds;
};

/// The time limit of every helper that does not set its own: 120 s unless changed with
/// set_default_process_timeout() (main reads NOTICE_AUDIT_HELPER_TIMEOUT).
int default_process_timeout();

/// Sets default_process_timeout() to `seconds` (at least 1).
void set_default_process_timeout(int seconds);

/// Runs `argv[0]` (looked up in PATH) with the argument vector `argv`, feeding `options.input` and
/// collecting both output streams. The child leads a process group of its own, which is killed when
/// the time limit passes or notice-audit is interrupted (see interrupt.hpp). Throws notice::Error
/// when the program cannot be started (e.g. not installed: the message names it), ProcessTimeout
/// when it did not finish in time; a non-zero exit is reported in the result, not thrown.
ProcessResult run_process(const std::vector<std::string> &argv, const ProcessOptions &options = {});

/// The full path of `program` found in PATH, or std::nullopt.
std::optional<std::string> find_program(const std::string &program);

} // namespace notice
