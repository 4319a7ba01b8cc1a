// `notice-audit init`: scaffold a society's notice/ folder, notice-audit.toml and CI recipe.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace notice::cli {

struct InitOptions {
  std::string directory = ".";
  std::string insurer;
  std::string kind = "kenpo";
  std::string effective;
  std::string file = "notice";
  std::string ci = "none";
};

/// Declares the subcommand and its options; opens no files.
CLI::App *add_init(CLI::App &app, InitOptions &options);

/// Creates the files, refusing (before writing anything) when any of them exists. Asks for the
/// insurer's name and the effective date on a terminal when they were not given; elsewhere their
/// absence is a usage error. Returns an exit code from exit_codes.hpp.
int run_init(const InitOptions &options, std::istream &in, std::ostream &out, std::ostream &err);

} // namespace notice::cli
