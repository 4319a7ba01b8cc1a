// "Did you mean …?" for mistyped subcommands and options, checked before CLI11 parses the command
// line (CLI11 has no suggestions of its own and reports a mistyped subcommand as a missing one).
#pragma once

#include "notice/diagnostic.hpp"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice::cli {

/// The optimal-string-alignment distance between `a` and `b`: insertions, deletions, substitutions
/// and swaps of two neighbouring characters each count 1 (bytes; names are ASCII).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate `word` was most likely meant to be: one it is a prefix of (when only one is), else
/// the nearest within a distance of a third of its length (at least 1, at most 3); std::nullopt
/// when none is close. Ties go to the earlier candidate.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string> &candidates);

/// Looks through `args` (argv without the program name) for a word `app` does not know: an unknown
/// subcommand, or an option that neither the program nor the chosen subcommand declares. Returns
/// the message to print after `notice-audit: error: ` (with a suggestion when one is close), or
/// std::nullopt when every word is known. Values of options are skipped, never judged.
std::optional<std::string> unknown_word(const CLI::App &app, const std::vector<std::string> &args, Lang lang);

/// The language of the program's own messages: `--lang X` (or `--lang=X`) anywhere in `args`,
/// else the environment's (lang_from_environment()).
Lang lang_of_command_line(const std::vector<std::string> &args);

} // namespace notice::cli

namespace notice::cli {

/// An output format and the file-name extensions that name it, for format_for_output().
struct FormatExtension {
  std::string format;                  ///< the --format value
  std::vector<std::string> extensions; ///< ".pdf", ".htm" …
};

/// The format the extension of `output` names among `table`: std::nullopt when there is no output
/// file (empty or "-") or it has no extension. Throws notice::Error for an extension none of
/// `table` names (suggesting the closest), so that `-o notice.pfd` never silently writes text.
std::optional<std::string> format_for_output(const std::string &output, const std::vector<FormatExtension> &table);

} // namespace notice::cli
