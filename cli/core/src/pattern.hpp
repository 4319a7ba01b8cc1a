// The regular expressions of JSON Schema `pattern`s, matched with PCRE2 (libpcre2-dev): compiled once,
// JIT-compiled where the machine allows, with a match limit. std::regex, which valijson uses, took a
// fifth of the schema check (docs/benchmarks.md) and recurses once per character.
#pragma once

#include <string_view>

namespace notice::detail {

/// One compiled pattern. ECMA-262 as JSON Schema asks, as far as PCRE2 shares it: the pattern and the
/// subject are UTF-8 read as code points, `$` matches only at the very end (no final line feed), and
/// \uXXXX escapes are ECMAScript's. Matching is safe from several threads at once.
class Pattern {
public:
  /// Compiles `pattern`; throws notice::Error naming the pattern and PCRE2's reason when it cannot.
  explicit Pattern(std::string_view pattern);
  ~Pattern();
  Pattern(const Pattern &) = delete;
  Pattern &operator=(const Pattern &) = delete;

  /// True when the pattern matches somewhere in `subject` (JSON Schema patterns are not anchored).
  /// A subject that is not UTF-8, or a match past the match limit, does not match.
  bool search(std::string_view subject) const;

private:
  void *m_code; // pcre2_code_8
};

} // namespace notice::detail
