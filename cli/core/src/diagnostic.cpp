#include "notice/diagnostic.hpp"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace notice {

std::string_view to_string(Severity severity) {
  switch (severity) {
  case Severity::info:
    return "info";
  case Severity::warning:
    return "warning";
  case Severity::error:
    return "error";
  }
  return "error";
}

std::string_view severity_name(Severity severity, Lang lang) {
  if (lang == Lang::ja) {
    return severity == Severity::error ? "エラー" : severity == Severity::warning ? "警告" : "情報";
  }
  return to_string(severity);
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "info") {
    return Severity::info;
  }
  if (name == "warning") {
    return Severity::warning;
  }
  if (name == "error") {
    return Severity::error;
  }
  return std::nullopt;
}

const std::string &message_in(const Diagnostic &d, Lang lang) {
  return lang == Lang::ja && !d.message_ja.empty() ? d.message_ja : d.message;
}

std::optional<Lang> parse_lang(std::string_view name) {
  if (name == "en") {
    return Lang::en;
  }
  if (name == "ja") {
    return Lang::ja;
  }
  return std::nullopt;
}

Lang lang_from_environment() {
  for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char *value = std::getenv(name);
    if (value && *value) {
      return std::string_view(value).substr(0, 2) == "ja" ? Lang::ja : Lang::en;
    }
  }
  return Lang::en;
}

std::string format_diagnostic(const Diagnostic &d, Lang lang) {
  std::string out = d.path;
  if (d.pos.known()) {
    out += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column);
  }
  out += ": ";
  out += to_string(d.severity);
  out += ": " + message_in(d, lang) + " [" + d.rule_id + "]";
  return out;
}

void sort_diagnostics(std::vector<Diagnostic> &diagnostics) {
  const auto key = [](const Diagnostic &d) { return std::tie(d.path, d.pos, d.rule_id, d.message); };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic &a, const Diagnostic &b) { return key(a) < key(b); });
  // The same finding reached through several revisions is one finding that lists them all.
  std::vector<Diagnostic> merged;
  for (auto &d : diagnostics) {
    if (!merged.empty() && key(merged.back()) == key(d) && merged.back().severity == d.severity) {
      auto &revisions = merged.back().revisions;
      for (auto &r : d.revisions) {
        if (std::find(revisions.begin(), revisions.end(), r) == revisions.end()) {
          revisions.push_back(r);
        }
      }
      std::sort(revisions.begin(), revisions.end());
      continue;
    }
    merged.push_back(std::move(d));
  }
  diagnostics = std::move(merged);
}

} // namespace notice
