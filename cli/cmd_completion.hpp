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

} // namespace notice::cli
