// The change classes of `diff`, their default severities and legal bases (docs/diff.md explains them).
#include "notice/diff.hpp"
#include "notice/law.hpp"

#include <algorithm>

namespace notice {
namespace {

const std::vector<DiffRuleInfo> k_catalog{
    {"diff/purpose-added",
     Severity::warning,
     "a purpose category was added: a new purpose must stay within what the members can reasonably expect, and "
     "the changed purposes must be published",
     {"appi.purpose-change", "appi.purpose-change-notice"}},
    {"diff/purpose-removed",
     Severity::warning,
     "a purpose category was removed: check that no processing still relies on it, and publish the change",
     {"appi.purpose-limit", "appi.purpose-change-notice"}},
    {"diff/use-added",
     Severity::warning,
     "a use case was added: check that it falls within the published purposes, or treat it as a change of purpose",
     {"appi.purpose-specification", "appi.purpose-change-notice"}},
    {"diff/use-removed",
     Severity::warning,
     "a use case was removed: check that no processing still relies on it, and publish the change",
     {"appi.purpose-limit", "appi.purpose-change-notice"}},
    {"diff/new-recipient",
     Severity::warning,
     "a use case now gives personal data to a party it did not give it to before (provision, outsourcing or joint "
     "use)",
     {"appi.consent-exceptions", "appi.not-third-party"}},
    {"diff/new-foreign-recipient",
     Severity::error,
     "a new recipient is located in a foreign country: provision abroad needs the person's consent or an "
     "equivalent-system exception",
     {"appi.foreign-provision"}},
    {"diff/new-sensitive-provision",
     Severity::error,
     "sensitive data (要配慮個人情報) newly goes to a third party by provision: it needs consent or a legal exception "
     "and can never go by opt-out (a warning when the use states a ground; a complete joint use is not a provision)",
     {"appi.consent-exceptions", "appi.opt-out"}},
    {"diff/new-mynumber-provision",
     Severity::error,
     "My Number data (特定個人情報) newly goes to another party: only the cases listed in 番号法第19条 allow it (a "
     "warning when the use cites or names such a case)",
     {"mynumber.provision-limit"}},
    {"diff/internal-to-provision",
     Severity::error,
     "a use that was internal now provides data to others",
     {"appi.purpose-limit", "appi.consent-exceptions"}},
    {"diff/new-outsourcing",
     Severity::warning,
     "data is newly handed to a contractor (委託): not a provision, but the contractor must be supervised",
     {"appi.outsourcing", "appi.contractor-supervision"}},
    {"diff/new-joint-use",
     Severity::warning,
     "a joint use (共同利用) was introduced: its disclosure must be made known before the data is shared",
     {"appi.joint-use"}},
    {"diff/joint-use-incomplete",
     Severity::error,
     "a new or changed joint use lacks a statement the law requires (that joint use takes place, items, scope of the "
     "joint users, purpose, responsible party, and its address and representative where required)",
     {"appi.joint-use"}},
    {"diff/joint-use-changed",
     Severity::warning,
     "the disclosure of a joint use changed: a change of purpose or of the responsible party must be made known "
     "in advance",
     {"appi.joint-use-change"}},
    {"diff/flow-changed",
     Severity::warning,
     "how data moves in a use case changed in a way no other class covers (e.g. outsourcing became provision)",
     {"appi.third-party-provision"}},
    {"diff/recipient-removed", Severity::info, "a use case no longer gives data to a party"},
    {"diff/data-changed",
     Severity::info,
     "the data a use case involves changed, without any new provision of sensitive or My Number data",
     {"appi.purpose-specification"}},
    {"diff/basis-changed", Severity::info, "the legal basis stated for a use case changed"},
    {"diff/moved", Severity::info, "a use case moved to another category or bucket; how its data moves is unchanged"},
    {"diff/wording-only",
     Severity::info,
     "only the wording changed: check that the meaning did not (a changed purpose must be published)",
     {"appi.purpose-change-notice"}},
    {"diff/order-only", Severity::info, "only the order changed"},
    {"diff/text-added", Severity::info, "a paragraph, defined term or closing line (施行日) was added"},
    {"diff/text-removed", Severity::info, "a paragraph, defined term or closing line (施行日) was removed"},
    {"diff/structure", Severity::info,
     "a bucket was added, removed or changed (heading, kind), or a category's number, marker or model changed"},
    {"diff/declaration-changed", Severity::info,
     "a data or party declaration changed (added, removed, name, kind, sensitivity, abroad); the use cases this "
     "affects are reported on their own"},
};

} // namespace

const std::vector<DiffRuleInfo> &diff_rule_catalog() {
  return k_catalog;
}

const DiffRuleInfo *find_diff_rule(std::string_view id) {
  const std::string full = id.starts_with("diff/") ? std::string(id) : "diff/" + std::string(id);
  const auto it = std::find_if(k_catalog.begin(), k_catalog.end(), [&](const DiffRuleInfo &r) { return r.id == full; });
  return it == k_catalog.end() ? nullptr : &*it;
}

std::string diff_rule_basis(const DiffRuleInfo &rule, Date date) {
  const law::Database &db = law::Database::builtin();
  std::string out;
  const law::Numbering *previous = nullptr;
  for (const auto id : rule.provisions) {
    const law::Numbering *n = db.numbering(id, date);
    if (!n) {
      continue; // not in force on that date (e.g. foreign provision before 2017-05-30)
    }
    // Repeat the law's name and the article only when they change: 個人情報保護法第27条第1項・第5項.
    if (previous && n->cite.law == previous->cite.law) {
      const law::Cite &c = n->cite;
      const bool same_article = c.article == previous->cite.article && c.branch == previous->cite.branch && c.paragraph;
      out += "・" + (same_article ? "第" + std::to_string(c.paragraph) + "項" +
                                        (c.item ? "第" + std::to_string(c.item) + "号" : std::string())
                                  : law::format_cite(c));
    } else {
      out += (out.empty() ? "" : "・") + law::cite_on(db, id, date);
    }
    previous = n;
  }
  return out.empty() ? out : out + " (as numbered on " + to_string(date) + ")";
}

std::optional<DiffFailPolicy> parse_diff_fail_policy(const std::vector<std::string> &values, std::string &error) {
  DiffFailPolicy policy;
  for (const auto &value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      const std::string word = value.substr(start, comma - start);
      start = comma + 1;
      if (word.empty()) {
        continue;
      }
      if (word == "never") {
        continue;
      }
      if (const auto severity = parse_severity(word)) {
        if (!policy.severity || *severity < *policy.severity) {
          policy.severity = severity;
        }
        continue;
      }
      if (const DiffRuleInfo *rule = find_diff_rule(word)) {
        policy.rules.emplace_back(rule->id);
        continue;
      }
      error = "--fail-on " + word +
              ": neither a severity (error, warning, info, never) nor a change class; docs/diff.md lists the classes";
      return std::nullopt;
    }
  }
  return policy;
}

bool diff_fails(const Diff &diff, const DiffFailPolicy &policy) {
  for (const auto &change : diff.changes) {
    for (const auto &finding : change.findings) {
      if (policy.severity && finding.severity >= *policy.severity) {
        return true;
      }
      if (std::find(policy.rules.begin(), policy.rules.end(), finding.rule_id) != policy.rules.end()) {
        return true;
      }
    }
  }
  return false;
}

} // namespace notice
