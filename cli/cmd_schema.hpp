// `notice-audit schema`: print the JSON Schema of the notice format that this build reads.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>

namespace notice::cli {

struct SchemaOptions {};

/// Declares the subcommand.
CLI::App *add_schema(CLI::App &app, SchemaOptions &options);

/// Writes the JSON Schema (draft-07) to `out`.
int run_schema(const SchemaOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
