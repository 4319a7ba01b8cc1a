#include "word_matcher.hpp"

#include <algorithm>

namespace notice::detail {

WordMatcher::WordMatcher(std::vector<std::string> words) : m_words(std::move(words)) {
  const auto set = [&](std::size_t bit) { m_starts[bit / 64] |= std::uint64_t{1} << (bit % 64); };
  for (std::size_t i = 0; i < m_words.size(); ++i) {
    const std::string &w = m_words[i];
    if (w.empty()) {
      continue;
    }
    const auto first = static_cast<unsigned char>(w[0]);
    if (w.size() == 1) {
      for (unsigned second = 0; second < 256; ++second) {
        set(slot(first, static_cast<unsigned char>(second)));
      }
    } else {
      set(slot(first, static_cast<unsigned char>(w[1])));
    }
    m_by_length.push_back(i);
  }
  std::stable_sort(m_by_length.begin(), m_by_length.end(),
                   [&](std::size_t a, std::size_t b) { return m_words[a].size() > m_words[b].size(); });
}

std::optional<WordMatcher::Match> WordMatcher::word_at(std::string_view text, std::size_t at) const {
  const std::string_view rest = text.substr(at);
  for (const std::size_t i : m_by_length) {
    if (rest.size() >= m_words[i].size() && rest.compare(0, m_words[i].size(), m_words[i]) == 0) {
      return Match{at, i};
    }
  }
  return std::nullopt;
}

std::optional<WordMatcher::Match> WordMatcher::find(std::string_view text) const {
  // The first position where a word starts is the earliest match; there, the longest word.
  const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    if ((bytes[i] & 0xC0) == 0x80) {
      continue; // inside a character: no word starts there
    }
    const std::size_t bit = slot(bytes[i], i + 1 < n ? bytes[i + 1] : 0);
    if ((m_starts[bit / 64] >> (bit % 64) & 1) != 0) {
      if (auto match = word_at(text, i)) {
        return match;
      }
    }
  }
  return std::nullopt;
}

ListsMatcher::ListsMatcher(const std::vector<std::vector<std::string>> &lists) : m_words(lists), m_lists(lists.size()) {
  // Every slot a word may be found under: its first three bytes; a shorter word, every slot that begins
  // with its bytes.
  std::vector<std::vector<Entry>> slots(k_bits);
  for (std::size_t l = 0; l < m_words.size(); ++l) {
    for (std::size_t i = 0; i < m_words[l].size(); ++i) {
      const std::string_view w = m_words[l][i];
      if (w.empty()) {
        continue;
      }
      const Entry entry{w, l, i};
      const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(w[k]); };
      std::vector<std::size_t> where;
      if (w.size() >= 3) {
        where.push_back(slot(byte(0), byte(1), byte(2)));
      } else if (w.size() == 2) {
        for (unsigned b2 = 0; b2 < 256; ++b2) {
          where.push_back(slot(byte(0), byte(1), static_cast<unsigned char>(b2)));
        }
      } else {
        for (unsigned b1 = 0; b1 < 256; ++b1) {
          for (unsigned b2 = 0; b2 < 256; ++b2) {
            where.push_back(slot(byte(0), static_cast<unsigned char>(b1), static_cast<unsigned char>(b2)));
          }
        }
      }
      std::sort(where.begin(), where.end());
      where.erase(std::unique(where.begin(), where.end()), where.end());
      for (const std::size_t s : where) {
        m_starts[s / 64] |= std::uint64_t{1} << (s % 64);
        slots[s].push_back(entry);
      }
    }
  }
  m_first.reserve(k_bits + 1);
  for (auto &entries : slots) {
    // Longest first; list order among equal lengths (so the first of equal words counts).
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry &a, const Entry &b) { return a.word.size() > b.word.size(); });
    m_first.push_back(static_cast<std::uint32_t>(m_entries.size()));
    m_entries.insert(m_entries.end(), entries.begin(), entries.end());
  }
  m_first.push_back(static_cast<std::uint32_t>(m_entries.size()));
}

std::vector<ListsMatcher::Found> ListsMatcher::find_all(std::string_view text) const {
  std::vector<Found> found;
  if (m_lists == 0) {
    return found;
  }
  // Which lists already have their earliest word: positions are visited in order, so the first word
  // found for a list is its earliest, and at one position the longest comes first.
  std::uint64_t small[4] = {0, 0, 0, 0}; // up to 256 lists without allocating
  std::vector<std::uint64_t> large(m_lists > 256 ? (m_lists + 63) / 64 : 0, 0);
  std::uint64_t *done = m_lists > 256 ? large.data() : small;
  const auto is_done = [&](std::size_t l) { return (done[l / 64] >> (l % 64) & 1) != 0; };
  const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    if ((bytes[i] & 0xC0) == 0x80) {
      continue; // inside a character: no word starts there
    }
    const std::size_t s = slot(bytes[i], i + 1 < n ? bytes[i + 1] : 0, i + 2 < n ? bytes[i + 2] : 0);
    if ((m_starts[s / 64] >> (s % 64) & 1) == 0) {
      continue;
    }
    const std::string_view rest = text.substr(i);
    for (std::uint32_t e = m_first[s]; e < m_first[s + 1]; ++e) {
      const Entry &entry = m_entries[e];
      if (!is_done(entry.list) && rest.size() >= entry.word.size() &&
          rest.compare(0, entry.word.size(), entry.word) == 0) {
        done[entry.list / 64] |= std::uint64_t{1} << (entry.list % 64);
        found.push_back(Found{entry.list, i, entry.index});
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const Found &a, const Found &b) { return a.list < b.list; });
  return found;
}

} // namespace notice::detail
