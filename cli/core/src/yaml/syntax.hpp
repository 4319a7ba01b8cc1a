// YAML syntax errors in the project's words, with hints for the slips Japanese authors make most
// (a full-width colon or full-width spaces, indentation off by a level, an unclosed quote). The
// event adapter classifies the parser's error; the wording and the hints live here, parser-neutral.
#pragma once

#include "../yaml_tree.hpp"

#include "notice/source.hpp"

#include <string>

namespace notice::detail {

/// What the parser stumbled over.
enum class SyntaxSlip {
  key_without_colon,  ///< a line that is not `key: value` where a key was expected
  colon_not_allowed,  ///< `: ` where no key can start (over-indented line, text with `: `)
  expected_key,       ///< a block mapping expected another key here
  expected_item,      ///< a block sequence expected another `- ` here
  item_not_allowed,   ///< `- ` where no list can start
  unclosed_quote,     ///< a quoted scalar runs to the end of the file
  unclosed_bracket,   ///< a flow `[` or `{` is not closed
  tab,                ///< a tab used for indentation
  reserved_character, ///< a token cannot start with this character (`@`, backquote, …)
  bad_escape,         ///< an unknown escape in double-quoted text
  bad_anchor,         ///< `&` or `*` not followed by a name
  missing_value,      ///< a node was expected
  other,              ///< anything else; `detail` carries the parser's words
};

/// The problem for `slip` at `pos` in `source` (1-based, code points), with a hint when the line
/// shows a common slip. `opening` is the opening quote or bracket for the unclosed ones; `detail`
/// the parser's own description for SyntaxSlip::other.
YamlProblem syntax_problem(const Source &source, SyntaxSlip slip, Position pos, char opening = 0,
                           const std::string &detail = {});

} // namespace notice::detail
