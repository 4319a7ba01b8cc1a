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
  Severity severity;        ///< default severity (docs/rules.md explains the scale)
  std::string_view family;  ///< "input" (reading the file), "structure", "legal", "flows"
  std::string_view summary; ///< one line, for `rules` listings and SARIF
  /// The legal database entries the rule applies: provision ids (law.hpp) and milestone ids. The
  /// basis text with its numbers and dates is made from them (rule_basis), never written here.
  std::vector<std::string_view> provisions = {};
  std::vector<std::string_view> milestones = {};
  bool configurable = true;                    ///< false for problems that make the file unreadable
  bool stale_law = false;                      ///< finds law cited or described as it no longer stands
  std::vector<std::string_view> formerly = {}; ///< earlier ids, still accepted in configs and suppressions
};

/// Every rule, in a stable order.
const std::vector<RuleInfo> &rule_catalog();

/// The rule with `id`, or with `id` among its former ids; nullptr when none.
const RuleInfo *find_rule(std::string_view id);

/// The legal basis of `rule` in `lang`: each provision with its numbering over time, each milestone
/// with its date, from the legal database; empty for rules with no legal basis.
std::string rule_basis(const RuleInfo &rule, Lang lang = Lang::en);

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
  /// "Today": the latest revision is judged until this date, earlier ones until the next revision.
  /// Absent: each revision is judged on its effective date only.
  std::optional<Date> as_of;
};

/// Runs every enabled rule over `notice`: file-wide rules once, revision rules on the view of each
/// revision (or of `options.revision`), and the legal rules on every date on which the law changed
/// while the revision was in force (until the next revision, the latest until `options.as_of`). A
/// finding that starts or ends inside that period says so (`since`, `until`). Findings are sorted,
/// merged across revisions, re-graded by `options`, and marked suppressed where the notice or
/// `options` say so.
std::vector<Diagnostic> check_notice(const Notice &notice, const RuleOptions &options);

/// Applies `options` (severity, off) to findings made outside the rules, e.g. by the loader.
void apply_options(std::vector<Diagnostic> &diagnostics, const RuleOptions &options);

} // namespace notice
