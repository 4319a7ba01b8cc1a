// Finding any of a list of words in a text in one pass (an Aho-Corasick automaton over bytes), so
// that asking a lexicon list of a text costs one scan of the text, not one scan per word.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice::detail {

/// A set of non-empty words compiled, once, into a byte automaton. Thread-safe: read-only after
/// construction.
class WordMatcher {
public:
  /// A match: the byte offset where it starts and the index of the word in the constructor's list.
  struct Match {
    std::size_t offset = 0;
    std::size_t word = 0;
  };

  WordMatcher() = default;

  /// Compiles `words` (non-empty; duplicates allowed, the first one counts).
  explicit WordMatcher(const std::vector<std::string> &words);

  /// The earliest occurrence in `text` of any word, and of the words starting there the longest (the
  /// first in list order among equal words): what searching each word with std::string_view::find
  /// and keeping the smallest offset, then the longest word, gives. std::nullopt when none occurs.
  std::optional<Match> find(std::string_view text) const;

  /// True when some word occurs in `text` (stops at the first match).
  bool contains(std::string_view text) const;

private:
  std::uint16_t m_class[256] = {};  // byte → its class; 0 for bytes no word contains
  std::size_t m_classes = 1;        // number of classes
  std::vector<std::int32_t> m_next; // state * m_classes + class → next state (a complete DFA)
  // Per state: the longest word that ends here (the state's own, or through its suffix links), as
  // length and index; length 0 when none.
  std::vector<std::uint32_t> m_length;
  std::vector<std::uint32_t> m_word;
  std::size_t m_longest = 0; // the longest word's length
};

} // namespace notice::detail
