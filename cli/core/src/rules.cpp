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
     "sensitive (要配慮) or My Number data leaves the insurer without a stated basis",
     "APPI 27条1項・2項 (要配慮個人情報: no opt-out; consent or a legal exception), 番号法19条; in force "
     "throughout"},
    {"unknown-suppressed-rule", Severity::warning, "structure", "a suppression names a rule that does not exist", ""},
    {"unused-suppression", Severity::info, "structure", "a suppression matches no finding", ""},
};

bool path_matches(const std::string& path, const std::string& suffix) {
  return suffix.empty() || (path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(),
                                                                          suffix) == 0);
}

} // namespace

const std::vector<RuleInfo>& rule_catalog() { return k_catalog; }

const RuleInfo* find_rule(std::string_view id) {
  const auto it = std::find_if(k_catalog.begin(), k_catalog.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == k_catalog.end() ? nullptr : &*it;
}

namespace rules {

void Context::report(std::string_view id, Position pos, Message message, std::initializer_list<Scope> scopes) {
  const RuleInfo* info = find_rule(id);
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
  for (const Scope& scope : scopes) {
    if (d.suppressed || !scope.suppress) {
      continue;
    }
    for (const Suppression& s : *scope.suppress) {
      if (s.rule == id) {
        d.suppressed = s.reason.value;
        used_suppressions.push_back(s.pos);
        break;
      }
    }
  }
  for (const ExternalSuppression& s : m_options.suppressions) {
    if (d.suppressed || s.rule != id || !path_matches(m_notice.path, s.path)) {
      continue;
    }
    const bool element_matches =
        s.element.empty() ||
        std::any_of(scopes.begin(), scopes.end(), [&](const Scope& sc) { return sc.id && *sc.id == s.element; });
    if (element_matches) {
      d.suppressed = s.reason;
    }
  }
  m_out.push_back(std::move(d));
}

} // namespace rules

void apply_options(std::vector<Diagnostic>& diagnostics, const RuleOptions& options) {
  std::vector<Diagnostic> kept;
  kept.reserve(diagnostics.size());
  for (auto& d : diagnostics) {
    const RuleInfo* info = find_rule(d.rule_id);
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

std::vector<Diagnostic> check_notice(const Notice& notice, const RuleOptions& options) {
  std::vector<Diagnostic> out;
  rules::Context ctx(notice, options, out);
  rules::check_structure_file(ctx);
  for (const Revision& revision : notice.revisions) {
    if (options.revision && revision_at(notice, *options.revision) != &revision) {
      continue;
    }
    const Notice view = at(notice, revision.effective);
    rules::Context view_ctx(view, options, out);
    view_ctx.revision = to_string(revision.effective);
    rules::check_structure_revision(view_ctx);
    ctx.used_suppressions.insert(ctx.used_suppressions.end(), view_ctx.used_suppressions.begin(),
                                 view_ctx.used_suppressions.end());
  }
  // Suppressions: each must name a real rule and should still be needed.
  const auto check_suppressions = [&](const std::vector<Suppression>& list, const std::string& owner) {
    for (const Suppression& s : list) {
      if (!find_rule(s.rule)) {
        ctx.report("unknown-suppressed-rule", s.pos,
                   {"`" + s.rule + "` is not a rule; `notice-audit rules` lists them (suppression on `" + owner + "`)",
                    "`" + s.rule + "` という規則はありません。`notice-audit rules` で一覧できます（`" + owner +
                        "` の抑止）"});
      } else if (std::find(ctx.used_suppressions.begin(), ctx.used_suppressions.end(), s.pos) ==
                 ctx.used_suppressions.end()) {
        ctx.report("unused-suppression", s.pos,
                   {"this suppression of `" + s.rule + "` matches no finding; remove it",
                    "`" + s.rule + "` の抑止に該当する指摘がありません。削除してください"});
      }
    }
  };
  for (const auto& category : notice.categories) {
    check_suppressions(category.suppress, category.id);
    for (const auto& bucket : category.buckets) {
      check_suppressions(bucket.suppress, bucket.id);
      for (const auto& item : bucket.items) {
        check_suppressions(item.suppress, item.id);
      }
    }
  }
  apply_options(out, options);
  sort_diagnostics(out);
  return out;
}

} // namespace notice
