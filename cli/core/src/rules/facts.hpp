// What the rules read from a revision's texts that does not depend on the date judged. A revision is
// judged on every date the law changed while it was in force; its texts, the citations in them and
// the lexicon words they contain are read once per revision, here, and asked again on each date.
#pragma once

#include "rules/context.hpp"
#include "rules/text.hpp"

#include "notice/law.hpp"
#include "notice/legal.hpp"
#include "notice/lexicon.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace notice::rules {

/// A citation to judge: where it stands and the words that say what it is cited for.
struct Occurrence {
  law::Cite cite;
  Position pos;
  std::string sentence; ///< the sentence it stands in (for a `basis:` entry, its item's wording)
  std::string context;  ///< the wider words around it
  std::vector<Scope> scopes;
  const UseCase *item = nullptr; ///< the item it belongs to, if any
};

/// The date-independent readings of one revision's view. Not thread-safe: one per view and thread.
class ViewFacts {
public:
  explicit ViewFacts(const Notice &view);
  ViewFacts(const ViewFacts &) = delete;
  ViewFacts &operator=(const ViewFacts &) = delete;

  /// Every published text of the view, as for_each_text() visits them.
  const std::vector<TextRef> &texts() const { return m_texts; }

  /// The earliest word of lexicon list `list` in texts()[i] (Lexicon::find); every text is scanned
  /// once for all lists (Lexicon::scan).
  std::optional<WordMatch> find(std::string_view list, std::size_t i) const;

  /// The same for the list numbered `list` (Lexicon::list_index), for loops over the texts.
  std::optional<WordMatch> find(std::size_t list, std::size_t i) const { return Lexicon::in(m_words.at(i), list); }

  /// True when texts()[i] contains a word of `list`.
  bool any(std::string_view list, std::size_t i) const { return find(list, i).has_value(); }
  bool any(std::size_t list, std::size_t i) const { return find(list, i).has_value(); }

  /// True when some text of the view contains a word of `list` (the same as the texts joined: no
  /// lexicon word spans a line break).
  bool any_text(std::string_view list);

  /// The texts in which a keyword of `provision` occurs (law::Provision::keywords, each searched as
  /// written): per text its index in texts() and the first keyword, in the provision's order, found there.
  const std::vector<std::pair<std::size_t, WordMatch>> &keyword_texts(const law::Provision &provision);

  /// The index in texts() of `text`, a text of the view; npos for an empty or unpublished one.
  std::size_t index_of(const Text &text) const;

  /// The facts legal::assess() reads from the whole notice.
  const legal::NoticeFacts &legal();

  /// legal::read_item() of an item of the view, read once.
  const legal::ItemReading &reading(const Bucket &bucket, const UseCase &item);

  /// Every citation the notice makes (rules/legal.cpp fills it on first use).
  std::optional<std::vector<Occurrence>> citations;

  /// Per occurrence of `citations`, the provisions its sentence (else its context) names.
  std::vector<std::vector<const law::Provision *>> named;

  /// Per item, whether its wording sends data abroad (rules/flows.cpp fills it on first use).
  std::unordered_map<const UseCase *, bool> wording_abroad;

private:
  const Notice &m_view;
  std::vector<TextRef> m_texts;
  std::vector<std::vector<Lexicon::Found>> m_words; // per text, Lexicon::scan
  std::unordered_map<const Text *, std::size_t> m_index;
  std::unordered_map<const law::Provision *, std::vector<std::pair<std::size_t, WordMatch>>> m_keywords;
  std::vector<signed char> m_any; // per lexicon list: -1 not yet known, else whether some text has a word
  std::optional<legal::NoticeFacts> m_legal;
  std::unordered_map<const UseCase *, legal::ItemReading> m_readings;
};

} // namespace notice::rules
