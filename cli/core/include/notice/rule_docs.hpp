// The documentation page of each rule (docs/rules/<id>.md), compiled in: printed by
// `notice-audit rules ID` and carried as rule help in SARIF, so neither needs files at run time.
#pragma once

#include <optional>
#include <string_view>

namespace notice {

/// The Markdown page of rule `id`, or std::nullopt when the rule has none.
std::optional<std::string_view> rule_page(std::string_view id);

} // namespace notice
