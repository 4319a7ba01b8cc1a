// `notice-audit import`: a society's published notice (text, Markdown, HTML, PDF, DOCX) → notice YAML.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace notice::cli {

struct ImportOptions {
  std::string file;           ///< the published notice
  std::string output;         ///< -o: where to write the YAML; empty: standard output
  std::string insurer;        ///< --insurer
  std::string kind = "kenpo"; ///< --kind
  std::string effective;      ///< --effective YYYY-MM-DD
  std::string lang = "ja";    ///< --lang (only ja is read)
  std::string read_as;        ///< --read-as
  bool force = false;         ///< import a file that does not look like a notice
};

/// Declares the subcommand and its options; opens no files.
CLI::App *add_import(CLI::App &app, ImportOptions &options);

/// Reads the notice, recognises its structure and writes the YAML to `out` (or -o, through a
/// temporary file, never over an input); prints what is left undecided on `err`. Returns 0, or 2 for
/// bad usage or input (explained on `err`; nothing is written).
int run_import(const ImportOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
