// The structure recogniser behind `import`: logical lines of a published notice → the notice model.
// Forms (markers, brackets, date words, roles) come from schemas/import.yaml; meanings (bucket kinds,
// parties, flows) from the shared lexicon and legal.cpp, so that import and validate read alike.
#include "utf8.hpp"

#include "notice/era.hpp"
#include "notice/error.hpp"
#include "notice/import.hpp"
#include "notice/law.hpp"
#include "notice/legal.hpp"
#include "notice/lexicon.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <regex>
#include <set>

namespace notice {
namespace detail {
extern const std::string_view k_import_yaml;
} // namespace detail

namespace {

const Lexicon &forms() {
  static const Lexicon lexicon = Lexicon::parse("schemas/import.yaml", detail::k_import_yaml);
  return lexicon;
}

const Lexicon &lex() {
  return Lexicon::builtin();
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Full-width digits to ASCII, and spaces next to digits dropped (「平成 28 年 10 月」, PDF spacing).
std::string ascii_digits(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    // U+FF10..U+FF19 are EF BC 90..99.
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 3;
    } else {
      out += s[i];
      ++i;
    }
  }
  std::string compact;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == ' ') {
      const bool digit_before = !compact.empty() && std::isdigit(static_cast<unsigned char>(compact.back()));
      const bool digit_after = i + 1 < out.size() && std::isdigit(static_cast<unsigned char>(out[i + 1]));
      const bool unit_after =
          out.compare(i + 1, 3, "年") == 0 || out.compare(i + 1, 3, "月") == 0 || out.compare(i + 1, 3, "日") == 0;
      const bool unit_before = compact.size() >= 3 && (compact.compare(compact.size() - 3, 3, "年") == 0 ||
                                                       compact.compare(compact.size() - 3, 3, "月") == 0);
      const bool era_before = compact.size() >= 6 && (compact.compare(compact.size() - 6, 6, "令和") == 0 ||
                                                      compact.compare(compact.size() - 6, 6, "平成") == 0 ||
                                                      compact.compare(compact.size() - 6, 6, "昭和") == 0);
      if ((digit_before && (digit_after || unit_after)) || ((unit_before || era_before) && digit_after)) {
        continue;
      }
    }
    compact += out[i];
  }
  return compact;
}

// The run of text that ends at byte `end` of `s`, back to a delimiter (space, bracket, punctuation,
// は, が; also の when `stop_at_no`: a society's name ends there, a term's meaning does not, as in
// 「被保険者やその家族（以下「加入者」…」) or `max` code points.
std::string preceding_run(const std::string &s, std::size_t end, std::size_t max, bool stop_at_no = true) {
  static constexpr std::string_view k_delimiters[] = {" ",  "　", "「", "」", "『", "』", "（", "）", "(",  ")",  "、",
                                                      "。", "・", ":",  "：", "【", "】", "〔", "〕", "\"", "は", "が"};
  std::size_t begin = end;
  std::size_t count = 0;
  while (begin > 0 && count < max) {
    std::size_t prev = begin - 1;
    while (prev > 0 && (static_cast<unsigned char>(s[prev]) & 0xC0) == 0x80) {
      --prev;
    }
    const std::string_view cp = std::string_view(s).substr(prev, begin - prev);
    if (std::find(std::begin(k_delimiters), std::end(k_delimiters), cp) != std::end(k_delimiters) ||
        (stop_at_no && cp == "の")) {
      break;
    }
    begin = prev;
    ++count;
  }
  return s.substr(begin, end - begin);
}

std::string remove_all(std::string s, std::string_view word) {
  for (std::size_t at = s.find(word); at != std::string::npos; at = s.find(word)) {
    s.erase(at, word.size());
  }
  return s;
}

// ---- dates -----------------------------------------------------------------------------------

struct FoundDate {
  Date date;
  bool month_only = false;
  std::size_t begin = 0; ///< in the ASCII-digit text
  std::size_t end = 0;
};

std::optional<FoundDate> find_date(const std::string &text) {
  static const std::regex era(R"((令和|平成|昭和|大正|明治)(元|[0-9]{1,2})年([0-9]{1,2})月(([0-9]{1,2})日)?)");
  static const std::regex western(R"(([12][0-9]{3})年([0-9]{1,2})月(([0-9]{1,2})日)?)");
  static const std::regex numeric(R"(([12][0-9]{3})[./-]([0-9]{1,2})[./-]([0-9]{1,2}))");
  std::smatch m;
  if (std::regex_search(text, m, era)) {
    const bool month_only = !m[4].matched;
    const std::string day = month_only ? "1" : m[5].str();
    if (auto d = parse_japanese_date(m[1].str() + m[2].str() + "年" + m[3].str() + "月" + day + "日")) {
      return FoundDate{*d, month_only, static_cast<std::size_t>(m.position(0)),
                       static_cast<std::size_t>(m.position(0) + m.length(0))};
    }
  }
  if (std::regex_search(text, m, western) || std::regex_search(text, m, numeric)) {
    const bool month_only = m.size() > 3 && !m[3].matched && m[0].str().find("年") != std::string::npos;
    const int year = std::stoi(m[1].str());
    const int month = std::stoi(m[2].str());
    int day = 1;
    if (m[0].str().find("年") != std::string::npos) {
      day = m[4].matched ? std::stoi(m[4].str()) : 1;
    } else {
      day = std::stoi(m[3].str());
    }
    const Date d{year, month, day};
    if (parse_date(to_string(d))) {
      return FoundDate{d, month_only, static_cast<std::size_t>(m.position(0)),
                       static_cast<std::size_t>(m.position(0) + m.length(0))};
    }
  }
  return std::nullopt;
}

// A line that is a date and the words around it (令和３年９月１日施行, 更新日: 2021年06月01日).
std::optional<FoundDate> date_line(std::string_view line) {
  const std::string text = ascii_digits(line);
  auto found = find_date(text);
  if (!found) {
    return std::nullopt;
  }
  std::string rest = text.substr(0, found->begin) + text.substr(found->end);
  bool worded = false;
  for (const char *list : {"date-suffix", "date-prefix"}) {
    for (const auto &w : forms().words(list)) {
      if (rest.find(w) != std::string::npos) {
        worded = true;
        rest = remove_all(rest, w);
      }
    }
  }
  for (const std::string_view p : {"：", ":", "（", "）", "(", ")", "。", "　", " ", "する", "―", "-", "ー", "より"}) {
    rest = remove_all(rest, p);
  }
  // A bare date on its own line counts too (2011年10月19日 above a title).
  if (detail::count_code_points(rest) <= 2 && (worded || detail::count_code_points(text) <= 16)) {
    return found;
  }
  return std::nullopt;
}

// ---- markers ---------------------------------------------------------------------------------

// The length in bytes of a number at the start of `s` (ASCII or full-width digits), 0 if none.
std::size_t number_prefix(std::string_view s, int &value) {
  std::size_t i = 0;
  value = 0;
  int digits = 0;
  while (i < s.size() && digits < 3) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      value = value * 10 + (s[i] - '0');
      ++i;
    } else if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
               static_cast<unsigned char>(s[i + 1]) == 0xBC && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      value = value * 10 + (static_cast<unsigned char>(s[i + 2]) - 0x90);
      i += 3;
    } else {
      break;
    }
    ++digits;
  }
  return digits > 0 ? i : 0;
}

struct Marker {
  std::string text;   ///< as printed, with the space after it
  int number = 0;     ///< 0 when the marker is not a number
  std::string family; ///< the form ("(N)", "N.") or list ("category-marker-circled") it is of
};

// A marker of list `form_list` ("N." …) at the start of `s`.
std::optional<Marker> numbered_marker(std::string_view s, const std::string &form_list) {
  for (const auto &form : forms().words(form_list)) {
    const std::size_t n_at = form.find('N');
    const std::string_view before = std::string_view(form).substr(0, n_at);
    const std::string_view after = std::string_view(form).substr(n_at + 1);
    if (!starts_with(s, before)) {
      continue;
    }
    int value = 0;
    const std::size_t len = number_prefix(s.substr(before.size()), value);
    if (len == 0) {
      continue;
    }
    const std::size_t after_at = before.size() + len;
    if (!starts_with(s.substr(after_at), after)) {
      continue;
    }
    std::size_t end = after_at + after.size();
    if (after == " " && end >= s.size()) {
      continue;
    }
    // "N." must not be a decimal ("1.5") or a date; 「1)70歳以上の方の…」 is a marker all the same.
    if ((after == "." || after == " ") && end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) {
      continue;
    }
    while (end < s.size() && s[end] == ' ') {
      ++end;
    }
    if (starts_with(s.substr(end), "　")) {
      end += 3;
    }
    return Marker{std::string(s.substr(0, end)), value, form};
  }
  return std::nullopt;
}

std::optional<Marker> listed_marker(std::string_view s, const char *list, bool numbered) {
  const auto &words = forms().words(list);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (starts_with(s, words[i])) {
      std::size_t end = words[i].size();
      while (end < s.size() && s[end] == ' ') {
        ++end;
      }
      if (starts_with(s.substr(end), "　")) {
        end += 3;
      }
      if (end >= s.size()) {
        return std::nullopt;
      }
      return Marker{std::string(s.substr(0, end)), numbered ? static_cast<int>(i) + 1 : 0, list};
    }
  }
  return std::nullopt;
}

std::optional<Marker> category_marker(std::string_view s) {
  if (auto m = numbered_marker(s, "category-marker-form")) {
    return m;
  }
  for (const char *list : {"category-marker-circled", "category-marker-kanji", "category-marker-roman"}) {
    if (auto m = listed_marker(s, list, true)) {
      return m;
    }
  }
  return std::nullopt;
}

std::optional<Marker> item_marker(std::string_view s) {
  return listed_marker(s, "item-marker", false);
}

// A bullet a browser or word processor draws for a list item (kept by a capture of the page), as
// opposed to one typed in the text: 「  • ● 被保険者資格の確認」 is the typed ● under a drawn •.
bool drawn_bullet(std::string_view marker) {
  return starts_with(marker, "•") || starts_with(marker, "◦") || starts_with(marker, "▪");
}

bool drawn_bullet(const Marker &m) {
  return drawn_bullet(m.text);
}

// A marker that can start a new line inside a flattened or tabulated line: a typed symbol, not a
// hyphen or an asterisk, which also occur inside running text.
bool symbol_marker(std::string_view s) {
  const auto m = item_marker(s);
  return m && static_cast<unsigned char>(m->text[0]) >= 0x80;
}

std::size_t space_width(std::string_view s) {
  if (starts_with(s, " ")) {
    return 1;
  }
  return starts_with(s, "　") ? 3 : 0;
}

std::string trim_spaces(std::string_view s) {
  while (space_width(s) > 0) {
    s.remove_prefix(space_width(s));
  }
  while (ends_with(s, " ") || ends_with(s, "　")) {
    s.remove_suffix(ends_with(s, " ") ? 1 : 3);
  }
  return std::string(s);
}

// The offset of the first run of spaces in `s` (from `from`) that is followed by a symbol marker,
// and the offset of that marker; npos when there is none.
std::pair<std::size_t, std::size_t> space_before_marker(std::string_view s, std::size_t from = 0) {
  for (std::size_t k = from; k < s.size();) {
    if (space_width(s.substr(k)) == 0) {
      ++k;
      continue;
    }
    std::size_t j = k;
    while (j < s.size() && space_width(s.substr(j)) > 0) {
      j += space_width(s.substr(j));
    }
    if (symbol_marker(s.substr(j))) {
      return {k, j};
    }
    k = j;
  }
  return {std::string_view::npos, std::string_view::npos};
}

// The first byte of the last code point of `s` (non-empty).
unsigned char last_lead_byte(std::string_view s) {
  std::size_t at = s.size() - 1;
  while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) {
    --at;
  }
  return static_cast<unsigned char>(s[at]);
}

bool wide_or_digit(unsigned char c) {
  return c >= 0xE0 || std::isdigit(c);
}

// A date in parentheses, 「(平成 28 年 10 月)」.
bool parenthesised_date(std::string_view s) {
  for (const auto &[open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"}, {"（", "）"}}) {
    if (starts_with(s, open) && ends_with(s, close)) {
      return find_date(ascii_digits(s)).has_value();
    }
  }
  return false;
}

struct Piece {
  std::string text;
  std::size_t offset = 0; ///< byte offset in the line it was cut from
};

// A page flattened to one long line (a PDF copy without its line breaks) still shows its structure
// as spaces: before a bracketed heading and a bullet, after a closing bracket and a full stop, around
// a date in parentheses. Cut it there, and drop the spaces the PDF left between two Japanese
// characters or digits where it wrapped (「個 人番号」, 「第 19 条」). Other lines come back whole.
std::vector<Piece> unflatten(const std::string &line) {
  if (detail::count_code_points(line) < 200) {
    return {Piece{line, 0}};
  }
  std::vector<Piece> pieces;
  Piece current;
  const auto cut = [&](std::size_t next) {
    current.text = trim_spaces(current.text);
    if (!current.text.empty()) {
      pieces.push_back(std::move(current));
    }
    current = Piece{"", next};
  };
  const auto opens_heading = [](std::string_view rest) {
    for (const auto &pair : forms().words("bucket-bracket")) {
      const std::string_view open = std::string_view(pair).substr(0, pair.size() / 2);
      if (open.size() == 3 && starts_with(rest, open)) {
        return true;
      }
    }
    return false;
  };
  const auto closes = [](std::string_view text) {
    for (const auto &pair : forms().words("bucket-bracket")) {
      const std::string_view close = std::string_view(pair).substr(pair.size() / 2);
      if (close.size() == 3 && ends_with(text, close)) {
        return true;
      }
    }
    return ends_with(text, "。");
  };
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t w = space_width(std::string_view(line).substr(i));
    if (w == 0) {
      current.text += line[i++];
      continue;
    }
    const std::string_view rest = std::string_view(line).substr(i + w);
    std::size_t close_paren = std::string_view::npos;
    for (const std::string_view c : {")", "）"}) {
      close_paren = std::min(close_paren, rest.substr(0, 40).find(c));
    }
    const bool date_next = (starts_with(rest, "(") || starts_with(rest, "（")) &&
                           close_paren != std::string_view::npos &&
                           parenthesised_date(rest.substr(0, close_paren + (rest[close_paren] == ')' ? 1 : 3)));
    // Only a short parenthesis can be a date: look back 40 bytes, not through the whole piece.
    const std::size_t from = current.text.size() > 40 ? current.text.size() - 40 : 0;
    const std::string_view tail = std::string_view(current.text).substr(from);
    const std::size_t ascii_open = tail.rfind('(');
    const std::size_t wide_open = tail.rfind("（");
    const std::size_t open_paren = ascii_open == std::string_view::npos  ? wide_open
                                   : wide_open == std::string_view::npos ? ascii_open
                                                                         : std::max(ascii_open, wide_open);
    const bool date_before = open_paren != std::string_view::npos && parenthesised_date(tail.substr(open_paren));
    if (opens_heading(rest) || symbol_marker(rest) || closes(current.text) || date_next || date_before) {
      cut(i + w);
    } else if (!current.text.empty() && !rest.empty() && wide_or_digit(last_lead_byte(current.text)) &&
               wide_or_digit(static_cast<unsigned char>(rest[0]))) {
      // a space where the PDF wrapped: dropped
    } else {
      current.text += line.substr(i, w);
    }
    i += w;
  }
  cut(line.size());
  if (pieces.size() < 3) {
    return {Piece{line, 0}};
  }
  return pieces;
}

// A line of a table of contents (「7. 個人情報の共同利用・・・・・・ 5」): a leader of dots.
bool contents_line(std::string_view s) {
  return s.find("・・・") != std::string_view::npos || s.find("……") != std::string_view::npos ||
         s.find("...") != std::string_view::npos;
}

// ---- the recogniser --------------------------------------------------------------------------

struct Line {
  std::string text;
  Position pos;
  std::string where; ///< "line 12", "page 2, line 14"
  LineHints hints;
};

bool sentence(std::string_view s) {
  return ends_with(s, "。") || ends_with(s, "。」") || ends_with(s, "。）") || ends_with(s, "。)");
}

std::string model_of(const std::string &title) {
  for (const char *model : {"benefits", "premiums", "health_services", "claims_review", "stable_operation", "other"}) {
    if (forms().any(std::string("category-model.") + model, title)) {
      return model;
    }
  }
  return "";
}

std::string role_of(const std::string &text) {
  for (const char *role : {"request-procedure", "complaints", "security-measures", "retention", "contact"}) {
    if (forms().any(std::string("role.") + role, text)) {
      return role;
    }
  }
  return "";
}

std::string party_id(PartyKind kind) {
  std::string id(to_string(kind));
  std::replace(id.begin(), id.end(), '_', '-');
  return id;
}

class Recogniser {
public:
  Recogniser(const DocumentText &doc, const ImportOptions &options) : m_doc(doc), m_options(options) {}

  ImportResult run() {
    for (const auto &l : m_doc.lines) {
      if (l.text.empty()) {
        continue;
      }
      const auto pieces = unflatten(l.text);
      if (pieces.size() > 1) {
        m_reader_notes.push_back(describe(l.pos, m_doc.format) + ": one line of " +
                                 std::to_string(detail::count_code_points(l.text)) +
                                 " characters (a flattened copy) cut into " + std::to_string(pieces.size()) +
                                 " at brackets, bullets and full stops; spaces between Japanese characters dropped");
      }
      for (const auto &piece : pieces) {
        const int column =
            std::max(l.pos.column, 1) + static_cast<int>(detail::count_code_points(l.text.substr(0, piece.offset)));
        m_lines.push_back(Line{piece.text, Position{l.pos.line, column}, describe(l.pos, m_doc.format),
                               pieces.size() > 1 ? LineHints{} : l.hints});
      }
    }
    if (m_lines.empty()) {
      throw Error(m_doc.path + ": no text to import");
    }
    Notice &n = m_result.notice;
    n.schema_version = 2;
    n.insurer.name.value = m_options.insurer;
    n.insurer.kind = m_options.kind;
    look_ahead();
    title();
    for (; m_at < m_lines.size(); ++m_at) {
      line(m_lines[m_at]);
    }
    finish_blocks();
    insurer_name();
    revisions();
    data_sources();
    infer();
    ids();
    comments();
    return std::move(m_result);
  }

private:
  const DocumentText &m_doc;
  const ImportOptions &m_options;
  std::vector<Line> m_lines;
  std::size_t m_at = 0;
  std::vector<std::string> m_reader_notes; ///< what the recogniser repaired before reading the structure
  ImportResult m_result;

  struct DateLine {
    FoundDate date;
    std::string wording;
    bool top = false;
    Position pos;
  };
  std::vector<DateLine> m_dates;
  std::optional<FoundDate> m_title_date;
  std::vector<Block> m_pre;  ///< blocks before the categories
  std::vector<Block> m_post; ///< blocks after them
  bool m_in_purposes = false;
  bool m_after_purposes = false;
  std::string m_category_family; ///< the marker form of the open category
  int m_category_indent = 0;
  std::map<Position, std::string> m_where; ///< element (by the line it starts on) → where it was printed
  std::map<const UseCase *, std::string> m_flow_note;
  std::map<const UseCase *, std::string> m_parties_note;
  std::vector<std::string> m_item_markers; ///< every item's marker, to pick the notice's style

  // Title lines: the first lines while they are short headings (no sentence), at most three.
  void title() {
    Notice &n = m_result.notice;
    while (m_at < m_lines.size() && m_at < 3) {
      const Line &l = m_lines[m_at];
      const bool titled = forms().any("title-word", l.text);
      if (sentence(l.text) || detail::count_code_points(l.text) > 100 || category_marker(l.text) ||
          (bucket_heading(l.text) && !(m_at == 0 && titled)) || item_marker(l.text) || l.hints.list_level > 0 ||
          date_line(l.text)) {
        break;
      }
      if (m_at > 0 && !titled) {
        break;
      }
      if (n.title.empty()) {
        n.title = Text{l.text, l.pos};
      } else {
        n.title_lines.push_back(Text{l.text, l.pos});
      }
      m_where[l.pos] = l.where;
      if (auto d = find_date(ascii_digits(l.text))) {
        m_title_date = d;
      }
      ++m_at;
    }
  }

  // A bucket heading: the whole line in brackets, or a short line whose wording names a bucket kind.
  static std::optional<std::pair<std::string, BucketKind>> bucket_heading(std::string_view text) {
    std::string_view s = text;
    std::string prefix;
    if (auto m = item_marker(s); m && starts_with(m->text, "•")) {
      // A heading drawn as an HTML list item (「  • 健保組合等の内部での利用に係るもの」).
      s.remove_prefix(m->text.size());
      prefix = m->text;
    }
    for (const auto &pair : forms().words("bucket-bracket")) {
      // Pairs of one-byte brackets are 2 bytes, of three-byte brackets 6.
      const std::size_t half = pair.size() / 2;
      const std::string_view open = std::string_view(pair).substr(0, half);
      const std::string_view close = std::string_view(pair).substr(half);
      if (starts_with(s, open) && ends_with(s, close) && s.size() > open.size() + close.size()) {
        const BucketKind kind = read_bucket_kind(s);
        if (kind != BucketKind::other || open == "【" || open == "〔") {
          return std::make_pair(std::string(text), kind);
        }
      }
    }
    const auto &ends = forms().words("bucket-heading-end");
    const bool heading_end =
        std::any_of(ends.begin(), ends.end(), [&](const std::string &e) { return ends_with(s, e); });
    if (detail::count_code_points(s) <= 40 && !sentence(s) && heading_end && (prefix.size() > 0 || !item_marker(s))) {
      const BucketKind kind = read_bucket_kind(s);
      if (kind != BucketKind::other && !forms().any("joint-use-heading", s)) {
        return std::make_pair(std::string(text), kind);
      }
    }
    return std::nullopt;
  }

  // A category heading: a marker and a title that names a purpose, or an unnumbered title line.
  // A numbered line whose title names a purpose (「1. 保険料徴収等適用関係」), or a sentence that
  // introduces the list under it (「1.適用関係の各種届出などについては、次のように業務に利用します。」).
  static std::optional<std::pair<Marker, std::string>> numbered_category(const std::string &text) {
    if (detail::count_code_points(text) > 80) {
      return std::nullopt;
    }
    auto m = category_marker(text);
    if (!m) {
      return std::nullopt;
    }
    const std::string title = text.substr(m->text.size());
    // A lead sentence says 「…については、次のように」: only a joint-use section is excluded then.
    const bool lead = sentence(title) && forms().any("category-title-lead", title);
    const bool excluded = forms().any("category-title-not-numbered", title) ||
                          (lead ? forms().any("joint-use-heading", title) : forms().any("category-title-not", title));
    if ((lead || !sentence(title)) && forms().any("category-title", title) && !excluded) {
      return std::make_pair(*m, title);
    }
    return std::nullopt;
  }

  std::optional<std::pair<Marker, std::string>> category_heading(const Line &l) const {
    const auto &cats = m_result.notice.categories;
    if (auto m = category_marker(l.text)) {
      // Under a numbered category, a marker of another form or indented deeper is an item's own
      // (「1 被保険者に対する保険給付…」 then 「①受診のあった医療機関からの…」).
      if (m_in_purposes && !cats.empty() && !cats.back().marker.empty() &&
          (m->family != m_category_family || l.hints.indent > m_category_indent)) {
        return std::nullopt;
      }
      // The first category is numbered 1: 「4.取り扱う人の利用目的」 is the fourth entry of a joint-use
      // disclosure, not a purpose category. Under unnumbered categories a numbered line is a sub-level
      // (「短期給付事業」 then 「(1)短期給付(附加給付を含む)関連」).
      if ((cats.empty() && m->number != 1) || (!cats.empty() && cats.back().marker.empty())) {
        return std::nullopt;
      }
      if (auto c = numbered_category(l.text)) {
        return c;
      }
      // A title that names no purpose still numbers a category in the sequence of ones that do
      // (「(1)組合員・被扶養者の資格取得」 before 「(2)短期給付事業」).
      const std::string title = l.text.substr(m->text.size());
      if (sentence(title) || detail::count_code_points(l.text) > 80 || forms().any("category-title-not", title)) {
        return std::nullopt;
      }
      const bool next_in_sequence =
          !cats.empty() && m->family == m_category_family && cats.back().number && m->number == *cats.back().number + 1;
      if (next_in_sequence || (cats.empty() && m->number == 1 && second_in_sequence(m->family))) {
        return std::make_pair(*m, title);
      }
      return std::nullopt;
    }
    if (sentence(l.text) || detail::count_code_points(l.text) > 80) {
      return std::nullopt;
    }
    // A notice that numbers its categories has no unnumbered one: such a line is an intro, and a
    // heading above the numbered ones is the heading of them all (「個人情報の利用目的」).
    if (std::any_of(cats.begin(), cats.end(), [](const Category &c) { return !c.marker.empty(); })) {
      return std::nullopt;
    }
    if (numbered_ahead()) {
      return std::nullopt;
    }
    if (!cats.empty() && forms().is("category-title-alone", l.text)) {
      return std::make_pair(Marker{}, l.text);
    }
    for (const auto &suffix : forms().words("category-title-suffix")) {
      if (ends_with(l.text, suffix) && l.hints.list_level == 0 && !forms().any("category-title-not", l.text) &&
          !item_marker(l.text)) {
        return std::make_pair(Marker{}, l.text);
      }
    }
    return std::nullopt;
  }

  // True when a later line numbered 2 in `family` is a category heading.
  bool second_in_sequence(const std::string &family) const {
    const auto it = m_second.find(family);
    if (it == m_second.end()) {
      return false;
    }
    const auto next = std::upper_bound(it->second.begin(), it->second.end(), m_at,
                                       [](std::size_t at, const auto &entry) { return at < entry.first; });
    return next != it->second.end() && next->second;
  }

  // True when the next line that could be a category heading is a numbered one (not a circled
  // number, which numbers items as often as categories).
  bool numbered_ahead() const { return m_at + 1 < m_numbered_ahead.size() && m_numbered_ahead[m_at + 1]; }

  // What the lookaheads above ask of the lines after the current one, computed once in a pass from
  // the end (asking it line by line made a long text quadratic).
  std::vector<bool> m_numbered_ahead; ///< line i → numbered_ahead() when the current line is i - 1
  std::map<std::string, std::vector<std::pair<std::size_t, bool>>>
      m_second;                   ///< marker form → lines numbered 2 in it, and whether each is a category
  std::size_t m_closing_from = 0; ///< the first line of the run of date lines that ends the text

  void look_ahead() {
    m_numbered_ahead.assign(m_lines.size() + 1, false);
    m_closing_from = m_lines.size();
    bool closing = true;
    for (std::size_t i = m_lines.size(); i-- > 0;) {
      const std::string &text = m_lines[i].text;
      bool ahead = m_numbered_ahead[i + 1];
      if (auto c = numbered_category(text)) {
        ahead = c->first.family != "category-marker-circled";
      } else {
        const auto &suffixes = forms().words("category-title-suffix");
        if (!sentence(text) && !item_marker(text) &&
            std::any_of(suffixes.begin(), suffixes.end(), [&](const std::string &w) { return ends_with(text, w); })) {
          ahead = false;
        }
      }
      m_numbered_ahead[i] = ahead;
      closing = closing && date_line(text).has_value();
      if (closing) {
        m_closing_from = i;
      }
    }
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
      if (auto m = category_marker(m_lines[i].text); m && m->number == 2) {
        m_second[m->family].emplace_back(i, numbered_category(m_lines[i].text).has_value());
      }
    }
  }

  Category &category() {
    auto &cats = m_result.notice.categories;
    if (cats.empty()) {
      cats.emplace_back();
    }
    return cats.back();
  }

  Bucket *bucket() {
    auto &cats = m_result.notice.categories;
    if (cats.empty() || cats.back().buckets.empty()) {
      return nullptr;
    }
    return &cats.back().buckets.back();
  }

  void start_purposes() {
    if (!m_in_purposes) {
      m_in_purposes = true;
    }
  }

  // The item marker of a line and its text: typed, or "- " from a Markdown-style list.
  static std::optional<std::pair<std::string, std::string>> item_of(const Line &l) {
    if (auto m = item_marker(l.text)) {
      return std::make_pair(m->text, l.text.substr(m->text.size()));
    }
    if (l.hints.list_level > 0 && l.hints.list_marker.empty()) {
      return std::make_pair(std::string("- "), l.text);
    }
    if (l.hints.list_level > 0) {
      return std::make_pair(std::string(), l.text); // numbered by the list; the number is in the text
    }
    return std::nullopt;
  }

  void line(const Line &l) {
    if (auto d = date_line(l.text); d && (closing_run() || (!m_in_purposes && !m_after_purposes && m_pre.empty()))) {
      m_dates.push_back(DateLine{*d, l.text, !m_in_purposes && !m_after_purposes && m_pre.empty(), l.pos});
      m_where[l.pos] = l.where;
      ++m_result.counts.dates;
      return;
    }
    if (auto legend = legend_of(l.text); !legend.empty() && !m_after_purposes) {
      m_legend = std::move(legend);
      keep_paragraph(l);
      return;
    }
    if (auto c = category_heading(l); c && !m_after_purposes) {
      start_category(c->first, c->second, l);
      return;
    }
    if (auto row = row_of(l); row && !m_after_purposes) {
      // A purpose table printed as lines: the first cell is the category, the rest its first item.
      start_category(Marker{}, row->first, l);
      const std::string_view before = std::string_view(l.text).substr(0, row->second);
      purposes_line(Line{l.text.substr(row->second),
                         Position{l.pos.line, l.pos.column + static_cast<int>(detail::count_code_points(before))},
                         l.where, LineHints{}});
      return;
    }
    if (auto b = bucket_heading(l.text); b && !m_after_purposes) {
      start_purposes();
      Category &cat = category();
      Bucket bucket;
      bucket.pos = l.pos;
      bucket.heading = Text{b->first, l.pos};
      bucket.kind = b->second;
      bucket.kind_inferred = true;
      cat.buckets.push_back(std::move(bucket));
      m_where[l.pos] = l.where;
      m_bucket_closed = false;
      ++m_result.counts.buckets;
      return;
    }
    if (m_in_purposes) {
      purposes_line(l);
      return;
    }
    block_line(l, m_after_purposes ? m_post : m_pre);
  }

  void start_category(const Marker &marker, const std::string &title, const Line &l) {
    start_purposes();
    Category cat;
    cat.pos = l.pos;
    if (!marker.text.empty()) {
      cat.marker = Text{marker.text, l.pos};
      cat.number = marker.number;
    }
    m_category_family = marker.family;
    m_category_indent = l.hints.indent;
    cat.title = Text{title, l.pos};
    cat.model = model_of(title);
    m_result.notice.categories.push_back(std::move(cat));
    m_where[l.pos] = l.where;
    ++m_result.counts.categories;
  }

  // A line kept as printed where it stands: a category's intro inside the purposes, else a paragraph.
  void keep_paragraph(const Line &l) {
    m_where[l.pos] = l.where;
    if (m_in_purposes) {
      category().intro.push_back(Text{l.text, l.pos});
      return;
    }
    Block b;
    b.pos = l.pos;
    b.kind = Block::Kind::paragraph;
    b.text = Text{l.text, l.pos};
    (m_after_purposes ? m_post : m_pre).push_back(std::move(b));
    m_last_was_list = false;
  }

  // A legend that says what each bullet means (「● 健康保険組合の内部での利用に係る事例　 ○ 他の事業者
  // 等への情報提供を伴う事例」): two or more bullets, each followed by a bucket heading.
  struct LegendEntry {
    std::string symbol; ///< the bullet without spaces
    std::string heading;
    BucketKind kind = BucketKind::other;
  };
  static std::vector<LegendEntry> legend_of(std::string_view text) {
    std::vector<LegendEntry> out;
    std::string_view rest = text;
    const auto &ends = forms().words("bucket-heading-end");
    while (!rest.empty()) {
      const auto m = item_marker(rest);
      if (!m || !symbol_marker(rest)) {
        return {};
      }
      const std::string_view body = rest.substr(m->text.size());
      const auto [space, next] = space_before_marker(body);
      LegendEntry e;
      e.symbol = trim_spaces(m->text);
      e.heading = trim_spaces(body.substr(0, space));
      e.kind = read_bucket_kind(e.heading);
      const bool heading_end =
          std::any_of(ends.begin(), ends.end(), [&](const std::string &w) { return ends_with(e.heading, w); });
      if (e.kind == BucketKind::other || !heading_end || detail::count_code_points(e.heading) > 40 ||
          std::any_of(out.begin(), out.end(), [&](const LegendEntry &o) { return o.symbol == e.symbol; })) {
        return {};
      }
      out.push_back(std::move(e));
      rest = space == std::string_view::npos ? std::string_view() : body.substr(next);
    }
    return out.size() >= 2 ? out : std::vector<LegendEntry>{};
  }
  std::vector<LegendEntry> m_legend;
  std::map<Position, std::string> m_bucket_symbol; ///< bucket (by its line) → the legend bullet it stands for
  std::map<Position, std::string> m_bucket_kind_note;

  // An item whose bullet is one of the legend's (under a drawn bullet or not): its legend entry, the
  // bullet as printed and the text.
  struct LegendItem {
    const LegendEntry *entry = nullptr;
    std::string marker;
    std::string text;
  };
  std::optional<LegendItem> legend_item(const Line &l) const {
    std::string_view s = l.text;
    if (auto m = item_marker(s); m && drawn_bullet(*m)) {
      s.remove_prefix(m->text.size());
    }
    const auto m = item_marker(s);
    if (!m) {
      return std::nullopt;
    }
    const std::string symbol = trim_spaces(m->text);
    for (const auto &e : m_legend) {
      if (e.symbol == symbol) {
        return LegendItem{&e, m->text, std::string(s.substr(m->text.size()))};
      }
    }
    return std::nullopt;
  }

  // A purpose table printed as lines: 「資格適用関係情報 ・組合員…の確認」, a short category title
  // and, after spaces, the first item with its bullet. The title and the offset of the bullet.
  std::optional<std::pair<std::string, std::size_t>> row_of(const Line &l) const {
    const auto &cats = m_result.notice.categories;
    if (std::any_of(cats.begin(), cats.end(), [](const Category &c) { return !c.marker.empty(); })) {
      return std::nullopt;
    }
    const auto [space, marker_at] = space_before_marker(l.text);
    if (space == std::string_view::npos) {
      return std::nullopt;
    }
    const std::string title = trim_spaces(std::string_view(l.text).substr(0, space));
    if (title.empty() || detail::count_code_points(title) > 20 || sentence(title) || category_marker(title) ||
        item_marker(title) || forms().any("category-title-not", title)) {
      return std::nullopt;
    }
    const auto &suffixes = forms().words("category-title-suffix");
    if (std::none_of(suffixes.begin(), suffixes.end(), [&](const std::string &w) { return ends_with(title, w); })) {
      return std::nullopt;
    }
    return std::make_pair(title, marker_at);
  }

  // True when the current line and every line after it are date lines: the closing dates.
  bool closing_run() const { return m_at >= m_closing_from; }

  bool m_bucket_closed = false;

  // A new heading-less bucket at the end of `cat`: the first of a category without headings, one of a
  // legend's kind, or one after the last so that what follows prints after what came before (a note
  // printed under a heading with no item yet; items whose bullet changes).
  Bucket &open_bucket(Category &cat, const Line &l, BucketKind kind, bool kind_inferred) {
    Bucket next;
    next.pos = l.pos;
    next.kind = kind;
    next.kind_inferred = kind_inferred;
    cat.buckets.push_back(std::move(next));
    m_where[l.pos] = l.where;
    ++m_result.counts.buckets;
    m_bucket_closed = false;
    return cat.buckets.back();
  }

  // An item with a marker of its own, a number of another form than its category's or indented
  // deeper (「①受診のあった医療機関からの…」 under 「1 被保険者に対する…」, 「• ①被保険者資格の確認」).
  std::optional<std::pair<Marker, std::string>> own_marker_item(const Line &l) const {
    const auto &cats = m_result.notice.categories;
    if (cats.empty()) {
      return std::nullopt;
    }
    std::string_view s = l.text;
    if (auto m = item_marker(s); m && drawn_bullet(*m)) {
      s.remove_prefix(m->text.size());
    }
    const auto m = category_marker(s);
    if (!m || m->text.size() >= s.size()) {
      return std::nullopt;
    }
    const bool other_form =
        cats.back().marker.empty() || m->family != m_category_family || l.hints.indent > m_category_indent;
    if (!other_form) {
      return std::nullopt;
    }
    return std::make_pair(*m, std::string(s.substr(m->text.size())));
  }

  // 「組合員台帳情報(氏名、性別、生年月日、…)」: a kind of data, then the fields it holds.
  static bool data_held_line(std::string_view text) {
    std::size_t open = std::string_view::npos;
    for (const std::string_view p : {"(", "（"}) {
      open = std::min(open, text.find(p));
    }
    if (open == std::string_view::npos || open == 0 || detail::count_code_points(text.substr(0, open)) > 20 ||
        item_marker(text) || category_marker(text) || text.substr(open).find("、") == std::string_view::npos) {
      return false;
    }
    const auto &ends = forms().words("data-held-line-end");
    const std::string_view kind = text.substr(0, open);
    return std::any_of(ends.begin(), ends.end(), [&](const std::string &e) { return ends_with(kind, e); });
  }

  void purposes_line(const Line &l) {
    Category &cat = category();
    Bucket *b = bucket();
    if (data_held_line(l.text) && b && !b->items.empty()) {
      // Printed beside the purposes (a table's last column): a data-held list after the items above
      // it; what follows starts a new bucket, so that the text keeps its order.
      if (b->notes.empty() || b->notes.back().kind != Block::Kind::data_held) {
        Block held;
        held.kind = Block::Kind::data_held;
        held.pos = l.pos;
        b->notes.push_back(std::move(held));
      }
      ListEntry e;
      e.pos = l.pos;
      e.text = Text{l.text, l.pos};
      b->notes.back().entries.push_back(std::move(e));
      m_where[l.pos] = l.where;
      m_bucket_closed = true;
      return;
    }
    if (auto li = legend_item(l)) {
      const auto symbol = b ? m_bucket_symbol.find(b->pos) : m_bucket_symbol.end();
      if (!b || m_bucket_closed || symbol == m_bucket_symbol.end() || symbol->second != li->entry->symbol) {
        b = &open_bucket(cat, l, li->entry->kind, false);
        m_bucket_symbol[l.pos] = li->entry->symbol;
        m_bucket_kind_note[l.pos] = "from the legend: " + li->entry->symbol + " " + li->entry->heading;
      }
      add_item(*b, li->marker, li->text, l);
      return;
    }
    // A numbered sub-line under an item (「1)受診した医療機関名…」): a note with its marker, unless
    // the items themselves are numbered that way.
    if (auto sub = numbered_marker(l.text, "sub-item-form"); sub && b && !b->items.empty()) {
      UseCase &last = b->items.back();
      const auto family = m_item_family.find(last.pos);
      if (family == m_item_family.end() || family->second != sub->family) {
        last.notes.push_back(Text{l.text.substr(sub->text.size()), l.pos});
        last.note_markers.push_back(Text{sub->text, l.pos});
        return;
      }
    }
    if (auto own = own_marker_item(l)) {
      if (!b || m_bucket_closed) {
        b = &open_bucket(cat, l, BucketKind::other, true);
      }
      add_item(*b, "", own->second, l);
      UseCase &u = b->items.back();
      u.marker = Text{own->first.text, l.pos};
      u.has_marker = true;
      m_item_family[l.pos] = own->first.family;
      m_markers.erase(l.pos);
      return;
    }
    const auto item = item_of(l);
    const bool deeper = b && !b->items.empty() && l.hints.list_level > 0 && l.hints.list_level > m_item_level;
    if (item && !deeper) {
      const auto last_marker = b && !b->items.empty() ? m_markers.find(b->items.back().pos) : m_markers.end();
      const bool marker_changes = last_marker != m_markers.end() && last_marker->second != item->first;
      if (!b || m_bucket_closed || marker_changes) {
        b = &open_bucket(cat, l, BucketKind::other, true);
      }
      add_item(*b, item->first, item->second, l);
      return;
    }
    if (b && !b->items.empty() && m_bucket_closed && !b->notes.empty() && !item) {
      // After the bucket's notes (a data-held list beside it): kept after them, in order.
      Block note;
      note.pos = l.pos;
      note.text = Text{l.text, l.pos};
      b->notes.push_back(std::move(note));
      m_where[l.pos] = l.where;
      return;
    }
    if (b && !b->items.empty()) {
      UseCase &last = b->items.back();
      const bool bare_items = std::all_of(b->items.begin(), b->items.end(), [&](const UseCase &u) {
        const auto marker = m_markers.find(u.pos);
        return marker != m_markers.end() && marker->second.empty();
      });
      if (bare_items && !sentence(l.text) && detail::count_code_points(l.text) <= 100 && !deeper) {
        add_item(*b, "", l.text, l);
        return;
      }
      // A sentence that is not indented after the last item ends the purposes.
      if (sentence(l.text) && detail::count_code_points(l.text) >= 30 && l.hints.indent == 0 &&
          l.hints.list_level == 0 && &cat == &m_result.notice.categories.back()) {
        m_in_purposes = false;
        m_after_purposes = true;
        block_line(l, m_post);
        return;
      }
      if (deeper && item) {
        last.notes.push_back(Text{item->second, l.pos});
        last.note_markers.push_back(Text{item->first, l.pos});
      } else {
        last.notes.push_back(Text{l.text, l.pos});
        last.note_markers.emplace_back();
      }
      return;
    }
    if (b) {
      // Under a heading with no item yet: a bare short line is its first item.
      if (!sentence(l.text) && detail::count_code_points(l.text) <= 100) {
        if (m_bucket_closed) {
          b = &open_bucket(cat, l, BucketKind::other, true);
        }
        add_item(*b, "", l.text, l);
      } else {
        Block note;
        note.pos = l.pos;
        note.text = Text{l.text, l.pos};
        b->notes.push_back(std::move(note));
        m_bucket_closed = true;
      }
      return;
    }
    cat.intro.push_back(Text{l.text, l.pos});
  }

  int m_item_level = 0;
  std::map<Position, std::string> m_markers;     ///< item (by its line) → the marker printed before it; none: its own
  std::map<Position, std::string> m_item_family; ///< item with a marker of its own → the marker's form

  void add_item(Bucket &b, const std::string &marker, const std::string &text, const Line &l) {
    UseCase u;
    u.pos = l.pos;
    u.text = Text{text, l.pos};
    b.items.push_back(std::move(u));
    m_item_level = l.hints.list_level;
    m_markers[l.pos] = marker;
    m_where[l.pos] = l.where;
    ++m_result.counts.items;
  }

  void block_line(const Line &l, std::vector<Block> &blocks) {
    Block b;
    b.pos = l.pos;
    m_where[l.pos] = l.where;
    if (auto item = item_of(l)) {
      ListEntry e;
      e.pos = l.pos;
      e.text = Text{item->second, l.pos};
      e.marker = Text{item->first, l.pos};
      if (!blocks.empty() && blocks.back().kind == Block::Kind::list && m_last_was_list) {
        blocks.back().entries.push_back(std::move(e));
        return;
      }
      b.kind = Block::Kind::list;
      b.entries.push_back(std::move(e));
      blocks.push_back(std::move(b));
      m_last_was_list = true;
      return;
    }
    m_last_was_list = false;
    b.text = Text{l.text, l.pos};
    if (l.hints.heading_level > 0 ||
        (!sentence(l.text) && detail::count_code_points(l.text) <= 40 && !ends_with(l.text, "、"))) {
      b.kind = Block::Kind::heading;
      b.level = l.hints.heading_level > 0 ? l.hints.heading_level : 2;
    } else {
      b.kind = Block::Kind::paragraph;
      b.role = role_of(l.text);
    }
    blocks.push_back(std::move(b));
  }
  bool m_last_was_list = false;

  // ---- joint-use disclosures ----

  // The statutory fields a short line labels (「①共同利用する個人情報の項目」: items), none for
  // other lines. The label words are the lexicon's, shared with validate.
  static std::vector<std::string> label_fields(const Block &b) {
    if (b.kind != Block::Kind::heading || sentence(b.text.value) || detail::count_code_points(b.text.value) > 40 ||
        contents_line(b.text.value)) {
      return {};
    }
    std::vector<std::string> fields;
    for (const char *field : k_joint_use_fields) {
      if (lex().any(std::string("joint-use-label.") + field, b.text.value)) {
        fields.emplace_back(field);
      }
    }
    return fields;
  }

  static void add_value_lines(JointUseEntry &entry, const Block &b) {
    if (b.kind == Block::Kind::list) {
      for (const auto &e : b.entries) {
        // A bullet the browser drew is not kept; a typed one is part of the line.
        entry.lines.push_back(
            Text{drawn_bullet(e.marker.value) || e.marker.value == "- " ? e.text.value : e.marker.value + e.text.value,
                 e.pos});
      }
      return;
    }
    entry.lines.push_back(b.text);
  }

  // Labelled entries giving two or more of the statutory fields of a joint-use disclosure (APPI
  // 27条5項3号), under a heading and intro that speak of 共同利用, become one `joint_use` block: the
  // heading, the paragraphs between it and the first label, and each label with the lines under it.
  void joint_use_blocks(std::vector<Block> &blocks) {
    std::vector<Block> out;
    for (std::size_t i = 0; i < blocks.size();) {
      if (listed_joint_use(blocks, i, out)) {
        continue;
      }
      if (label_fields(blocks[i]).empty()) {
        out.push_back(std::move(blocks[i++]));
        continue;
      }
      JointUse joint;
      std::set<std::string> fields;
      std::size_t j = i;
      while (j < blocks.size() && !label_fields(blocks[j]).empty()) {
        JointUseEntry entry;
        entry.label = blocks[j].text;
        entry.pos = blocks[j].pos;
        for (const auto &f : label_fields(blocks[j])) {
          fields.insert(f);
        }
        ++j;
        // The value: the line after the label whatever it says (「…A健診、B健診及びS健診の検査項目」
        // names a field but is the value), then the lines up to the next label when it comes within
        // six lines; after the last label, one list or one line.
        // A numbered heading of another form (「2.高額医療給付に関する…」 after 「④個人情報の管理責任者」)
        // starts the next section.
        const auto label_marker = category_marker(entry.label.value);
        const auto section = [&](const Block &b) {
          const auto m = b.kind == Block::Kind::heading ? category_marker(b.text.value) : std::nullopt;
          return m && (!label_marker || m->family != label_marker->family);
        };
        std::size_t next = std::min(j + 1, blocks.size());
        while (next < blocks.size() && next < j + 6 && label_fields(blocks[next]).empty() && !section(blocks[next])) {
          ++next;
        }
        const bool label_follows = next < blocks.size() && !label_fields(blocks[next]).empty();
        const std::size_t end = label_follows ? next : std::min(j + 1, blocks.size());
        for (; j < end; ++j) {
          add_value_lines(entry, blocks[j]);
        }
        joint.entries.push_back(std::move(entry));
      }
      // Two statutory fields, or one label that names joint use itself (a page cut short after
      // 「1. 共同利用する個人情報の項目」), under text that speaks of joint use.
      std::string context;
      for (std::size_t k = out.size() > 6 ? out.size() - 6 : 0; k < out.size(); ++k) {
        context += out[k].text.value;
      }
      for (const auto &e : joint.entries) {
        context += e.label.value;
      }
      const bool labelled_joint_use = std::any_of(joint.entries.begin(), joint.entries.end(), [](const auto &e) {
        return lex().any("cue-joint-use", e.label.value);
      });
      if ((fields.size() < 2 && !labelled_joint_use) || !lex().any("cue-joint-use", context)) {
        // Not a disclosure: the lines stay as they were.
        for (; i < j; ++i) {
          out.push_back(std::move(blocks[i]));
        }
        continue;
      }
      // A numbered line before the first label, numbered one less in the same form, is an entry too
      // (「1. 加入事業所との健康診査事業の共同実施について」 before 「2. 共同利用する…の項目について」).
      if (const auto first = category_marker(joint.entries.front().label.value); first && first->number > 1) {
        for (std::size_t back = out.size(); back > 0 && out.size() - back < 4; --back) {
          const Block &candidate = out[back - 1];
          const auto m = candidate.kind == Block::Kind::heading ? category_marker(candidate.text.value) : std::nullopt;
          if (!m) {
            continue;
          }
          if (m->family == first->family && m->number == first->number - 1) {
            JointUseEntry entry;
            entry.label = candidate.text;
            entry.pos = candidate.pos;
            for (std::size_t k = back; k < out.size(); ++k) {
              add_value_lines(entry, out[k]);
            }
            joint.entries.insert(joint.entries.begin(), std::move(entry));
            out.resize(back - 1);
          }
          break;
        }
      }
      // The intro: paragraphs just before the first label; the heading: the heading line before them.
      std::size_t intro_begin = out.size();
      while (intro_begin > 0 && out[intro_begin - 1].kind == Block::Kind::paragraph && out.size() - intro_begin < 4) {
        --intro_begin;
      }
      const bool headed = intro_begin > 0 && out[intro_begin - 1].kind == Block::Kind::heading;
      Block b;
      b.kind = Block::Kind::joint_use;
      const std::size_t first = headed ? intro_begin - 1 : intro_begin;
      b.pos = first < out.size() ? out[first].pos : joint.entries.front().pos;
      if (headed) {
        joint.heading = out[intro_begin - 1].text;
      }
      for (std::size_t k = intro_begin; k < out.size(); ++k) {
        joint.intro.push_back(out[k].text);
      }
      joint.pos = b.pos;
      out.resize(first);
      b.joint_use = std::move(joint);
      m_joint_use_blocks.insert(b.pos);
      ++m_result.counts.joint_use;
      out.push_back(std::move(b));
      i = j;
    }
    blocks = std::move(out);
  }
  std::set<Position> m_joint_use_blocks;

  // A heading that names joint use (「個人情報の共同利用について」), up to three paragraphs and a list:
  // the list names what is jointly used without the statutory fields (each line an entry's label).
  // Moves blocks[i…] into `out` as one joint_use block and advances `i` when it is one.
  bool listed_joint_use(std::vector<Block> &blocks, std::size_t &i, std::vector<Block> &out) {
    if (blocks[i].kind != Block::Kind::heading || !forms().any("joint-use-heading", blocks[i].text.value) ||
        contents_line(blocks[i].text.value)) {
      return false;
    }
    std::size_t list = i + 1;
    while (list < blocks.size() && list < i + 4 && blocks[list].kind == Block::Kind::paragraph) {
      ++list;
    }
    // The list: a list block, or numbered short lines (「1. 健保連との共同事業「…」」).
    const auto numbered = [&](std::size_t k) {
      return k < blocks.size() && blocks[k].kind == Block::Kind::heading && category_marker(blocks[k].text.value) &&
             label_fields(blocks[k]).empty();
    };
    std::size_t end = list;
    if (list < blocks.size() && blocks[list].kind == Block::Kind::list) {
      end = list + 1;
    } else {
      while (numbered(end)) {
        ++end;
      }
    }
    if (end == list) {
      return false;
    }
    JointUse joint;
    joint.heading = blocks[i].text;
    joint.pos = blocks[i].pos;
    for (std::size_t k = i + 1; k < list; ++k) {
      joint.intro.push_back(blocks[k].text);
    }
    for (std::size_t k = list; k < end; ++k) {
      if (blocks[k].kind == Block::Kind::heading) {
        JointUseEntry entry;
        entry.label = blocks[k].text;
        entry.pos = blocks[k].pos;
        joint.entries.push_back(std::move(entry));
        continue;
      }
      for (const auto &e : blocks[k].entries) {
        JointUseEntry entry;
        entry.label = Text{drawn_bullet(e.marker.value) ? e.text.value : e.marker.value + e.text.value, e.pos};
        entry.pos = e.pos;
        joint.entries.push_back(std::move(entry));
      }
    }
    Block b;
    b.kind = Block::Kind::joint_use;
    b.pos = blocks[i].pos;
    b.joint_use = std::move(joint);
    m_joint_use_blocks.insert(b.pos);
    ++m_result.counts.joint_use;
    out.push_back(std::move(b));
    i = end;
    return true;
  }

  // Paragraph-only text around the purposes goes to preamble and postscript (the form every renderer
  // knows); anything else makes the whole text a body with the purposes in place.
  void finish_blocks() {
    Notice &n = m_result.notice;
    joint_use_blocks(m_pre);
    joint_use_blocks(m_post);
    const auto plain = [](const std::vector<Block> &blocks) {
      return std::all_of(blocks.begin(), blocks.end(),
                         [](const Block &b) { return b.kind == Block::Kind::paragraph && b.role.empty(); });
    };
    if (plain(m_pre) && plain(m_post) && !n.categories.empty()) {
      for (const auto &b : m_pre) {
        n.preamble.push_back(Paragraph{{}, b.text, {}});
      }
      for (const auto &b : m_post) {
        n.postscript.push_back(Paragraph{{}, b.text, {}});
      }
    } else {
      n.body = std::move(m_pre);
      if (!n.categories.empty()) {
        Block purposes;
        purposes.kind = Block::Kind::purposes;
        n.body.push_back(std::move(purposes));
      }
      for (auto &b : m_post) {
        n.body.push_back(std::move(b));
      }
      for (const auto &b : n.body) {
        m_result.counts.blocks += b.kind == Block::Kind::purposes ? 0 : 1;
      }
    }
    // Defined terms (以下「当組合」という。) anywhere in the text around the purposes.
    std::set<std::string> seen;
    const auto scan = [&](const std::string &text, Position pos) {
      for (std::size_t at = text.find("以下「"); at != std::string::npos; at = text.find("以下「", at + 1)) {
        const std::size_t open = at + std::string_view("以下「").size();
        const std::size_t close = text.find("」", open);
        if (close == std::string::npos || detail::count_code_points(text.substr(open, close - open)) > 20 ||
            text.compare(close + 3, 3, "と") != 0) {
          continue;
        }
        // The meaning ends where the parenthesis opens: 「被保険者やその家族（以下「加入者」…」.
        std::size_t paren = at;
        for (const std::string_view p : {"（", "("}) {
          if (at >= p.size() && text.compare(at - p.size(), p.size(), p) == 0) {
            paren = at - p.size();
          }
        }
        const std::string word = text.substr(open, close - open);
        const std::string meaning = preceding_run(text, paren, 40, false);
        if (paren != at && !meaning.empty() && seen.insert(word).second) {
          n.terms.push_back(Term{Text{word, pos}, Text{meaning, pos}, pos});
        }
      }
    };
    for (const auto &p : n.preamble) {
      scan(p.text.value, p.text.pos);
    }
    for (const auto &b : n.body) {
      scan(b.text.value, b.text.pos);
    }
    for (const auto &c : n.categories) {
      scan(c.title.value, c.title.pos);
      for (const auto &i : c.intro) {
        scan(i.value, i.pos);
      }
    }
    // The notice's item marker is the most common one; categories and buckets that differ say theirs.
    std::map<std::string, int> count;
    for (const auto &[pos, marker] : m_markers) {
      ++count[marker];
    }
    std::string common = "・";
    int best = -1;
    for (const auto &[marker, k] : count) {
      if (k > best) {
        best = k;
        common = marker;
      }
    }
    n.style.item_marker = common;
    // Every category numbered 1: the numbers are drawn by one-item HTML lists, not typed (validate
    // then does not ask for 1, 2, 3 …).
    auto &cats = n.categories;
    n.style.category_markers_drawn =
        cats.size() >= 2 && std::all_of(cats.begin(), cats.end(), [](const Category &c) { return c.number == 1; });
    if (n.style.category_markers_drawn) {
      // `number` is then the place in order; the printed 「1.」 stays the marker.
      for (std::size_t i = 0; i < cats.size(); ++i) {
        cats[i].number = static_cast<int>(i) + 1;
      }
    }
    for (auto &c : n.categories) {
      for (auto &b : c.buckets) {
        const auto first =
            std::find_if(b.items.begin(), b.items.end(), [&](const UseCase &u) { return m_markers.count(u.pos) > 0; });
        if (first == b.items.end()) {
          continue;
        }
        if (const std::string &marker = m_markers.at(first->pos); marker != common) {
          b.item_marker = marker;
          b.has_item_marker = true;
        }
      }
    }
  }

  // The society's name: --insurer, else the first society named anywhere in the text.
  void insurer_name() {
    Notice &n = m_result.notice;
    if (!n.insurer.name.empty()) {
      return;
    }
    for (const auto &l : m_lines) {
      for (const std::string_view suffix : {"国民健康保険組合", "健康保険組合", "共済組合連合会", "共済組合"}) {
        const std::size_t at = l.text.find(suffix);
        if (at == std::string::npos) {
          continue;
        }
        const std::string before = preceding_run(l.text, at, 30);
        // 「当健康保険組合」「当組合」 name no one.
        const bool named = detail::count_code_points(before) >= 2 &&
                           before.find_first_of("0123456789.,-") == std::string::npos && !starts_with(before, "当") &&
                           !starts_with(before, "他") && !starts_with(before, "各");
        if (named) {
          n.insurer.name = Text{before + std::string(suffix), l.pos};
          return;
        }
      }
    }
    n.insurer.name = Text{"（組合名不明）", {}};
    m_result.warnings.push_back("no society's name is printed: insurer.name is a placeholder; pass --insurer NAME");
  }

  void revisions() {
    Notice &n = m_result.notice;
    std::sort(m_dates.begin(), m_dates.end(),
              [](const DateLine &a, const DateLine &b) { return a.date.date < b.date.date; });
    for (std::size_t i = 0; i < m_dates.size(); ++i) {
      const DateLine &d = m_dates[i];
      if (i > 0 && !(m_dates[i - 1].date.date < d.date.date)) {
        // The same date printed twice: keep the first line, and the second as text.
        Block again;
        again.pos = d.pos;
        again.text = Text{d.wording, d.pos};
        n.body.push_back(std::move(again));
        continue;
      }
      Revision r;
      r.pos = d.pos;
      r.effective = d.date.date;
      r.dating = d.date.month_only ? Revision::Dating::month : Revision::Dating::effective;
      r.wording = Text{d.wording, d.pos};
      r.wording_top = d.top;
      if (i + 1 < m_dates.size()) {
        r.provenance = Provenance::reconstructed;
        r.source = Text{"Only its date line is printed (in the closing lines of the later revision); import assumed "
                        "the text of the latest revision.",
                        d.pos};
      } else {
        r.source = Text{"Imported from " + m_doc.path + " by notice-audit import.", d.pos};
      }
      n.revisions.push_back(std::move(r));
    }
    if (!n.revisions.empty()) {
      return;
    }
    Revision r;
    r.source = Text{"Imported from " + m_doc.path + " by notice-audit import.", {}};
    if (m_title_date) {
      r.effective = m_title_date->date;
      r.dating = m_title_date->month_only ? Revision::Dating::month : Revision::Dating::effective;
    } else if (m_options.effective) {
      r.effective = *m_options.effective;
    } else {
      r.effective = m_options.today.value_or(Date{2026, 12, 1});
      r.dating = Revision::Dating::seen;
      m_result.warnings.push_back("no date is printed: the revision is recorded as seen on " + to_string(r.effective) +
                                  "; pass --effective DATE when its 施行日 is known");
    }
    n.revisions.push_back(std::move(r));
  }

  // The data the text says the society holds, declared once each (the enumeration's words as printed),
  // with its sensitivity read from the lexicon; items naming a source's word refer to it.
  void data_sources() {
    Notice &n = m_result.notice;
    static constexpr const char *k_kinds[] = {"my-number",    "receipts",    "checkups",
                                              "applications", "eligibility", "cash-benefits"};
    std::vector<Text> texts;
    for (const auto &p : n.preamble) {
      texts.push_back(p.text);
    }
    for (const auto &b : n.body) {
      if (b.kind == Block::Kind::purposes) {
        break;
      }
      if (b.kind == Block::Kind::paragraph) {
        texts.push_back(b.text);
      }
    }
    for (const auto &c : n.categories) {
      for (const auto &t : c.intro) {
        texts.push_back(t);
      }
    }
    for (const auto &t : texts) {
      if (t.value.find("個人情報") == std::string::npos || !forms().any("data-held-cue", t.value)) {
        continue;
      }
      for (std::string token : enumeration(t.value)) {
        // 「健康診断を受けられた際の健診結果数値等の個人情報を基に」: the name ends with 個人情報.
        if (const std::size_t at = token.rfind("個人情報"); at != std::string::npos) {
          token.resize(at + std::string_view("個人情報").size());
        }
        if (detail::count_code_points(token) > 60) {
          continue;
        }
        for (const char *kind : k_kinds) {
          const auto word = forms().find(std::string("data-source.") + kind, token);
          std::string id(kind);
          if (!word || std::any_of(n.data.begin(), n.data.end(), [&](const DataSource &d) { return d.id == id; })) {
            continue;
          }
          DataSource d;
          d.id = id;
          d.pos = t.pos;
          d.name = Text{trim_spaces(token), t.pos};
          d.sensitive = lex().any("data.sensitive", token);
          d.my_number = lex().any("data.my-number", token);
          m_data_words[id] = std::string(word->word);
          n.data.push_back(std::move(d));
          break;
        }
      }
    }
    for (auto &c : n.categories) {
      for (auto &b : c.buckets) {
        for (auto &u : b.items) {
          std::string words;
          for (const auto &d : n.data) {
            if (const auto word = forms().find("data-source." + d.id, u.text.value)) {
              u.data.push_back(Ref{d.id, u.pos});
              words += (words.empty() ? "" : ", ") + std::string(word->word);
            }
          }
          if (!words.empty()) {
            m_data_note[&u] = "inferred from the wording: " + words;
          }
        }
      }
    }
    // A source no item names stays in its paragraph only: declared, validate would report it unused.
    std::set<std::string> named;
    for (const auto &c : n.categories) {
      for (const auto &b : c.buckets) {
        for (const auto &u : b.items) {
          for (const auto &r : u.data) {
            named.insert(r.id);
          }
        }
      }
    }
    n.data.erase(
        std::remove_if(n.data.begin(), n.data.end(), [&](const DataSource &d) { return named.count(d.id) == 0; }),
        n.data.end());
  }
  // The parts of a sentence between 、 and 。 outside brackets (「(以下「加入者」という。)」 stays whole).
  static std::vector<std::string> enumeration(const std::string &text) {
    static constexpr std::string_view k_open[] = {"(", "（", "「", "『"};
    static constexpr std::string_view k_close[] = {")", "）", "」", "』"};
    std::vector<std::string> out;
    std::string current;
    int depth = 0;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t len = 1;
      const std::string_view rest = std::string_view(text).substr(i);
      if (std::any_of(std::begin(k_open), std::end(k_open), [&](std::string_view o) { return starts_with(rest, o); })) {
        ++depth;
      } else if (std::any_of(std::begin(k_close), std::end(k_close),
                             [&](std::string_view c) { return starts_with(rest, c); })) {
        depth = std::max(0, depth - 1);
      } else if (depth == 0 && (starts_with(rest, "、") || starts_with(rest, "。"))) {
        out.push_back(std::move(current));
        current.clear();
        i += 3;
        continue;
      }
      while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) {
        ++len;
      }
      current += text.substr(i, len);
      i += len;
    }
    out.push_back(std::move(current));
    return out;
  }
  std::map<std::string, std::string> m_data_words; ///< data source → the word that named it
  std::map<const UseCase *, std::string> m_data_note;

  // Flows, parties and bases: what the text decides, marked; the rest left undecided.
  void infer() {
    Notice &n = m_result.notice;
    std::set<std::string> declared;
    for (auto &c : n.categories) {
      for (auto &b : c.buckets) {
        for (auto &u : b.items) {
          const FlowReading reading = read_flow(u, b);
          if (reading.source == FlowReading::Source::wording) {
            u.flow = reading.flow;
            m_flow_note[&u] = "inferred from the wording: " + reading.word;
            ++m_result.counts.flows_from_wording;
          } else if (b.kind == BucketKind::other) {
            u.undecided.push_back(Text{"flow", u.pos});
            ++m_result.counts.flows_undecided;
          } else {
            ++m_result.counts.flows_stated_by_bucket;
          }
          const FlowKind flow = read_flow(u, b).flow;
          if (flow != FlowKind::internal && u.undecided.empty()) {
            std::string words;
            for (const PartyKind kind : legal::parties_named(u.text.value)) {
              const auto match = lex().find("party." + std::string(to_string(kind)), u.text.value);
              const std::string id = party_id(kind);
              if (declared.insert(id).second) {
                Party p;
                p.id = id;
                p.name = Text{match ? std::string(match->word) : id, u.pos};
                p.kind = kind;
                n.parties.push_back(std::move(p));
              }
              u.parties.push_back(Ref{id, u.pos});
              words += (words.empty() ? "" : ", ") + (match ? std::string(match->word) : id);
            }
            if (u.parties.empty()) {
              u.undecided.push_back(Text{"parties", u.pos});
              ++m_result.counts.parties_undecided;
            } else {
              m_parties_note[&u] = "inferred from the wording: " + words;
              ++m_result.counts.parties_named;
            }
          }
          for (const auto &citation : law::find_citations(u.text.value)) {
            if (citation.cite.law.empty() || citation.cite.article == 0) {
              continue;
            }
            Basis basis;
            basis.law = citation.cite.law;
            basis.article = std::to_string(citation.cite.article) +
                            (citation.cite.branch ? "の" + std::to_string(citation.cite.branch) : "");
            basis.paragraph = citation.cite.paragraph ? std::to_string(citation.cite.paragraph) : "";
            basis.item = citation.cite.item ? std::to_string(citation.cite.item) : "";
            basis.note = Text{u.text.value.substr(citation.offset, citation.length), u.pos};
            u.basis.push_back(std::move(basis));
            ++m_result.counts.bases;
          }
        }
      }
    }
  }

  // An item's id from its wording: the slugs of the first id-word lists (schemas/import.yaml) its
  // text names, in printed order, at most three; a word inside a longer one found (療養費 in
  // 高額療養費) does not count. With none, a checksum of the wording. The same wording gives the same
  // id wherever the item stands.
  static std::string wording_id(const std::string &text) {
    static const std::vector<std::string> lists = [] {
      std::vector<std::string> out;
      for (const auto &name : forms().list_names()) {
        if (starts_with(name, "id-word.")) {
          out.push_back(name);
        }
      }
      return out;
    }();
    struct Hit {
      std::size_t begin, end;
      std::string slug;
    };
    std::vector<Hit> hits;
    for (const auto &list : lists) {
      if (const auto m = forms().find(list, text)) {
        hits.push_back(Hit{m->offset, m->offset + m->word.size(), list.substr(std::string_view("id-word.").size())});
      }
    }
    std::sort(hits.begin(), hits.end(),
              [](const Hit &a, const Hit &b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
    std::string id;
    int taken = 0;
    std::size_t covered = 0;
    for (const auto &h : hits) {
      if (h.end <= covered || taken == 3) {
        continue; // inside a longer word already taken
      }
      covered = std::max(covered, h.end);
      id += (id.empty() ? "" : "-") + h.slug;
      ++taken;
    }
    if (!id.empty()) {
      return id;
    }
    std::uint32_t hash = 2166136261U; // FNV-1a
    for (const unsigned char c : text) {
      hash = (hash ^ c) * 16777619U;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "item-%06x", hash & 0xFFFFFFU);
    return hex;
  }

  // Ids: categories by their model, buckets by kind, items by their wording: short, ASCII, unique,
  // the same for the same text.
  void ids() {
    Notice &n = m_result.notice;
    std::set<std::string> used;
    std::map<std::string, int> next_suffix; // per base: where the search for a free -N resumes
    const auto unique = [&](std::string id) {
      std::string candidate = id;
      for (int &k = next_suffix.try_emplace(id, 2).first->second; !used.insert(candidate).second; ++k) {
        candidate = id + "-" + std::to_string(k);
      }
      return candidate;
    };
    for (const auto &p : n.parties) {
      used.insert(p.id);
    }
    for (const auto &d : n.data) {
      used.insert(d.id);
    }
    for (std::size_t ci = 0; ci < n.categories.size(); ++ci) {
      Category &c = n.categories[ci];
      std::string model = c.model;
      std::replace(model.begin(), model.end(), '_', '-');
      c.id = unique(!model.empty() ? model : "category-" + std::to_string(ci + 1));
      for (auto &b : c.buckets) {
        std::string kind(to_string(b.kind));
        std::replace(kind.begin(), kind.end(), '_', '-');
        b.id = unique(c.id + "-" + (b.kind == BucketKind::other ? std::string("items") : kind));
        for (auto &u : b.items) {
          u.id = unique(wording_id(u.text.value));
        }
      }
    }
  }

  void comments() {
    Notice &n = m_result.notice;
    YamlComments &c = m_result.comments;
    c.header = {"Imported by notice-audit import from " + m_doc.path + " (" + std::string(to_string(m_doc.format)) +
                    ", " + m_doc.encoding + ").",
                "Text is kept as printed. What the text decides is filled in and marked `inferred`; what it does",
                "not decide is listed under `undecided:` on the item, and validate reports it until a person",
                "decides and removes the marker. Comments say where each element was printed."};
    for (const auto &note : m_doc.notes) {
      c.header.push_back("reader: " + note);
    }
    for (const auto &note : m_reader_notes) {
      c.header.push_back("reader: " + note);
    }
    for (auto &cat : n.categories) {
      if (auto it = m_where.find(cat.pos); it != m_where.end()) {
        c.above[&cat] = {it->second};
      }
      if (!cat.model.empty()) {
        c.trailing[{&cat, "model"}] = "inferred from the title";
      }
    }
    for (auto &cat : n.categories) {
      for (auto &b : cat.buckets) {
        if (auto it = m_where.find(b.pos); it != m_where.end() && !b.heading.empty()) {
          c.above[&b] = {it->second};
        }
        if (!b.heading.empty()) {
          c.trailing[{&b, "heading"}] = "kind " + std::string(to_string(b.kind)) + " (read from the heading)";
        }
        if (auto it = m_bucket_kind_note.find(b.pos); it != m_bucket_kind_note.end()) {
          c.trailing[{&b, "kind"}] = it->second;
        }
        for (auto &u : b.items) {
          if (auto it = m_where.find(u.pos); it != m_where.end()) {
            c.above[&u] = {it->second};
          }
          if (auto it = m_flow_note.find(&u); it != m_flow_note.end()) {
            c.trailing[{&u, "flow"}] = it->second;
          }
          if (auto it = m_parties_note.find(&u); it != m_parties_note.end()) {
            c.trailing[{&u, "parties"}] = it->second;
          }
          if (auto it = m_data_note.find(&u); it != m_data_note.end()) {
            c.trailing[{&u, "data"}] = it->second;
          }
          if (!u.basis.empty()) {
            c.trailing[{&u, "basis"}] = "inferred from the citation in the wording";
          }
        }
      }
    }
    for (auto &d : n.data) {
      c.above[&d] = {"inferred: named where the text says what it holds (" + m_data_words[d.id] + ")"};
      if (d.sensitive) {
        c.trailing[{&d, "sensitive"}] = "inferred from the name (要配慮個人情報)";
      }
      if (d.my_number) {
        c.trailing[{&d, "my_number"}] = "inferred from the name (特定個人情報)";
      }
    }
    for (auto &r : n.revisions) {
      if (auto it = m_where.find(r.pos); it != m_where.end()) {
        c.above[&r] = {it->second};
      }
    }
    for (auto &b : n.body) {
      if (auto it = m_where.find(b.pos); it != m_where.end()) {
        c.above[&b] = {it->second};
      }
      if (!b.role.empty()) {
        c.trailing[{&b, "role"}] = "inferred from the wording";
      }
      if (m_joint_use_blocks.count(b.pos) > 0 && b.kind == Block::Kind::joint_use) {
        c.above[&b].push_back("a joint-use disclosure: its entries' fields are read from their labels");
      }
    }
  }
};

} // namespace

ImportResult import_document(const DocumentText &document, const ImportOptions &options) {
  return Recogniser(document, options).run();
}

std::vector<std::string> import_summary(const ImportCounts &counts) {
  std::vector<std::string> out;
  out.push_back(std::to_string(counts.items) + " items in " + std::to_string(counts.categories) + " categories and " +
                std::to_string(counts.buckets) + " buckets; flows: " + std::to_string(counts.flows_stated_by_bucket) +
                " from bucket headings, " + std::to_string(counts.flows_from_wording) + " inferred from wording");
  if (counts.flows_undecided > 0 || counts.parties_undecided > 0) {
    out.push_back(std::to_string(counts.flows_undecided) + " items need a flow; " +
                  std::to_string(counts.parties_undecided) + " parties unknown");
  }
  return out;
}

std::vector<std::string> printed_lines(const Notice &notice) {
  std::vector<std::string> out;
  const auto text = [&](const Text &t) {
    if (!t.empty()) {
      out.push_back(t.value);
    }
  };
  std::vector<const Revision *> top;
  std::vector<const Revision *> end;
  for (const auto &r : notice.revisions) {
    if (!r.wording.empty()) {
      (r.wording_top ? top : end).push_back(&r);
    }
  }
  text(notice.title);
  for (const auto &t : notice.title_lines) {
    text(t);
  }
  for (const auto *r : top) {
    text(r->wording);
  }
  for (const auto &p : notice.preamble) {
    text(p.text);
  }
  const std::function<void(const std::vector<ListEntry> &, const Text &)> entries =
      [&](const std::vector<ListEntry> &list, const Text &marker) {
        for (const auto &e : list) {
          out.push_back((e.marker.empty() ? marker.value : e.marker.value) + e.text.value);
          entries(e.children, marker);
        }
      };
  const std::function<void(const Block &)> block = [&](const Block &b) {
    switch (b.kind) {
    case Block::Kind::purposes:
      for (const auto &c : notice.categories) {
        if (!c.marker.empty() || !c.title.empty()) {
          out.push_back(c.marker.value + c.title.value);
        }
        for (const auto &i : c.intro) {
          text(i);
        }
        const std::string category_marker = c.has_item_marker ? c.item_marker : notice.style.item_marker;
        for (const auto &bucket : c.buckets) {
          text(bucket.heading);
          const std::string marker = bucket.has_item_marker ? bucket.item_marker : category_marker;
          for (const auto &u : bucket.items) {
            out.push_back((u.has_marker ? u.marker.value : marker) + u.text.value);
            for (std::size_t i = 0; i < u.notes.size(); ++i) {
              out.push_back((i < u.note_markers.size() ? u.note_markers[i].value : "") + u.notes[i].value);
            }
          }
          for (const auto &note : bucket.notes) {
            block(note);
          }
        }
        for (const auto &note : c.notes) {
          block(note);
        }
      }
      break;
    case Block::Kind::list:
    case Block::Kind::data_held:
      entries(b.entries, b.marker);
      break;
    case Block::Kind::section:
      out.push_back(b.marker.value + b.text.value);
      for (const auto &child : b.children) {
        block(child);
      }
      break;
    case Block::Kind::table:
      text(b.caption);
      for (const auto &h : b.header) {
        text(h);
      }
      for (const auto &row : b.rows) {
        for (const auto &cell : row) {
          text(cell);
        }
      }
      break;
    case Block::Kind::joint_use:
      if (b.joint_use) {
        text(b.joint_use->heading);
        for (const auto &t : b.joint_use->intro) {
          text(t);
        }
        for (const auto &e : b.joint_use->entries) {
          text(e.label);
          for (const auto &t : e.lines) {
            text(t);
          }
        }
      }
      break;
    case Block::Kind::fields:
      for (const auto &f : b.fields) {
        text(f.label);
        for (const auto &v : f.value) {
          text(v);
        }
      }
      break;
    default:
      text(b.text);
    }
  };
  const bool purposes_in_body = std::any_of(notice.body.begin(), notice.body.end(),
                                            [](const Block &b) { return b.kind == Block::Kind::purposes; });
  for (const auto &b : notice.body) {
    block(b);
  }
  if (!purposes_in_body) {
    Block purposes;
    purposes.kind = Block::Kind::purposes;
    block(purposes);
  }
  for (const auto &p : notice.postscript) {
    text(p.text);
  }
  for (const auto *r : end) {
    text(r->wording);
  }
  return out;
}

} // namespace notice
