// Findings about the user's documents.
#pragma once

#include "notice/source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

enum class Severity { info, warning, error };

/// The language of messages: officers read Japanese, CI logs are often English.
enum class Lang { en, ja };

/// A message in both languages; every finding carries both.
struct Message {
  std::string en;
  std::string ja;
};

/// One finding: which rule, where, and what to do about it.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string rule_id;
  std::string path;
  Position pos;
  std::string message;                ///< English
  std::string message_ja;             ///< Japanese
  std::vector<std::string> revisions; ///< effective dates of the revisions it applies to; empty: the file
  std::string since; ///< the date it starts, when later than the revision's effective date (YYYY-MM-DD)
  std::string until; ///< the last day it holds, when it ends before the revision does
  std::optional<std::string> suppressed; ///< the reason, when the author suppressed it

  auto operator<=>(const Diagnostic &) const = default;
};

std::string_view to_string(Severity severity);

/// The word for `severity` in `lang`: error/warning/info, or エラー/警告/情報.
std::string_view severity_name(Severity severity, Lang lang);

/// Parses "info", "warning", "error"; std::nullopt otherwise.
std::optional<Severity> parse_severity(std::string_view name);

/// The message of `diagnostic` in `lang` (English when no translation exists).
const std::string &message_in(const Diagnostic &diagnostic, Lang lang);

/// `path:line:col: severity: message [rule-id]`, the GNU form every report starts from.
std::string format_diagnostic(const Diagnostic &diagnostic, Lang lang = Lang::en);

/// Parses "en", "ja"; std::nullopt otherwise.
std::optional<Lang> parse_lang(std::string_view name);

/// The language the environment asks for: Japanese when LC_ALL, LC_MESSAGES or LANG (the first
/// one set) starts with "ja", English otherwise.
Lang lang_from_environment();

/// Orders findings by path, position, rule id and message, and merges exact duplicates.
void sort_diagnostics(std::vector<Diagnostic> &diagnostics);

} // namespace notice
