// The structure recogniser behind `import`: logical lines of a published notice → the notice model.
// Forms (markers, brackets, date words, roles) come from schemas/import.yaml; meanings (bucket kinds,
// parties, flows) from the shared lexicon and legal.cpp, so that import and validate read alike.
#include "notice/era.hpp"
#include "notice/error.hpp"
#include "notice/import.hpp"
#include "notice/law.hpp"
#include "notice/legal.hpp"
#include "notice/lexicon.hpp"

#include <algorithm>
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
      if ((digit_before && (digit_after || unit_after)) || (unit_before && digit_after)) {
        continue;
      }
    }
    compact += out[i];
  }
  return compact;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

// The run of text that ends at byte `end` of `s`, back to a delimiter (space, bracket, punctuation)
// or `max` code points.
std::string preceding_run(const std::string &s, std::size_t end, std::size_t max) {
  static constexpr std::string_view k_delimiters[] = {" ",  "　", "「", "」", "『", "』", "（", "）",
                                                      "(",  ")",  "、", "。", "・", ":",  "：", "【",
                                                      "】", "〔", "〕", "\"", "は", "が", "の"};
  std::size_t begin = end;
  std::size_t count = 0;
  while (begin > 0 && count < max) {
    std::size_t prev = begin - 1;
    while (prev > 0 && (static_cast<unsigned char>(s[prev]) & 0xC0) == 0x80) {
      --prev;
    }
    const std::string_view cp = std::string_view(s).substr(prev, begin - prev);
    if (std::find(std::begin(k_delimiters), std::end(k_delimiters), cp) != std::end(k_delimiters)) {
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
  if (code_points(rest) <= 2 && (worded || code_points(text) <= 16)) {
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
  std::string text; ///< as printed, with the space after it
  int number = 0;   ///< 0 when the marker is not a number
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
    // "N." must not be a decimal ("1.5") or a date.
    if (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) {
      continue;
    }
    while (end < s.size() && s[end] == ' ') {
      ++end;
    }
    if (starts_with(s.substr(end), "　")) {
      end += 3;
    }
    return Marker{std::string(s.substr(0, end)), value};
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
      return Marker{std::string(s.substr(0, end)), numbered ? static_cast<int>(i) + 1 : 0};
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
      m_lines.push_back(
          Line{l.text, Position{l.pos.line, std::max(l.pos.column, 1)}, describe(l.pos, m_doc.format), l.hints});
    }
    if (m_lines.empty()) {
      throw Error(m_doc.path + ": no text to import");
    }
    Notice &n = m_result.notice;
    n.schema_version = 2;
    n.insurer.name.value = m_options.insurer;
    n.insurer.kind = m_options.kind;
    title();
    for (; m_at < m_lines.size(); ++m_at) {
      line(m_lines[m_at]);
    }
    finish_blocks();
    insurer_name();
    revisions();
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
      if (sentence(l.text) || code_points(l.text) > 100 || category_marker(l.text) ||
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
    if (code_points(s) <= 40 && !sentence(s) && heading_end && (prefix.size() > 0 || !item_marker(s))) {
      const BucketKind kind = read_bucket_kind(s);
      if (kind != BucketKind::other && !forms().any("joint-use-heading", s)) {
        return std::make_pair(std::string(text), kind);
      }
    }
    return std::nullopt;
  }

  // A category heading: a marker and a title that names a purpose, or an unnumbered title line.
  std::optional<std::pair<Marker, std::string>> category_heading(const Line &l) const {
    if (sentence(l.text) || code_points(l.text) > 80) {
      return std::nullopt;
    }
    if (auto m = category_marker(l.text)) {
      const std::string title = l.text.substr(m->text.size());
      if (forms().any("category-title", title) && !forms().any("category-title-not", title)) {
        return std::make_pair(*m, title);
      }
      return std::nullopt;
    }
    // A notice that numbers its categories has no unnumbered one: such a line is an intro.
    const auto &cats = m_result.notice.categories;
    if (std::any_of(cats.begin(), cats.end(), [](const Category &c) { return !c.marker.empty(); })) {
      return std::nullopt;
    }
    for (const auto &suffix : forms().words("category-title-suffix")) {
      if (ends_with(l.text, suffix) && l.hints.list_level == 0 && !forms().any("category-title-not", l.text) &&
          !item_marker(l.text)) {
        return std::make_pair(Marker{}, l.text);
      }
    }
    return std::nullopt;
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
    Notice &n = m_result.notice;
    if (auto d = date_line(l.text); d && (closing_run() || (!m_in_purposes && !m_after_purposes && m_pre.empty()))) {
      m_dates.push_back(DateLine{*d, l.text, !m_in_purposes && !m_after_purposes && m_pre.empty(), l.pos});
      m_where[l.pos] = l.where;
      ++m_result.counts.dates;
      return;
    }
    if (auto c = category_heading(l); c && !m_after_purposes) {
      start_purposes();
      Category cat;
      cat.pos = l.pos;
      if (!c->first.text.empty()) {
        cat.marker = Text{c->first.text, l.pos};
        cat.number = c->first.number;
      }
      cat.title = Text{c->second, l.pos};
      cat.model = model_of(c->second);
      n.categories.push_back(std::move(cat));
      m_where[l.pos] = l.where;
      ++m_result.counts.categories;
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

  // True when the current line and every line after it are date lines: the closing dates.
  bool closing_run() const {
    for (std::size_t i = m_at; i < m_lines.size(); ++i) {
      if (!date_line(m_lines[i].text)) {
        return false;
      }
    }
    return true;
  }

  // A new heading-less bucket after `b`, so that what follows prints after what came before (a note
  // printed under a heading with no item yet; items whose bullet changes).
  Bucket &continue_bucket(Category &cat, const Line &l) {
    Bucket next;
    next.pos = l.pos;
    next.kind = BucketKind::other;
    next.kind_inferred = true;
    cat.buckets.push_back(std::move(next));
    ++m_result.counts.buckets;
    m_bucket_closed = false;
    return cat.buckets.back();
  }
  bool m_bucket_closed = false;

  void purposes_line(const Line &l) {
    Category &cat = category();
    Bucket *b = bucket();
    const auto item = item_of(l);
    const bool deeper = b && !b->items.empty() && l.hints.list_level > 0 && l.hints.list_level > m_item_level;
    if (item && !deeper) {
      const bool marker_changes = b && !b->items.empty() && m_markers[b->items.back().pos] != item->first;
      if (b && (m_bucket_closed || marker_changes)) {
        b = &continue_bucket(cat, l);
      }
      if (!b) {
        cat.buckets.emplace_back();
        b = &cat.buckets.back();
        b->pos = l.pos;
        b->kind = BucketKind::other;
        b->kind_inferred = true;
        m_where[l.pos] = l.where;
        ++m_result.counts.buckets;
      }
      add_item(*b, item->first, item->second, l);
      return;
    }
    if (b && !b->items.empty()) {
      UseCase &last = b->items.back();
      const bool bare_items =
          std::all_of(b->items.begin(), b->items.end(), [&](const UseCase &u) { return m_markers[u.pos].empty(); });
      if (bare_items && !sentence(l.text) && code_points(l.text) <= 100 && !deeper) {
        add_item(*b, "", l.text, l);
        return;
      }
      // A sentence that is not indented after the last item ends the purposes.
      if (sentence(l.text) && code_points(l.text) >= 30 && l.hints.indent == 0 && l.hints.list_level == 0 &&
          &cat == &m_result.notice.categories.back()) {
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
      if (!sentence(l.text) && code_points(l.text) <= 100) {
        if (m_bucket_closed) {
          b = &continue_bucket(cat, l);
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
  std::map<Position, std::string> m_markers; ///< item (by its line) → the marker printed before it

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
    if (l.hints.heading_level > 0 || (!sentence(l.text) && code_points(l.text) <= 40 && !ends_with(l.text, "、"))) {
      b.kind = Block::Kind::heading;
      b.level = l.hints.heading_level > 0 ? l.hints.heading_level : 2;
    } else {
      b.kind = Block::Kind::paragraph;
      b.role = role_of(l.text);
    }
    blocks.push_back(std::move(b));
  }
  bool m_last_was_list = false;

  // Paragraph-only text around the purposes goes to preamble and postscript (the form every renderer
  // knows); anything else makes the whole text a body with the purposes in place.
  void finish_blocks() {
    Notice &n = m_result.notice;
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
        if (close == std::string::npos || code_points(text.substr(open, close - open)) > 20 ||
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
        const std::string meaning = preceding_run(text, paren, 40);
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
    for (auto &c : n.categories) {
      for (auto &b : c.buckets) {
        if (b.items.empty()) {
          continue;
        }
        const std::string first = m_markers[b.items.front().pos];
        if (first != common) {
          b.item_marker = first;
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
        const bool named = code_points(before) >= 2 && before.find_first_of("0123456789.,-") == std::string::npos &&
                           !starts_with(before, "当") && !starts_with(before, "他") && !starts_with(before, "各");
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

  // Ids from the structure (categories by their model, buckets by kind, items by place): short,
  // ASCII, unique, the same for the same text.
  void ids() {
    Notice &n = m_result.notice;
    std::set<std::string> used;
    const auto unique = [&](std::string id) {
      std::string candidate = id;
      for (int k = 2; !used.insert(candidate).second; ++k) {
        candidate = id + "-" + std::to_string(k);
      }
      return candidate;
    };
    for (const auto &p : n.parties) {
      used.insert(p.id);
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
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          b.items[i].id = unique(b.id + "-" + std::to_string(i + 1));
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
          if (!u.basis.empty()) {
            c.trailing[{&u, "basis"}] = "inferred from the citation in the wording";
          }
        }
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
            out.push_back(marker + u.text.value);
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
