// Reading citations of statutes (第19条第7号 …) out of Japanese prose.
#include "utf8.hpp"

#include "notice/law.hpp"

#include <array>

namespace notice::law {
namespace {

struct Char {
  char32_t cp;
  std::size_t offset; // byte offset in the original text
  std::size_t size;   // bytes in the original text
};

// Decodes UTF-8 (already validated by the loader) into code points with their offsets, dropping
// white space and folding full-width digits to ASCII so that 第 １９ 条 reads as 第19条.
std::vector<Char> decode(std::string_view text) {
  std::vector<Char> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    char32_t cp = detail::next_code_point(text, i);
    if (cp >= U'０' && cp <= U'９') {
      cp = cp - U'０' + U'0';
    }
    if (cp != U' ' && cp != U'\t' && cp != U'\n' && cp != U'\r' && cp != U'　') {
      out.push_back({cp, start, i - start});
    }
  }
  return out;
}

int kanji_digit(char32_t cp) {
  static constexpr std::array<char32_t, 10> k_digits = {U'〇', U'一', U'二', U'三', U'四',
                                                        U'五', U'六', U'七', U'八', U'九'};
  for (std::size_t d = 0; d < k_digits.size(); ++d) {
    if (k_digits[d] == cp) {
      return static_cast<int>(d);
    }
  }
  return -1;
}

bool is_numeral(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || kanji_digit(cp) >= 0 || cp == U'十' || cp == U'百';
}

// Reads a number (ASCII digits, or kanji numerals up to 999) starting at `i`; advances `i`.
std::optional<int> read_number(const std::vector<Char> &s, std::size_t &i) {
  if (i >= s.size() || !is_numeral(s[i].cp)) {
    return std::nullopt;
  }
  if (s[i].cp >= U'0' && s[i].cp <= U'9') {
    int value = 0;
    while (i < s.size() && s[i].cp >= U'0' && s[i].cp <= U'9' && value < 100000) {
      value = value * 10 + static_cast<int>(s[i].cp - U'0');
      ++i;
    }
    return value;
  }
  int value = 0;
  int current = 0;
  while (i < s.size() && is_numeral(s[i].cp) && !(s[i].cp >= U'0' && s[i].cp <= U'9')) {
    const char32_t cp = s[i].cp;
    if (cp == U'百') {
      value += (current ? current : 1) * 100;
      current = 0;
    } else if (cp == U'十') {
      value += (current ? current : 1) * 10;
      current = 0;
    } else {
      current = kanji_digit(cp);
    }
    ++i;
  }
  return value + current;
}

// Reads "[第]N<unit>" at `i`; on success advances `i` past the unit.
std::optional<int> read_unit(const std::vector<Char> &s, std::size_t &i, char32_t unit) {
  std::size_t j = i;
  if (j < s.size() && s[j].cp == U'第') {
    ++j;
  }
  const auto n = read_number(s, j);
  if (!n || j >= s.size() || s[j].cp != unit) {
    return std::nullopt;
  }
  i = j + 1;
  return n;
}

bool matches_at(const std::vector<Char> &s, std::size_t at, std::u32string_view name) {
  if (at + name.size() > s.size()) {
    return false;
  }
  for (std::size_t k = 0; k < name.size(); ++k) {
    if (s[at + k].cp != name[k]) {
      return false;
    }
  }
  return true;
}

// Reads 第N条(のB)(第P項)(第I号) at `i`; advances `i` past it.
std::optional<Cite> read_cite(const std::vector<Char> &s, std::size_t &i) {
  std::size_t j = i;
  const auto article = read_unit(s, j, U'条');
  if (!article) {
    return std::nullopt;
  }
  Cite c;
  c.article = *article;
  if (j + 1 < s.size() && s[j].cp == U'の') {
    std::size_t m = j + 1;
    if (const auto branch = read_number(s, m)) {
      c.branch = *branch;
      j = m;
    }
  }
  if (const auto paragraph = read_unit(s, j, U'項')) {
    c.paragraph = *paragraph;
  }
  if (const auto item = read_unit(s, j, U'号')) {
    c.item = *item;
  }
  i = j;
  return c;
}

} // namespace

std::string law_id(std::string_view name, const Database &db) {
  if (name == "consent" || name == "implied_consent" || name == "other") {
    return std::string(name);
  }
  if (db.find_law(name)) {
    return std::string(name);
  }
  const auto s = decode(name);
  for (const auto &[law_name, id] : db.names_longest_first()) {
    if (s.size() == law_name.size() && matches_at(s, 0, law_name)) {
      return id;
    }
  }
  return "";
}

std::optional<Cite> parse_cite(std::string_view text) {
  const auto s = decode(text);
  std::size_t i = 0;
  auto c = read_cite(s, i);
  if (!c || i != s.size()) {
    return std::nullopt;
  }
  return c;
}

std::vector<Citation> find_citations(std::string_view text, const Database &db) {
  std::vector<Citation> out;
  // Every citation has its 条: most texts have none, and are not read further.
  if (text.find("条") == std::string_view::npos) {
    return out;
  }
  const auto s = decode(text);
  // The first characters of the law names: elsewhere no name can start.
  std::u32string firsts;
  for (const auto &entry : db.names_longest_first()) {
    if (!entry.first.empty() && firsts.find(entry.first.front()) == std::u32string::npos) {
      firsts.push_back(entry.first.front());
    }
  }
  std::string current_law;
  std::size_t i = 0;
  while (i < s.size()) {
    bool advanced = false;
    if (firsts.find(s[i].cp) != std::u32string::npos) {
      for (const auto &[name, id] : db.names_longest_first()) {
        if (matches_at(s, i, name)) {
          current_law = id;
          i += name.size();
          advanced = true;
          break;
        }
      }
    }
    if (advanced) {
      continue;
    }
    const std::size_t start = i;
    if (auto cite = read_cite(s, i)) {
      Citation c;
      c.cite = *cite;
      c.cite.law = current_law;
      c.offset = s[start].offset;
      const Char &last = s[i - 1];
      c.length = last.offset + last.size - c.offset;
      out.push_back(c);
      continue;
    }
    ++i;
  }
  return out;
}

} // namespace notice::law
