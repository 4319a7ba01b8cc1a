#include "word_matcher.hpp"

#include <algorithm>

namespace notice::detail {

WordMatcher::WordMatcher(const std::vector<std::string> &words) {
  // Bytes that occur in some word get a class of their own; every other byte is class 0, on which
  // the automaton always returns to its start.
  for (const auto &w : words) {
    for (const char ch : w) {
      auto &cls = m_class[static_cast<unsigned char>(ch)];
      if (cls == 0) {
        cls = static_cast<std::uint16_t>(m_classes++);
      }
    }
  }
  const std::size_t c = m_classes;
  const auto add_state = [&] {
    m_next.resize(m_next.size() + c, -1);
    m_length.push_back(0);
    m_word.push_back(0);
    return static_cast<std::int32_t>(m_length.size() - 1);
  };
  add_state();
  // The trie of the words; a state's own word is the first in list order that ends there.
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::int32_t state = 0;
    for (const char ch : words[i]) {
      const std::size_t slot = static_cast<std::size_t>(state) * c + m_class[static_cast<unsigned char>(ch)];
      if (m_next[slot] < 0) {
        const std::int32_t fresh = add_state();
        m_next[slot] = fresh;
      }
      state = m_next[slot];
    }
    if (m_length[static_cast<std::size_t>(state)] == 0) {
      m_length[static_cast<std::size_t>(state)] = static_cast<std::uint32_t>(words[i].size());
      m_word[static_cast<std::size_t>(state)] = static_cast<std::uint32_t>(i);
    }
    m_longest = std::max(m_longest, words[i].size());
  }
  // Breadth first: suffix links, missing transitions filled from the suffix link's (a complete DFA),
  // and each state's longest word ending there (its own, else its suffix link's, which is shallower
  // and so already final).
  std::vector<std::int32_t> fail(m_length.size(), 0);
  std::vector<std::int32_t> queue;
  for (std::size_t k = 0; k < c; ++k) {
    std::int32_t &to = m_next[k];
    if (to < 0) {
      to = 0;
    } else {
      queue.push_back(to);
    }
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const auto u = static_cast<std::size_t>(queue[head]);
    const auto f = static_cast<std::size_t>(fail[u]);
    if (m_length[u] == 0) {
      m_length[u] = m_length[f];
      m_word[u] = m_word[f];
    }
    for (std::size_t k = 0; k < c; ++k) {
      std::int32_t &to = m_next[u * c + k];
      if (to < 0) {
        to = m_next[f * c + k];
      } else {
        fail[static_cast<std::size_t>(to)] = m_next[f * c + k];
        queue.push_back(to);
      }
    }
  }
}

std::optional<WordMatcher::Match> WordMatcher::find(std::string_view text) const {
  std::optional<Match> best;
  std::size_t best_length = 0;
  std::size_t state = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    state = static_cast<std::size_t>(m_next[state * m_classes + m_class[static_cast<unsigned char>(text[i])]]);
    if (const std::size_t length = m_length[state]; length != 0) {
      // The longest word ending here starts earliest of those ending here.
      const std::size_t start = i + 1 - length;
      if (!best || start < best->offset || (start == best->offset && length > best_length)) {
        best = Match{start, m_word[state]};
        best_length = length;
      }
    }
    // A match ending further on starts after the best one: nothing can beat it any more.
    if (best && i + 1 >= best->offset + m_longest) {
      break;
    }
  }
  return best;
}

bool WordMatcher::contains(std::string_view text) const {
  std::size_t state = 0;
  for (const char ch : text) {
    state = static_cast<std::size_t>(m_next[state * m_classes + m_class[static_cast<unsigned char>(ch)]]);
    if (m_length[state] != 0) {
      return true;
    }
  }
  return false;
}

} // namespace notice::detail
