#include "rules/text.hpp"

#include "utf8.hpp"

#include <array>

namespace notice::rules {
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

struct LawName {
  std::u32string_view name;
  const char *id;
};

// Longest names first, so that 個人情報の保護に関する法律 is not read as …法.
constexpr std::array<LawName, 9> k_laws = {{
    {U"行政手続における特定の個人を識別するための番号の利用等に関する法律", "mynumber_act"},
    {U"行政手続きにおける特定の個人を識別するための番号の利用等に関する法律", "mynumber_act"},
    {U"高齢者の医療の確保に関する法律", "elderly_medical_act"},
    {U"個人情報の保護に関する法律", "appi"},
    {U"高齢者医療確保法", "elderly_medical_act"},
    {U"個人情報保護法", "appi"},
    {U"番号利用法", "mynumber_act"},
    {U"健康保険法", "health_insurance_act"},
    {U"番号法", "mynumber_act"},
}};

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

} // namespace

std::string law_id(std::string_view name) {
  for (const char *id : {"appi", "mynumber_act", "health_insurance_act", "elderly_medical_act", "consent", "other"}) {
    if (name == id) {
      return id;
    }
  }
  const auto s = decode(name);
  for (const auto &law : k_laws) {
    if (matches_at(s, 0, law.name) && s.size() == law.name.size()) {
      return law.id;
    }
  }
  return "";
}

std::vector<Citation> find_citations(std::string_view text) {
  const auto s = decode(text);
  std::vector<Citation> out;
  std::string current_law;
  std::size_t i = 0;
  while (i < s.size()) {
    bool advanced = false;
    for (const auto &law : k_laws) {
      if (matches_at(s, i, law.name)) {
        current_law = law.id;
        i += law.name.size();
        advanced = true;
        break;
      }
    }
    if (advanced) {
      continue;
    }
    const std::size_t start = i;
    std::size_t j = i;
    if (const auto article = read_unit(s, j, U'条')) {
      Citation c;
      c.law = current_law;
      c.article = *article;
      std::size_t k = j;
      if (k + 1 < s.size() && s[k].cp == U'の') {
        std::size_t m = k + 1;
        if (const auto branch = read_number(s, m)) {
          c.article_branch = *branch;
          k = m;
        }
      }
      if (const auto paragraph = read_unit(s, k, U'項')) {
        c.paragraph = *paragraph;
      }
      if (const auto item = read_unit(s, k, U'号')) {
        c.item = *item;
      }
      c.offset = s[start].offset;
      const Char &last = s[k - 1];
      c.length = last.offset + last.size - c.offset;
      out.push_back(c);
      i = k;
      continue;
    }
    // 同法 refers back to the law named last; anything else between citations keeps the context.
    ++i;
  }
  return out;
}

void for_each_text(const Notice &n, const std::function<void(const TextRef &)> &f) {
  f({&n.title});
  for (const auto &p : n.preamble) {
    f({&p.text});
  }
  for (const auto &c : n.categories) {
    f({&c.title, &c});
    for (const auto &t : c.intro) {
      f({&t, &c});
    }
    for (const auto &b : c.buckets) {
      f({&b.heading, &c, &b});
      for (const auto &u : b.items) {
        f({&u.text, &c, &b, &u});
        for (const auto &t : u.notes) {
          f({&t, &c, &b, &u});
        }
      }
    }
  }
  for (const auto &p : n.postscript) {
    f({&p.text});
  }
}

std::vector<Scope> scopes_of(const TextRef &ref) {
  std::vector<Scope> scopes;
  if (ref.item) {
    scopes.push_back({&ref.item->id, &ref.item->suppress});
  }
  if (ref.bucket) {
    scopes.push_back({&ref.bucket->id, &ref.bucket->suppress});
  }
  if (ref.category) {
    scopes.push_back({&ref.category->id, &ref.category->suppress});
  }
  return scopes;
}

Position locate(const Notice &notice, const Text &text, std::size_t offset, std::size_t length) {
  if (!notice.source || !text.pos.known() || offset > text.value.size()) {
    return text.pos;
  }
  const Source &source = *notice.source;
  const auto count_points = [](std::string_view s) {
    int n = 0;
    for (char c : s) {
      n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
  };
  // The value written on one line, plain or quoted, starting at its position.
  const std::string_view line = source.line(text.pos.line);
  std::size_t byte = 0;
  for (int column = 1; column < text.pos.column && byte < line.size(); ++column) {
    do {
      ++byte;
    } while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80);
  }
  std::string_view rest = line.substr(std::min(byte, line.size()));
  int quote = 0;
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    rest.remove_prefix(1);
    quote = 1;
  }
  const std::string_view head = std::string_view(text.value).substr(0, offset + length);
  if (rest.substr(0, head.size()) == head) {
    return Position{text.pos.line, text.pos.column + quote + count_points(text.value.substr(0, offset))};
  }
  // Folded, block or escaped values: find the passage itself on the following lines.
  const std::string_view passage = std::string_view(text.value).substr(offset, length);
  for (int l = text.pos.line; l < text.pos.line + 200; ++l) {
    const std::string_view candidate = source.line(l);
    if (const auto at = candidate.find(passage); at != std::string_view::npos && !passage.empty()) {
      return Position{l, 1 + count_points(candidate.substr(0, at))};
    }
  }
  return text.pos;
}

} // namespace notice::rules
