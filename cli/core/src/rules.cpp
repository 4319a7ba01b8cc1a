#include "notice/rules.hpp"

#include "rules/context.hpp"

#include <algorithm>

namespace notice {
namespace {

using namespace std::string_view_literals;

const std::vector<RuleInfo> k_catalog = {
    // Reading the file. These make the file unusable, so they cannot be turned off.
    {"file-too-large", Severity::error, "input", "the file exceeds the size limit", "", false},
    {"encoding", Severity::error, "input", "the file is not UTF-8 text (Shift_JIS, UTF-16, NUL bytes …)", "", false},
    {"empty", Severity::error, "input", "the file holds no YAML document", "", false},
    {"yaml-syntax", Severity::error, "input", "the file is not valid YAML", "", false},
    {"multiple-documents", Severity::error, "input", "the file holds more than one YAML document", "", false},
    {"duplicate-key", Severity::error, "input", "a mapping repeats a key", "", false},
    {"merge-key", Severity::error, "input", "a `<<` merge key is used", "", false},
    {"yaml-key", Severity::error, "input", "a mapping key is not plain text", "", false},
    {"yaml-tag", Severity::error, "input", "an unsupported YAML tag is used", "", false},
    {"yaml-alias", Severity::error, "input", "an alias refers to a node that contains it", "", false},
    {"alias-budget", Severity::error, "input", "aliases expand beyond the node budget", "", false},
    {"node-budget", Severity::error, "input", "the document has too many nodes", "", false},
    {"too-deep", Severity::error, "input", "mappings and lists nest too deeply", "", false},
    {"scalar-too-long", Severity::error, "input", "a value exceeds the length limit", "", false},
    {"root-not-mapping", Severity::error, "input", "the top level is not a mapping", "", false},
    {"schema-version", Severity::error, "input", "the `schema:` version is not one this build reads", "", false},
    {"schema", Severity::error, "input", "the document does not conform to the JSON Schema", "", false},
    {"invalid-date", Severity::error, "input", "a date does not exist in the calendar", "", false},
    // Structure of the model.
    {"duplicate-id", Severity::error, "structure", "two elements share an id", ""},
    {"unresolved-ref", Severity::error, "structure", "a reference names no declared party, data source or item", ""},
    {"unused-party", Severity::warning, "structure", "a declared party is never referenced", ""},
    {"unused-data", Severity::warning, "structure", "a declared data source is never referenced", ""},
    {"revision-order", Severity::error, "structure", "revisions are not in strictly ascending date order", ""},
    {"unknown-revision", Severity::error, "structure",
     "an `added`/`removed` date is not the effective date of a listed revision", ""},
    {"empty-validity", Severity::error, "structure", "an element is removed no later than it is added", ""},
    {"internal-with-parties", Severity::error, "structure", "an internal-use item names recipients", ""},
    {"flow-without-parties", Severity::error, "structure", "an item that moves data outward or inward names no party",
     ""},
    {"outward-sensitive-without-basis", Severity::warning, "structure",
     "sensitive (要配慮) data is provided or shared without a stated basis",
     "APPI 27条1項・2項 (23条 before 2022-04-01): 要配慮個人情報 needs consent or a legal exception, no opt-out; "
     "since 2017-05-30"},
    // Legal facts with their dates.
    {"mynumber-19-stale-item", Severity::warning, "legal",
     "information linkage cited as 番号法第19条第7号 on or after 2021-09-01, when it became 第8号",
     "番号法19条: an item inserted with effect from 2021-09-01 moved 情報提供ネットワークシステム linkage from 第7号 "
     "to "
     "第8号"},
    {"mynumber-19-anachronistic-item", Severity::error, "legal",
     "information linkage cited as 番号法第19条第8号 before 2021-09-01, when it was 第7号",
     "番号法19条 as in force before 2021-09-01"},
    {"mynumber-19-paragraph", Severity::warning, "legal",
     "番号法第19条 cited with a paragraph (項) instead of an item (号)", "番号法19条 has items (号), no paragraphs"},
    {"appi-article-stale", Severity::warning, "legal",
     "an APPI article cited by its number before the 2022-04-01 renumbering (15, 16, 23, 24)",
     "個人情報保護法 as renumbered from 2022-04-01: 15→17, 16→18, 23→27, 24→28"},
    {"appi-article-anachronistic", Severity::warning, "legal",
     "an APPI article cited by its number from 2022-04-01 (27条5項, 28, 32) in an earlier revision",
     "個人情報保護法 before 2022-04-01: 23条5項, 24条, 27条"},
    {"insurance-card-abolished", Severity::warning, "legal",
     "the issue of 被保険者証 listed on or after 2024-12-02 without the 資格確認書",
     "健康保険法 as amended: no new paper 被保険者証 from 2024-12-02; 資格確認書 and the My Number card instead"},
    {"online-qualification-anachronistic", Severity::error, "legal",
     "the オンライン資格確認等システム named before it existed (trial from March 2021)",
     "オンライン資格確認等システム: trial operation from March 2021 (day not modelled), full operation 2021-10-20"},
    {"online-qualification-trial", Severity::info, "legal",
     "the オンライン資格確認等システム named while it was only in trial operation (before 2021-10-20)",
     "オンライン資格確認等システム: full operation from 2021-10-20"},
    {"guideline-superseded", Severity::warning, "legal",
     "the MHLW ガイドライン cited on or after 2017-04-14, when the PPC/MHLW ガイダンス replaced it",
     "健康保険組合等における個人情報の適切な取扱いのためのガイダンス (個人情報保護委員会・厚生労働省), from "
     "2017-04-14"},
    {"revision-wording-date", Severity::error, "legal",
     "a revision's closing line names another date than its `effective` date", ""},
    {"law-title", Severity::warning, "legal", "a law's official title is misspelt",
     "official titles (e.g. 行政手続における…, not 行政手続きにおける…)"},
    // Flows.
    {"internal-wording-suggests-flow", Severity::warning, "flows",
     "an internal-use item whose wording says 委託, 求償, 共同事業, 共同利用 or 提供", ""},
    {"review-body-internal", Severity::warning, "flows",
     "an item involving 支払基金, 国保中央会 or 審査支払機関 filed as internal use",
     "the review and payment bodies act on the insurer's behalf (委託, APPI 27条5項1号) or receive a provision"},
    {"joint-use-incomplete", Severity::error, "flows",
     "joint use (共同利用) without its items, scope, purpose or responsible party (address and representative "
     "from 2022-04-01)",
     "APPI 27条5項3号 (23条5項3号 before 2022-04-01); address and representative required from 2022-04-01"},
    {"mynumber-outside-article19", Severity::error, "flows",
     "My Number data in joint use, or provided without citing 番号法第19条", "番号法19条 (provision only as listed)"},
    {"sensitive-to-employer", Severity::warning, "flows",
     "sensitive data provided to the employer without consent or a joint-use disclosure",
     "APPI 27条1項・2項; ガイダンス on 事業主への健診結果の提供 (コラボヘルス)"},
    {"processing-abroad", Severity::warning, "flows",
     "data sent abroad without a statement on provision to third parties in foreign countries",
     "APPI 28条 (24条 before 2022-04-01)"},
    {"vague-purpose", Severity::warning, "flows", "a purpose as vague as 医療保険事務に関すること",
     "APPI 17条1項 (15条1項 before 2022-04-01): purposes specified as far as possible"},
    {"empty-bucket", Severity::warning, "flows", "a bucket heading with no use case under it", ""},
    {"category-numbering", Severity::warning, "flows",
     "categories not numbered 1..n in order, or a printed marker that disagrees with the number", ""},
    {"bidi-control", Severity::warning, "hygiene",
     "a bidi control character (U+202A–U+202E, U+2066–U+2069) in published text", ""},
    {"unknown-suppressed-rule", Severity::warning, "structure", "a suppression names a rule that does not exist", ""},
    {"unused-suppression", Severity::info, "structure", "a suppression matches no finding", ""},
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
  const auto it = std::find_if(k_catalog.begin(), k_catalog.end(), [&](const RuleInfo &r) { return r.id == id; });
  return it == k_catalog.end() ? nullptr : &*it;
}

namespace rules {

void Context::report(std::string_view id, Position pos, Message message, const std::vector<Scope> &scopes) {
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
      if (s.rule == id) {
        d.suppressed = s.reason.value;
        used_suppressions.push_back(s.pos);
        break;
      }
    }
  }
  for (const ExternalSuppression &s : m_options.suppressions) {
    if (d.suppressed || s.rule != id || !path_matches(m_notice.path, s.path)) {
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
    const Notice view = at(notice, revision.effective);
    rules::Context view_ctx(view, options, out);
    view_ctx.revision = to_string(revision.effective);
    rules::check_structure_revision(view_ctx);
    rules::check_legal_revision(view_ctx);
    rules::check_flows_revision(view_ctx);
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
      } else if (const auto setting = options.severity.find(s.rule);
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
  apply_options(out, options);
  sort_diagnostics(out);
  return out;
}

} // namespace notice
