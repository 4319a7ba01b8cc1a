// notice-audit: builds the command line, dispatches to one subcommand, and turns failures of the
// environment into `notice-audit: error: …` with exit status 2.
#include "cmd_check_published.hpp"
#include "cmd_completion.hpp"
#include "cmd_diff.hpp"
#include "cmd_graph.hpp"
#include "cmd_import.hpp"
#include "cmd_init.hpp"
#include "cmd_render.hpp"
#include "cmd_rules.hpp"
#include "cmd_schema.hpp"
#include "cmd_validate.hpp"
#include "exit_codes.hpp"
#include "version.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/interrupt.hpp"
#include "notice/process.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

// Prints a failure of the environment. Every line starts with "notice-audit:" and has its control
// characters escaped, so that a file name or a helper's output can neither drive the terminal nor
// start a line a CI log would run as a command (GitHub's `::error …`).
void print_error(std::string_view kind, std::string_view message) {
  std::cout.flush();
  bool first = true;
  while (true) {
    const auto end = message.find('\n');
    const std::string_view line = message.substr(0, end);
    std::cerr << (first ? "notice-audit: " + std::string(kind) + ": " : std::string("notice-audit:   "))
              << notice::escape_control(line) << '\n';
    first = false;
    if (end == std::string_view::npos) {
      break;
    }
    message.remove_prefix(end + 1);
  }
}

} // namespace

int main(int argc, char **argv) {
  using namespace notice::cli;
  CLI::App app{"notice-audit: keep, check, compare and publish a health insurer's purpose-of-use notice "
               "(個人情報の利用目的の公表)",
               "notice-audit"};
  app.set_version_flag("-V,--version", std::string("notice-audit ") + k_version + " (reads notice schema 1)");
  app.require_subcommand(1);

  ValidateOptions validate;
  CLI::App *validate_cmd = add_validate(app, validate);
  RenderCommandOptions render;
  CLI::App *render_cmd = add_render(app, render);
  RulesOptions rules;
  CLI::App *rules_cmd = add_rules(app, rules);
  DiffCliOptions diff;
  CLI::App *diff_cmd = add_diff(app, diff);
  GraphOptions graph;
  CLI::App *graph_cmd = add_graph(app, graph);
  InitOptions init;
  CLI::App *init_cmd = add_init(app, init);
  SchemaOptions schema;
  CLI::App *schema_cmd = add_schema(app, schema);
  CheckPublishedOptions check_published;
  CLI::App *check_published_cmd = add_check_published(app, check_published);
  ImportOptions import;
  CLI::App *import_cmd = add_import(app, import);
  // Declared last so that its script covers every subcommand above.
  CompletionOptions completion;
  CLI::App *completion_cmd = add_completion(app, completion);

  notice::install_interrupt_handlers();
  if (const char *timeout = std::getenv("NOTICE_AUDIT_HELPER_TIMEOUT"); timeout && *timeout) {
    char *end = nullptr;
    const long seconds = std::strtol(timeout, &end, 10);
    if (*end != '\0' || seconds < 1 || seconds > 86400) {
      print_error("error", "NOTICE_AUDIT_HELPER_TIMEOUT=" + std::string(timeout) +
                               ": give the time limit of helper programs in seconds (1 to 86400)");
      return k_exit_usage;
    }
    notice::set_default_process_timeout(static_cast<int>(seconds));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    const int code = app.exit(e);
    return code == 0 ? k_exit_clean : k_exit_usage;
  }

  try {
    if (validate_cmd->parsed()) {
      return run_validate(validate, std::cout, std::cerr);
    }
    if (render_cmd->parsed()) {
      return run_render(render, std::cout, std::cerr);
    }
    if (rules_cmd->parsed()) {
      return run_rules(rules, std::cout, std::cerr);
    }
    if (diff_cmd->parsed()) {
      return run_diff(diff, std::cout, std::cerr);
    }
    if (graph_cmd->parsed()) {
      return run_graph(graph, std::cout, std::cerr);
    }
    if (init_cmd->parsed()) {
      return run_init(init, std::cin, std::cout, std::cerr);
    }
    if (schema_cmd->parsed()) {
      return run_schema(schema, std::cout, std::cerr);
    }
    if (check_published_cmd->parsed()) {
      return run_check_published(check_published, std::cout, std::cerr);
    }
    if (import_cmd->parsed()) {
      return run_import(import, std::cout, std::cerr);
    }
    if (completion_cmd->parsed()) {
      return run_completion(completion, app, std::cout, std::cerr);
    }
  } catch (const notice::Error &e) {
    print_error("error", e.what());
    return k_exit_usage;
  } catch (const std::exception &e) {
    print_error("internal error", std::string(e.what()) + "\nPlease report this with the input that caused it.");
    return k_exit_usage;
  }
  return k_exit_usage;
}
