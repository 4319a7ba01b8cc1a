// The exit codes of every subcommand, in one place.
#pragma once

namespace notice::cli {

inline constexpr int k_exit_clean = 0;    ///< no finding at or above the fail level; no differences
inline constexpr int k_exit_findings = 1; ///< findings at or above the fail level, or differences
inline constexpr int k_exit_usage = 2;    ///< bad command line, unreadable input, bad configuration

} // namespace notice::cli
