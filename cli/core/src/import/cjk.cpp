#include "import/cjk.hpp"

#include "diff/text.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace notice::import {
namespace {

constexpr std::array<std::pair<char32_t, char32_t>, 216> k_radicals{{
#include "import/kangxi.inc"
}};

bool is_ascii_digit(char32_t c) {
  return c >= '0' && c <= '9';
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' || c == 0xA0;
}

char32_t first_code_point(std::string_view text) {
  std::size_t i = 0;
  return text.empty() ? 0 : detail::next_code_point(text, i);
}

char32_t last_code_point(std::string_view text) {
  std::size_t start = text.size();
  while (start > 0 && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80) {
    --start;
  }
  if (start == 0) {
    return first_code_point(text);
  }
  std::size_t i = start - 1;
  return detail::next_code_point(text, i);
}

} // namespace

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

int display_width(std::string_view text) {
  int width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    width += is_wide(detail::next_code_point(text, i)) ? 2 : 1;
  }
  return width;
}

char32_t unify_radical(char32_t c) {
  if (c < k_radicals.front().first || c > k_radicals.back().first) {
    return c;
  }
  const auto it = std::lower_bound(k_radicals.begin(), k_radicals.end(), c,
                                   [](const std::pair<char32_t, char32_t> &p, char32_t v) { return p.first < v; });
  return it != k_radicals.end() && it->first == c ? it->second : c;
}

std::string collapse_whitespace(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t c = detail::next_code_point(text, i);
    if (is_space(c) || (c == 0x3000 && out.empty())) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += U' ';
      pending_space = false;
    }
    out += c;
  }
  while (!out.empty() && out.back() == 0x3000) {
    out.pop_back();
  }
  return detail::to_utf8(out);
}

std::string repair_extracted_spacing(std::string_view text) {
  std::u32string cps = detail::code_points(text);
  std::transform(cps.begin(), cps.end(), cps.begin(), unify_radical);
  std::u32string out;
  out.reserve(cps.size());
  std::size_t k = 0;
  while (k < cps.size()) {
    if (!is_space(cps[k])) {
      out += cps[k++];
      continue;
    }
    std::size_t end = k;
    while (end < cps.size() && is_space(cps[end])) {
      ++end;
    }
    if (k > 0 && end < cps.size()) {
      const char32_t before = cps[k - 1];
      const char32_t after = cps[end];
      const bool artefact = end - k <= 2 && ((is_wide(before) && (is_wide(after) || is_ascii_digit(after))) ||
                                             (is_ascii_digit(before) && is_wide(after)));
      if (!artefact) {
        out += U' ';
      }
    }
    k = end;
  }
  return detail::to_utf8(out);
}

std::string join_wrapped(std::string_view first, std::string_view second) {
  if (first.empty() || second.empty()) {
    return std::string(first) + std::string(second);
  }
  const bool tight = is_wide(last_code_point(first)) || is_wide(first_code_point(second));
  return std::string(first) + (tight ? "" : " ") + std::string(second);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  });
  return out;
}

Indent leading_indent(std::string_view line) {
  Indent indent;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t next = i;
    const char32_t c = detail::next_code_point(line, next);
    if (c == ' ' || c == 0xA0) {
      indent.columns += 1;
    } else if (c == '\t') {
      indent.columns += 8 - indent.columns % 8;
    } else if (c == 0x3000) {
      indent.columns += 2;
    } else {
      break;
    }
    ++indent.code_points;
    i = next;
  }
  indent.bytes = i;
  return indent;
}

} // namespace notice::import
