#include "rule_page.hpp"

#include "exit_codes.hpp"
#include "suggest.hpp"

#include "notice/diff.hpp"
#include "notice/error.hpp"
#include "notice/rule_docs.hpp"
#include "notice/rules.hpp"

#include <ostream>

namespace notice::cli {

int print_rule_page(const std::string &id, std::ostream &out) {
  if (const auto page = rule_page(id)) {
    out << *page;
    return k_exit_clean;
  }
  if (const DiffRuleInfo *rule = find_diff_rule(id)) {
    out << "# " << rule->id << "\n\n**Severity:** " << to_string(rule->severity) << " · **Family:** diff\n\n"
        << rule->summary << ".\n\n## Legal basis\n\n";
    const Date today = today_in_japan();
    const std::string basis = diff_rule_basis(*rule, today);
    out << (basis.empty() ? "—" : basis + " (as numbered on " + to_string(today) + ")")
        << "\n\nSee notice-audit-diff(1) for every change class.\n";
    return k_exit_clean;
  }
  throw unknown_rule_error("rules", id, true);
}

Error unknown_rule_error(const std::string &what, const std::string &id, bool with_diff_classes) {
  std::vector<std::string> ids;
  for (const RuleInfo &r : rule_catalog()) {
    ids.emplace_back(r.id);
  }
  if (with_diff_classes) {
    for (const DiffRuleInfo &r : diff_rule_catalog()) {
      ids.emplace_back(r.id);
    }
  }
  const auto near = closest(id, ids);
  return Error(what + " " + id + ": no such rule; " + (near ? "did you mean " + *near + "? " : "") +
                   "`notice-audit rules` lists them",
               what + " " + id + ": そのようなルールはありません。" + (near ? *near + " のことですか？" : "") +
                   "`notice-audit rules` で一覧を表示します");
}

} // namespace notice::cli
