// `notice-audit rules ID`: one rule's documentation.
#pragma once

#include "notice/error.hpp"

#include <iosfwd>
#include <string>

namespace notice::cli {

/// Prints the compiled-in page of validate rule `id` (docs/rules/<id>.md), or the catalogue entry of
/// diff change class `id`, and returns 0. Throws notice::Error naming the closest known id otherwise.
int print_rule_page(const std::string &id, std::ostream &out);

/// The error for `id`, which names no rule, as the user gave it after `what` ("--ignore", "rules"):
/// it names the nearest validate rule (or diff change class, when `with_diff_classes`).
Error unknown_rule_error(const std::string &what, const std::string &id, bool with_diff_classes);

} // namespace notice::cli
