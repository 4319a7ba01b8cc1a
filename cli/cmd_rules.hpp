// `notice-audit rules`: list the rules with their ids, severities and bases.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace notice::cli {

struct RulesOptions {
  std::string format = "text";
  std::string id;     ///< print this rule's page instead of the list
  bool law = false;   ///< print the legal timeline instead of the rules
  bool kinds = false; ///< print the insurer kinds instead of the rules
  std::string lang;   ///< en or ja; empty: from the locale
};

/// Declares the subcommand and its options.
CLI::App *add_rules(CLI::App &app, RulesOptions &options);

/// Writes the rule catalogue to `out`, or the page of rule `options.id` (a validate rule's
/// docs/rules page, or a diff change class). Returns an exit code from exit_codes.hpp; an unknown id
/// throws notice::Error with the closest known one.
int run_rules(const RulesOptions &options, std::ostream &out, std::ostream &err);

} // namespace notice::cli
