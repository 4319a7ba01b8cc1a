// Character-level comparison of wordings, and their similarity.
#include "diff/text.hpp"

#include "notice/diff.hpp"

#include <algorithm>
#include <cstdint>

namespace notice {
namespace detail {

std::u32string code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + length > text.size()) {
      length = 1;
    }
    char32_t cp = length == 1 ? c : length == 2 ? (c & 0x1Fu) : length == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) {
        // Not a continuation byte: take the lead byte alone and resynchronise.
        cp = c;
        length = 1;
        break;
      }
      cp = (cp << 6) | (next & 0x3Fu);
    }
    out.push_back(cp);
    i += length;
  }
  return out;
}

std::vector<std::uint64_t> bigrams(std::string_view text) {
  const std::u32string cps = code_points(text);
  std::vector<std::uint64_t> out;
  if (cps.size() == 1) {
    out.push_back(static_cast<std::uint64_t>(cps[0]) << 32);
  }
  for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
    out.push_back((static_cast<std::uint64_t>(cps[i]) << 32) | cps[i + 1]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t shared_count(const std::vector<std::uint64_t> &x, const std::vector<std::uint64_t> &y) {
  std::size_t shared = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] == y[j]) {
      ++shared;
      ++i;
      ++j;
    } else if (x[i] < y[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return shared;
}

std::string to_utf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (const char32_t cp : cps) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

} // namespace detail

namespace {

using Op = TextSegment::Op;

// Above this many cells the middle is reported as one replaced passage: texts are at most 4000
// characters, and a table this size is 8 MB of 16-bit counts.
constexpr std::size_t k_max_cells = 4'000'000;

void push(std::vector<std::pair<Op, std::u32string>> &out, Op op, std::u32string_view text) {
  if (text.empty()) {
    return;
  }
  if (!out.empty() && out.back().first == op) {
    out.back().second.append(text);
  } else {
    out.emplace_back(op, std::u32string(text));
  }
}

// Classic LCS table on the differing middle; ties prefer removal first so that a replaced passage
// reads "removed, then inserted".
void lcs_diff(std::u32string_view a, std::u32string_view b, std::vector<std::pair<Op, std::u32string>> &out) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if (n == 0 || m == 0 || n * m > k_max_cells) {
    push(out, Op::removed, a);
    push(out, Op::inserted, b);
    return;
  }
  // table[i][j] = LCS length of a[i..] and b[j..]
  std::vector<std::uint16_t> table((n + 1) * (m + 1), 0);
  const auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      table[at(i, j)] = a[i] == b[j] ? static_cast<std::uint16_t>(table[at(i + 1, j + 1)] + 1)
                                     : std::max(table[at(i + 1, j)], table[at(i, j + 1)]);
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      push(out, Op::equal, a.substr(i, 1));
      ++i;
      ++j;
    } else if (table[at(i + 1, j)] >= table[at(i, j + 1)]) {
      push(out, Op::removed, a.substr(i, 1));
      ++i;
    } else {
      push(out, Op::inserted, b.substr(j, 1));
      ++j;
    }
  }
  push(out, Op::removed, a.substr(i));
  push(out, Op::inserted, b.substr(j));
}

// Folds a one-character equal run lying between two changes into them, and regroups each run of
// changes as all removals then all insertions, so that 「健康保険被保険者証」→「資格確認書」 reads as one
// replaced passage rather than a scatter of matched particles.
std::vector<std::pair<Op, std::u32string>> tidy(const std::vector<std::pair<Op, std::u32string>> &raw) {
  std::vector<std::pair<Op, std::u32string>> out;
  std::size_t k = 0;
  while (k < raw.size()) {
    if (raw[k].first == Op::equal) {
      push(out, Op::equal, raw[k].second);
      ++k;
      continue;
    }
    std::u32string removed;
    std::u32string inserted;
    while (k < raw.size()) {
      const auto &[op, text] = raw[k];
      if (op == Op::removed) {
        removed += text;
      } else if (op == Op::inserted) {
        inserted += text;
      } else if (text.size() <= 1 && k + 1 < raw.size()) {
        removed += text;
        inserted += text;
      } else {
        break;
      }
      ++k;
    }
    push(out, Op::removed, removed);
    push(out, Op::inserted, inserted);
  }
  return out;
}

} // namespace

std::vector<TextSegment> diff_text(std::string_view old_text, std::string_view new_text) {
  const std::u32string a = detail::code_points(old_text);
  const std::u32string b = detail::code_points(new_text);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    ++prefix;
  }
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<std::pair<Op, std::u32string>> raw;
  const std::u32string_view av(a);
  const std::u32string_view bv(b);
  push(raw, Op::equal, av.substr(0, prefix));
  lcs_diff(av.substr(prefix, a.size() - prefix - suffix), bv.substr(prefix, b.size() - prefix - suffix), raw);
  push(raw, Op::equal, av.substr(a.size() - suffix));
  std::vector<TextSegment> out;
  for (const auto &[op, text] : tidy(raw)) {
    out.push_back({op, detail::to_utf8(text)});
  }
  return out;
}

double text_similarity(std::string_view a, std::string_view b) {
  const auto x = detail::bigrams(a);
  const auto y = detail::bigrams(b);
  if (x.empty() && y.empty()) {
    return a == b ? 1.0 : 0.0;
  }
  const std::size_t shared = detail::shared_count(x, y);
  return 2.0 * static_cast<double>(shared) / static_cast<double>(x.size() + y.size());
}

} // namespace notice
