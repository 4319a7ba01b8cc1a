// The rule engine: the catalogue of rules, and checking a notice against them.
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/model.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

/// What every rule declares about itself; docs/rules/<id>.md explains it at length.
struct RuleInfo {
  std::string_view id;
  Severity severity;        ///< default severity
  std::string_view family;  ///< "input" (reading the file), "structure", …
  std::string_view summary; ///< one line, for `rules` listings and SARIF
  std::string_view basis;   ///< the legal basis and the date it depends on; empty for structural rules
  bool configurable = true; ///< false for problems that make the file unreadable
  bool stale_law = false;   ///< its findings mean the text cites law or guidance since superseded (validate --summary)
};

/// Every rule, in a stable order.
const std::vector<RuleInfo> &rule_catalog();

/// The rule with `id`, or nullptr.
const RuleInfo *find_rule(std::string_view id);

/// A suppression declared outside the notice (notice-audit.toml).
struct ExternalSuppression {
  std::string rule;
  std::string path;    ///< path suffix of the notice file; empty: every file
  std::string element; ///< id of the element; empty: the whole file
  std::string reason;
};

/// How the user has tuned the rules.
struct RuleOptions {
  std::map<std::string, std::optional<Severity>, std::less<>> severity; ///< nullopt: rule turned off
  std::vector<ExternalSuppression> suppressions;
  std::optional<Date> revision; ///< check only the revision in force on this date
};

/// Runs every enabled rule over `notice`: file-wide rules once, revision rules on the view of each
/// revision (or of `options.revision`). Findings are sorted, merged across revisions, re-graded
/// by `options`, and marked suppressed where the notice or `options` say so.
std::vector<Diagnostic> check_notice(const Notice &notice, const RuleOptions &options);

/// Applies `options` (severity, off) to findings made outside the rules, e.g. by the loader.
void apply_options(std::vector<Diagnostic> &diagnostics, const RuleOptions &options);

} // namespace notice
