#include "notice/rules.hpp"

#include "rules/context.hpp"
#include "rules/facts.hpp"

#include "notice/law.hpp"

#include <algorithm>
#include <unordered_map>

namespace notice {
namespace {

using namespace std::string_view_literals;

const std::vector<RuleInfo> k_catalog = {
    // Reading the file. These make the file unusable, so they cannot be turned off.
    {"file-too-large", Severity::error, "input", "the file exceeds the size limit", {}, {}, false},
    {"encoding",
     Severity::error,
     "input",
     "the file is not UTF-8 text (Shift_JIS, UTF-16, NUL bytes, control characters …)",
     {},
     {},
     false},
    {"empty", Severity::error, "input", "the file holds no YAML document", {}, {}, false},
    {"yaml-syntax", Severity::error, "input", "the file is not valid YAML", {}, {}, false},
    {"multiple-documents", Severity::error, "input", "the file holds more than one YAML document", {}, {}, false},
    {"duplicate-key", Severity::error, "input", "a mapping repeats a key", {}, {}, false},
    {"merge-key", Severity::error, "input", "a `<<` merge key is used", {}, {}, false},
    {"yaml-key", Severity::error, "input", "a mapping key is not plain text", {}, {}, false},
    {"yaml-tag", Severity::error, "input", "an unsupported YAML tag is used", {}, {}, false},
    {"yaml-alias",
     Severity::error,
     "input",
     "an alias refers to a node that contains it, or to no anchor",
     {},
     {},
     false},
    {"alias-budget", Severity::error, "input", "aliases expand beyond the node budget", {}, {}, false},
    {"node-budget", Severity::error, "input", "the document has too many nodes", {}, {}, false},
    {"too-deep", Severity::error, "input", "mappings and lists nest too deeply", {}, {}, false},
    {"scalar-too-long", Severity::error, "input", "a value exceeds the length limit", {}, {}, false},
    {"root-not-mapping", Severity::error, "input", "the top level is not a mapping", {}, {}, false},
    {"schema-version", Severity::error, "input", "the `schema:` version is not one this build reads", {}, {}, false},
    {"schema", Severity::error, "input", "the document does not conform to the JSON Schema", {}, {}, false},
    {"invalid-date", Severity::error, "input", "a date does not exist in the calendar", {}, {}, false},
    // Structure of the model.
    {"duplicate-id", Severity::error, "structure", "two elements share an id"},
    {"unresolved-ref", Severity::error, "structure", "a reference names no declared party, data source or item"},
    {"unused-party", Severity::warning, "structure", "a declared party is never referenced"},
    {"unused-data", Severity::warning, "structure", "a declared data source is never referenced"},
    {"revision-order", Severity::error, "structure", "revisions are not in strictly ascending date order"},
    {"unknown-revision", Severity::error, "structure",
     "an `added`/`removed` date is not the effective date of a listed revision"},
    {"empty-validity", Severity::error, "structure", "an element is removed no later than it is added"},
    {"internal-with-parties", Severity::error, "structure", "an internal-use item names recipients"},
    {"flow-without-parties", Severity::error, "structure", "an item that moves data outward or inward names no party"},
    {"import-undecided", Severity::warning, "structure",
     "an item's flow, parties or data were left for a person to decide by `import`"},
    // Legal facts with their dates (schemas/law/).
    {"citation-stale",
     Severity::warning,
     "legal",
     "an article cited for a concept by a number it had only before the date judged",
     {},
     {},
     true,
     true,
     {"mynumber-19-stale-item", "appi-article-stale"}},
    {"citation-anachronistic",
     Severity::warning,
     "legal",
     "an article cited for a concept by a number it has only after the date judged (or before the concept existed)",
     {},
     {},
     true,
     false,
     {"mynumber-19-anachronistic-item", "appi-article-anachronistic"}},
    {"citation-paragraph-for-item",
     Severity::warning,
     "legal",
     "a paragraph (項) cited of an article that has only items (号), e.g. 番号法第19条第7項",
     {"mynumber.provision-limit"},
     {},
     true,
     false,
     {"mynumber-19-paragraph"}},
    {"insurance-card-abolished",
     Severity::warning,
     "legal",
     "the issue or management of the paper insurance card described after it ended",
     {},
     {"insurance-card.issue-ended", "insurance-card.expired"},
     true,
     true},
    {"online-qualification-anachronistic",
     Severity::warning,
     "legal",
     "the オンライン資格確認 named before its legal basis was in force",
     {},
     {"online-eligibility.basis"}},
    {"online-qualification-trial",
     Severity::info,
     "legal",
     "the オンライン資格確認等システム named before its full operation",
     {},
     {"online-eligibility.basis", "online-eligibility.trial", "online-eligibility.full"}},
    {"guideline-superseded",
     Severity::warning,
     "legal",
     "the MHLW ガイドライン referred to after the PPC/MHLW ガイダンス replaced it",
     {},
     {"guideline.issued", "guidance.notified", "guidance.applied"},
     true,
     true},
    {"revision-wording-date", Severity::error, "legal",
     "a revision's closing line names another date than its `effective` date"},
    {"law-title", Severity::warning, "legal", "a law's official title is misspelt"},
    {"processed-information",
     Severity::warning,
     "legal",
     "匿名加工情報 or 仮名加工情報 named before it existed, or without what must be published about it",
     {"appi.anonymised", "appi.pseudonymised"}},
    {"retained-data-matters",
     Severity::info,
     "legal",
     "the matters about retained personal data that must be published are missing (name, address, representative, "
     "request procedure, security measures, complaints)",
     {"appi.retained-data-publication"}},
    // Flows.
    {"internal-wording-suggests-flow", Severity::warning, "flows",
     "an internal-use item whose wording says 委託, 求償, 共同事業, 共同利用 or 提供"},
    {"review-body-internal",
     Severity::warning,
     "flows",
     "an item involving the claims review and payment bodies filed as internal use",
     {"appi.outsourcing"}},
    {"joint-use-incomplete",
     Severity::error,
     "flows",
     "joint use (共同利用) without a statement required by law (that it takes place, items, scope, purpose, "
     "responsible party, and its address and representative where required)",
     {"appi.joint-use"}},
    {"mynumber-outside-article19",
     Severity::error,
     "flows",
     "My Number data in joint use, or provided where neither the basis nor the wording names a case of 番号法第19条",
     {"mynumber.provision-limit", "mynumber.linkage"}},
    {"sensitive-to-employer",
     Severity::warning,
     "flows",
     "sensitive data provided to the employer without consent, a law or a joint-use disclosure",
     {"appi.third-party-provision", "appi.sensitive-definition", "appi.joint-use"}},
    {"outward-sensitive-without-basis",
     Severity::warning,
     "flows",
     "sensitive data (要配慮) provided to a third party (family members included) without a stated ground",
     {"appi.third-party-provision", "appi.opt-out", "appi.sensitive-definition"}},
    {"implied-consent-objection",
     Severity::warning,
     "flows",
     "a use relying on implied consent, but the notice does not say how to object",
     {"appi.third-party-provision"},
     {"guidance.applied"}},
    {"employer-checkup-receipt",
     Severity::info,
     "flows",
     "health-check results received from the employer without the law that provides for it",
     {"kakuho.employer-checkup-records", "hia.employer-checkup-records"}},
    {"processing-abroad",
     Severity::warning,
     "flows",
     "data sent abroad without a statement on provision to foreign third parties (or, from 2022, the country)",
     {"appi.foreign-provision"}},
    {"vague-purpose",
     Severity::warning,
     "flows",
     "a purpose as vague as 医療保険事務に関すること",
     {"appi.purpose-specification"}},
    {"empty-bucket", Severity::warning, "flows", "a bucket heading with no use case under it"},
    {"category-numbering", Severity::warning, "flows",
     "categories not numbered 1..n in order, or a printed marker that disagrees with the number"},
    {"bidi-control", Severity::warning, "hygiene",
     "a bidi control character (U+202A–U+202E, U+2066–U+2069) in published text"},
    {"unknown-suppressed-rule", Severity::warning, "structure", "a suppression names a rule that does not exist"},
    {"unused-suppression", Severity::info, "structure", "a suppression matches no finding"},
};

bool path_matches(const std::string &path, const std::string &suffix) {
  return suffix.empty() ||
         (path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0);
}

} // namespace

const std::vector<RuleInfo> &rule_catalog() {
  return k_catalog;
}

const RuleInfo *find_rule(std::string_view id) {
  // Every id and former id, indexed once: the first rule in the catalogue that has it.
  static const std::unordered_map<std::string_view, const RuleInfo *> k_index = [] {
    std::unordered_map<std::string_view, const RuleInfo *> index;
    for (const RuleInfo &r : k_catalog) {
      index.emplace(r.id, &r);
      for (const auto former : r.formerly) {
        index.emplace(former, &r);
      }
    }
    return index;
  }();
  const auto it = k_index.find(id);
  return it == k_index.end() ? nullptr : it->second;
}

std::string rule_basis(const RuleInfo &rule, Lang lang) {
  const law::Database &db = law::Database::builtin();
  std::string out;
  for (const auto id : rule.provisions) {
    const law::Provision &p = db.provision(id);
    out += (out.empty() ? "" : "; ") + (lang == Lang::ja ? p.ja : p.en) + ": " + law::history(db, id, lang);
  }
  for (const auto id : rule.milestones) {
    const law::Milestone &m = *db.find_milestone(id);
    out += (out.empty() ? "" : "; ") + (lang == Lang::ja ? m.ja : m.en) + " " + to_string(m.date);
    if (m.certainty == law::Certainty::uncertain) {
      out += lang == Lang::ja ? "［未確認］" : " [unconfirmed]";
    } else if (m.certainty == law::Certainty::secondary) {
      out += lang == Lang::ja ? "［二次資料］" : " [secondary source]";
    }
  }
  return out;
}

namespace {
// The id a suppression or setting means: a rule's current id for one of its former ids.
std::string_view canonical(std::string_view id) {
  const RuleInfo *info = find_rule(id);
  return info ? info->id : id;
}

// The same finding reached through several revisions is one finding: when only its wording differs
// (an article cited as numbered on each revision's last date), the latest revision's wording stands.
void merge_revisions(std::vector<Diagnostic> &out) {
  const auto key = [](const Diagnostic &d) { return std::tie(d.path, d.pos, d.rule_id, d.since, d.until); };
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic &a, const Diagnostic &b) {
    if (key(a) != key(b)) {
      return key(a) < key(b);
    }
    return a.revisions < b.revisions;
  });
  std::vector<Diagnostic> merged;
  for (auto &d : out) {
    if (!merged.empty() && key(merged.back()) == key(d) && !d.revisions.empty() && !merged.back().revisions.empty() &&
        merged.back().suppressed == d.suppressed) {
      Diagnostic &m = merged.back();
      std::vector<std::string> revisions = m.revisions;
      revisions.insert(revisions.end(), d.revisions.begin(), d.revisions.end());
      m = std::move(d);
      std::sort(revisions.begin(), revisions.end());
      revisions.erase(std::unique(revisions.begin(), revisions.end()), revisions.end());
      m.revisions = std::move(revisions);
      continue;
    }
    merged.push_back(std::move(d));
  }
  out = std::move(merged);
}
} // namespace

namespace rules {

bool Context::enabled(std::string_view id) const {
  const auto setting = m_options.severity.find(id);
  const RuleInfo *info = find_rule(id);
  return !(info && info->configurable && setting != m_options.severity.end() && !setting->second);
}

void Context::report(std::string_view id, Position pos, Message message, const std::vector<Scope> &scopes) {
  if (!enabled(id)) {
    return;
  }
  const RuleInfo *info = find_rule(id);
  Diagnostic d;
  d.severity = info ? info->severity : Severity::error;
  d.rule_id = std::string(id);
  d.path = m_notice.path;
  d.pos = pos;
  d.message = std::move(message.en);
  d.message_ja = std::move(message.ja);
  if (!revision.empty()) {
    d.revisions.push_back(revision);
  }
  for (const Scope &scope : scopes) {
    if (d.suppressed || !scope.suppress) {
      continue;
    }
    for (const Suppression &s : *scope.suppress) {
      if (canonical(s.rule) == id) {
        d.suppressed = s.reason.value;
        used_suppressions.push_back(s.pos);
        break;
      }
    }
  }
  for (const ExternalSuppression &s : m_options.suppressions) {
    if (d.suppressed || canonical(s.rule) != id || !path_matches(m_notice.path, s.path)) {
      continue;
    }
    const bool element_matches = s.element.empty() || std::any_of(scopes.begin(), scopes.end(), [&](const Scope &sc) {
                                   return sc.id && *sc.id == s.element;
                                 });
    if (element_matches) {
      d.suppressed = s.reason;
    }
  }
  m_out.push_back(std::move(d));
}

namespace {

// The text put before a finding's message when it holds for only part of the revision's period.
void mark_period(Diagnostic &d) {
  if (d.since.empty() && d.until.empty()) {
    return;
  }
  std::string en;
  std::string ja;
  if (!d.since.empty() && !d.until.empty()) {
    en = "from " + d.since + " until " + d.until + ": ";
    ja = d.since + "〜" + d.until + "：";
  } else if (!d.since.empty()) {
    en = "since " + d.since + ": ";
    ja = d.since + "以降：";
  } else {
    en = "until " + d.until + ": ";
    ja = d.until + "まで：";
  }
  d.message = en + d.message;
  d.message_ja = ja + d.message_ja;
}

// Runs the date-dependent rule families on `view` on every date from `start` to `end` on which the law
// changed, and keeps each finding once, with the part of the period in which it holds.
void check_period(const Notice &view, ViewFacts &facts, const RuleOptions &options, const std::string &revision,
                  Date start, Date end, std::vector<Diagnostic> &out, std::vector<Position> &used) {
  std::vector<Date> dates = {start};
  for (const Date d : law::Database::builtin().change_dates()) {
    if (start < d && d <= end) {
      dates.push_back(d);
    }
  }
  struct Held {
    Diagnostic d;
    std::size_t first = 0;
    std::size_t last = 0;
  };
  std::vector<Held> held;
  for (std::size_t e = 0; e < dates.size(); ++e) {
    std::vector<Diagnostic> found;
    Context ctx(view, options, found);
    ctx.use_facts(facts);
    ctx.revision = revision;
    ctx.judge = dates[e];
    check_legal_revision(ctx);
    check_flows_revision(ctx);
    used.insert(used.end(), ctx.used_suppressions.begin(), ctx.used_suppressions.end());
    for (auto &d : found) {
      const auto same = std::find_if(held.begin(), held.end(), [&](const Held &h) {
        return h.d.rule_id == d.rule_id && h.d.pos == d.pos && h.last + 1 == e;
      });
      if (same != held.end()) {
        same->d.message = std::move(d.message); // the latest wording describes the whole situation
        same->d.message_ja = std::move(d.message_ja);
        same->last = e;
      } else {
        held.push_back({std::move(d), e, e});
      }
    }
  }
  for (auto &h : held) {
    if (h.first > 0) {
      h.d.since = to_string(dates[h.first]);
    }
    if (h.last + 1 < dates.size()) {
      h.d.until = to_string(previous_day(dates[h.last + 1]));
    }
    mark_period(h.d);
    out.push_back(std::move(h.d));
  }
}

} // namespace

} // namespace rules

void apply_options(std::vector<Diagnostic> &diagnostics, const RuleOptions &options) {
  std::vector<Diagnostic> kept;
  kept.reserve(diagnostics.size());
  for (auto &d : diagnostics) {
    const RuleInfo *info = find_rule(d.rule_id);
    const auto setting = options.severity.find(d.rule_id);
    if (info && info->configurable && setting != options.severity.end()) {
      if (!setting->second) {
        continue;
      }
      d.severity = *setting->second;
    }
    kept.push_back(std::move(d));
  }
  diagnostics = std::move(kept);
}

std::vector<Diagnostic> check_notice(const Notice &notice, const RuleOptions &options) {
  std::vector<Diagnostic> out;
  rules::Context ctx(notice, options, out);
  rules::check_structure_file(ctx);
  rules::check_legal_file(ctx);
  rules::check_hygiene_file(ctx);
  for (const Revision &revision : notice.revisions) {
    if (options.revision && revision_at(notice, *options.revision) != &revision) {
      continue;
    }
    // In force until the day before the next revision; the latest until "today".
    Date end = revision.effective;
    const Revision *next = nullptr;
    for (const Revision &r : notice.revisions) {
      if (revision.effective < r.effective && (!next || r.effective < next->effective)) {
        next = &r;
      }
    }
    if (next) {
      end = previous_day(next->effective);
    } else if (options.as_of && revision.effective < *options.as_of) {
      end = *options.as_of;
    }
    const Notice view = at(notice, revision.effective);
    // The view's texts are read once and judged on every date of its period.
    rules::ViewFacts facts(view);
    rules::Context view_ctx(view, options, out);
    view_ctx.use_facts(facts);
    view_ctx.revision = to_string(revision.effective);
    view_ctx.judge = revision.effective;
    rules::check_structure_revision(view_ctx);
    rules::check_period(view, facts, options, view_ctx.revision, revision.effective, end, out, ctx.used_suppressions);
    ctx.used_suppressions.insert(ctx.used_suppressions.end(), view_ctx.used_suppressions.begin(),
                                 view_ctx.used_suppressions.end());
  }
  // Suppressions: each must name a real rule and should still be needed.
  const auto check_suppressions = [&](const std::vector<Suppression> &list, const std::string &owner) {
    for (const Suppression &s : list) {
      if (!find_rule(s.rule)) {
        ctx.report(
            "unknown-suppressed-rule", s.pos,
            {"`" + s.rule + "` is not a rule; `notice-audit rules` lists them (suppression on `" + owner + "`)",
             "`" + s.rule + "` という規則はありません。`notice-audit rules` で一覧できます（`" + owner + "` の抑止）"});
      } else if (const auto setting = options.severity.find(canonical(s.rule));
                 // A rule turned off in the config finds nothing, so its suppressions cannot be judged.
                 (setting == options.severity.end() || setting->second) &&
                 std::find(ctx.used_suppressions.begin(), ctx.used_suppressions.end(), s.pos) ==
                     ctx.used_suppressions.end()) {
        ctx.report("unused-suppression", s.pos,
                   {"this suppression of `" + s.rule + "` matches no finding; remove it",
                    "`" + s.rule + "` の抑止に該当する指摘がありません。削除してください"});
      }
    }
  };
  for (const auto &category : notice.categories) {
    check_suppressions(category.suppress, category.id);
    for (const auto &bucket : category.buckets) {
      check_suppressions(bucket.suppress, bucket.id);
      for (const auto &item : bucket.items) {
        check_suppressions(item.suppress, item.id);
      }
    }
  }
  merge_revisions(out);
  apply_options(out, options);
  sort_diagnostics(out);
  return out;
}

} // namespace notice
