// `notice-audit completion bash|zsh`: shell completion generated from the CLI11 definitions, so
// that it names every subcommand and option the program actually has.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace notice::cli {

struct CompletionOptions {
  std::string shell;
};

/// Declares the subcommand and its options.
CLI::App *add_completion(CLI::App &app, CompletionOptions &options);

/// Writes the completion script for `options.shell`, built from `app`'s subcommands and options.
int run_completion(const CompletionOptions &options, const CLI::App &app, std::ostream &out, std::ostream &err);

/// The words completion offers for `subcommand` (all its option names), for tests.
std::vector<std::string> completion_words(const CLI::App &app, const std::string &subcommand);

/// `notice-audit complete-ids KIND FILE…` (hidden): the ids the completion scripts offer after
/// `--party`, `--purpose` and `--data`, read from the first notice among the words of the line.
struct CompleteIdsOptions {
  std::string kind;               ///< party, purpose or data
  std::vector<std::string> words; ///< the words of the command line being completed
};

/// Declares the hidden subcommand (no help entry, no man page: it is for the scripts only).
CLI::App *add_complete_ids(CLI::App &app, CompleteIdsOptions &options);

/// Prints one id a line, from the first word that names a loadable notice (`FILE@DATE` too); prints
/// nothing when there is none, so a completion never shows an error. Always returns 0.
int run_complete_ids(const CompleteIdsOptions &options, std::ostream &out);

} // namespace notice::cli
