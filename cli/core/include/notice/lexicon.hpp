// Named word lists by which rules read a notice's printed text (schemas/lexicon.yaml, compiled in).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace notice {

namespace detail {
class WordMatcher;
class ListsMatcher;
} // namespace detail

/// A match of a lexicon word in a text: its byte offset and the word.
struct WordMatch {
  std::size_t offset = 0;
  std::string_view word;
};

/// The built-in lexicon. Thread-safe: built once, then read-only.
class Lexicon {
public:
  /// The lexicon compiled from schemas/lexicon.yaml; throws notice::Error if it is malformed.
  static const Lexicon &builtin();

  /// Builds a lexicon from YAML text; throws notice::Error naming `name` and the position.
  static Lexicon parse(const std::string &name, std::string_view text);

  /// The words of list `list`; throws notice::Error for a list that does not exist (a rule's bug).
  const std::vector<std::string> &words(std::string_view list) const;

  /// The earliest occurrence in `text` of a word of `list` (the longest word at that place). One pass
  /// over `text` whatever the number of words.
  std::optional<WordMatch> find(std::string_view list, std::string_view text) const;

  /// True when `text` contains a word of `list`.
  bool any(std::string_view list, std::string_view text) const;

  /// True when `text` is exactly one of the words of `list`.
  bool is(std::string_view list, std::string_view text) const;

  /// The names of all lists, in file order.
  std::vector<std::string> list_names() const;

  /// The index of list `list` among list_names(); throws notice::Error for a list that does not exist.
  std::size_t list_index(std::string_view list) const { return index(list); }

  /// A list's earliest word in a text, as scan() finds it.
  struct Found {
    std::size_t list = 0; ///< list_index() of the list
    WordMatch match;
  };

  /// For every list with a word in `text`, what find() gives for it, sorted by list index: all lists
  /// in one pass over `text`.
  std::vector<Found> scan(std::string_view text) const;

  /// The match of list number `list` in `found` (a result of scan()), if any.
  static std::optional<WordMatch> in(const std::vector<Found> &found, std::size_t list);

private:
  /// The index of `list` in m_lists; throws notice::Error for a list that does not exist.
  std::size_t index(std::string_view list) const;

  std::vector<std::pair<std::string, std::vector<std::string>>> m_lists;
  /// Per list, its words compiled into one automaton (shared: the lexicon is copied by value).
  std::vector<std::shared_ptr<const detail::WordMatcher>> m_matchers;
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  /// Index of each list in m_lists by name.
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> m_by_name;
  /// Every list's words compiled together, for scan().
  std::shared_ptr<const detail::ListsMatcher> m_all;
};

} // namespace notice
