// `notice-audit rules ID`: one rule's documentation.
#pragma once

#include <iosfwd>
#include <string>

namespace notice::cli {

/// Prints the compiled-in page of validate rule `id` (docs/rules/<id>.md), or the catalogue entry of
/// diff change class `id`, and returns 0. Throws notice::Error naming the closest known id otherwise.
int print_rule_page(const std::string &id, std::ostream &out);

} // namespace notice::cli
