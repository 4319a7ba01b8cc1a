// Findings about the user's documents.
#pragma once

#include "notice/source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

enum class Severity { info, warning, error };

/// One finding: which rule, where, and what to do about it.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string rule_id;
  std::string path;
  Position pos;
  std::string message;
  std::vector<std::string> revisions; ///< effective dates of the revisions it applies to; empty: the file
  std::optional<std::string> suppressed; ///< the reason, when the author suppressed it

  auto operator<=>(const Diagnostic&) const = default;
};

std::string_view to_string(Severity severity);

/// Parses "info", "warning", "error"; std::nullopt otherwise.
std::optional<Severity> parse_severity(std::string_view name);

/// `path:line:col: severity: message [rule-id]`, the GNU form every report starts from.
std::string format_diagnostic(const Diagnostic& diagnostic);

/// Orders findings by path, position, rule id and message, and merges exact duplicates.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

} // namespace notice
