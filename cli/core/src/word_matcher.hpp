// Finding any of a list of words in a text in one pass, so that asking a lexicon list of a text costs
// one scan of the text, not one scan per word: each position is tested against a bitmap of the words'
// first two bytes, and only where it may match are the words compared. Texts and words are UTF-8: a
// word is looked for only where a character starts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice::detail {

/// A set of non-empty words compiled once. Thread-safe: read-only after construction.
class WordMatcher {
public:
  /// A match: the byte offset where it starts and the index of the word in the constructor's list.
  struct Match {
    std::size_t offset = 0;
    std::size_t word = 0;
  };

  WordMatcher() = default;

  /// Compiles `words` (non-empty; duplicates allowed, the first one counts).
  explicit WordMatcher(std::vector<std::string> words);

  /// The earliest occurrence in `text` of any word, and of the words starting there the longest (the
  /// first in list order among equal words): what searching each word with std::string_view::find
  /// and keeping the smallest offset, then the longest word, gives. std::nullopt when none occurs.
  std::optional<Match> find(std::string_view text) const;

  /// True when some word occurs in `text`.
  bool contains(std::string_view text) const { return find(text).has_value(); }

private:
  static constexpr std::size_t k_bits = 4096;
  static std::size_t slot(unsigned char first, unsigned char second) {
    return ((static_cast<std::size_t>(first) << 4) ^ second) % k_bits;
  }
  /// The longest word (first in list order) that starts at `at` in `text`, if any.
  std::optional<Match> word_at(std::string_view text, std::size_t at) const;

  std::vector<std::string> m_words;
  /// Indices of m_words, longest first (list order among equal lengths).
  std::vector<std::size_t> m_by_length;
  /// Bit slot(b0, b1) is set when some word may start with the bytes b0 b1 (a one-byte word b0 sets
  /// every slot of b0).
  std::vector<std::uint64_t> m_starts = std::vector<std::uint64_t>(k_bits / 64);
};

/// Several lists of words searched together: one pass over a text gives each list's earliest word (as
/// WordMatcher::find of that list would). Positions are tested against a bitmap of the words' first
/// three bytes; only the words hashed to that place are compared. Thread-safe: read-only.
class ListsMatcher {
public:
  /// A list's earliest word in a text: the list's index, the offset and the word's index in its list.
  struct Found {
    std::size_t list = 0;
    std::size_t offset = 0;
    std::size_t word = 0;
  };

  ListsMatcher() = default;
  ListsMatcher(const ListsMatcher &) = delete; // m_entries points into m_words
  ListsMatcher &operator=(const ListsMatcher &) = delete;

  /// Compiles `lists` (each word non-empty).
  explicit ListsMatcher(const std::vector<std::vector<std::string>> &lists);

  /// For each list with a word in `text`, its earliest word there (the longest at that place, the
  /// first in list order among equal words), sorted by list index.
  std::vector<Found> find_all(std::string_view text) const;

private:
  static constexpr std::size_t k_bits = 16384;
  static std::size_t slot(unsigned char b0, unsigned char b1, unsigned char b2) {
    return ((static_cast<std::size_t>(b0) * 0x9E5) ^ (static_cast<std::size_t>(b1) * 0x3B) ^ b2) % k_bits;
  }
  struct Entry {
    std::string_view word; // points into m_words
    std::size_t list = 0;
    std::size_t index = 0;
  };
  std::vector<std::vector<std::string>> m_words;
  std::size_t m_lists = 0;
  std::vector<std::uint64_t> m_starts = std::vector<std::uint64_t>(k_bits / 64);
  /// The words that may start where a position hashes to slot s: m_entries[m_first[s] .. m_first[s + 1]),
  /// longest first.
  std::vector<std::uint32_t> m_first;
  std::vector<Entry> m_entries;
};

} // namespace notice::detail
