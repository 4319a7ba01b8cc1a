#include "cmd_schema.hpp"

#include "exit_codes.hpp"

#include "notice/schema.hpp"

#include <ostream>

namespace notice::cli {

CLI::App *add_schema(CLI::App &app, SchemaOptions &) {
  return app.add_subcommand("schema", "Print the JSON Schema (draft-07) of the notice format this build reads");
}

int run_schema(const SchemaOptions &, std::ostream &out, std::ostream &) {
  out << notice_schema_json();
  return k_exit_clean;
}

} // namespace notice::cli
