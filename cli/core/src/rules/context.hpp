// What a rule family sees: the notice, and a way to report findings with their suppression scope.
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/model.hpp"
#include "notice/rules.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace notice::rules {

/// An element a finding is about, innermost first: its id and the suppressions it carries.
struct Scope {
  const std::string *id = nullptr;
  const std::vector<Suppression> *suppress = nullptr;
};

class ViewFacts;

/// Collects the findings of one run.
class Context {
public:
  Context(const Notice &notice, const RuleOptions &options, std::vector<Diagnostic> &out)
      : m_notice(notice), m_options(options), m_out(out) {}

  const Notice &notice() const { return m_notice; }

  /// Records a finding of rule `id` at `pos`; `scopes` (innermost first) decide suppression.
  void report(std::string_view id, Position pos, Message message, const std::vector<Scope> &scopes);
  void report(std::string_view id, Position pos, Message message, std::initializer_list<Scope> scopes = {}) {
    report(id, pos, std::move(message), std::vector<Scope>(scopes));
  }

  /// Whether rule `id` is turned on (rules that are off are not worth running).
  bool enabled(std::string_view id) const;

  /// The revision the current view shows (its effective date as YYYY-MM-DD); empty for file-wide rules.
  std::string revision;

  /// The date on which the law is applied: the revision's effective date, or a later date while it
  /// is still in force (every date on which the law changed during its period of force is judged).
  Date judge;

  /// Positions of the in-file suppressions that matched a finding.
  std::vector<Position> used_suppressions;

  /// What the rules read from the notice's texts independently of the date (rules/facts.hpp): the
  /// `facts` given to use_facts(), shared by the dates a view is judged on, else made on first use.
  ViewFacts &facts();
  void use_facts(ViewFacts &facts) { m_facts = &facts; }

private:
  ViewFacts *m_facts = nullptr;
  std::shared_ptr<ViewFacts> m_own_facts;
  const Notice &m_notice;
  const RuleOptions &m_options;
  std::vector<Diagnostic> &m_out;
};

/// Iterates the items of a notice with their bucket and category.
template <typename F> void for_each_item(const Notice &notice, F &&f) {
  for (const auto &category : notice.categories) {
    for (const auto &bucket : category.buckets) {
      for (const auto &item : bucket.items) {
        f(category, bucket, item);
      }
    }
  }
}

// Rule families. File-wide families run once on the whole file; revision families once per view.
void check_structure_file(Context &ctx);
void check_structure_revision(Context &ctx);
void check_legal_file(Context &ctx);
void check_legal_revision(Context &ctx);
void check_flows_revision(Context &ctx);
void check_hygiene_file(Context &ctx);

} // namespace notice::rules
