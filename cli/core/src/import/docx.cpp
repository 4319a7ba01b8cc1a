// DOCX read directly: the ZIP reader's checks, then word/document.xml, styles.xml and
// numbering.xml through libxml2's streaming reader (no tree, no DTD, no network, no entities).
// Reading the XML ourselves rather than through Pandoc keeps every limit in this process, gives each
// paragraph a position (body/tbl[1]/tr[2]/tc[1]/p[1]) and lets Word's list numbering be printed as
// Word prints it (1．, ①, (ア)). Headers, footers, footnotes and comments live in other parts and
// are not read; deleted text of tracked changes is skipped, inserted text kept.
#include "diff/text.hpp"
#include "import/cjk.hpp"
#include "import/readers.hpp"
#include "utf8.hpp"

#include "notice/error.hpp"
#include "notice/zip.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <libxml/xmlreader.h>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

namespace notice::import {
namespace {

constexpr std::string_view k_wordml = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view k_wordml_strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view k_markup_compatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

// A streaming reader over one XML part that refuses DTDs and reports the first parser error.
class XmlStream {
public:
  // The reader parses from `xml` without copying it, so the stream keeps it.
  XmlStream(const std::string &part, std::string xml, std::size_t max_depth)
      : m_part(part), m_xml(std::move(xml)), m_max_depth(max_depth) {
    // Word never writes a DTD; refusing one up front keeps entity expansion out of reach.
    if (m_xml.find("<!DOCTYPE") != std::string::npos) {
      throw Error(part + ": has a DOCTYPE, which Word never writes; refused (entity expansion)");
    }
    xmlInitParser();
    m_reader = xmlReaderForMemory(m_xml.data(), static_cast<int>(m_xml.size()), part.c_str(), nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!m_reader) {
      throw Error(part + ": cannot be parsed as XML");
    }
    xmlTextReaderSetStructuredErrorHandler(m_reader, &XmlStream::on_error, this);
  }
  ~XmlStream() { xmlFreeTextReader(m_reader); }
  XmlStream(const XmlStream &) = delete;
  XmlStream &operator=(const XmlStream &) = delete;

  /// Advances; false at the end. Throws notice::Error on malformed XML, a DTD or too deep nesting.
  bool next() {
    const int rc = xmlTextReaderRead(m_reader);
    if (rc < 0 || !m_error.empty()) {
      throw Error(m_part + ": not well-formed XML" + (m_error.empty() ? std::string() : ": " + m_error));
    }
    if (rc == 0) {
      return false;
    }
    if (xmlTextReaderNodeType(m_reader) == XML_READER_TYPE_DOCUMENT_TYPE) {
      throw Error(m_part + ": has a DOCTYPE, which Word never writes; refused (entity expansion)");
    }
    if (static_cast<std::size_t>(xmlTextReaderDepth(m_reader)) > m_max_depth) {
      throw Error(m_part + ": elements nested deeper than " + std::to_string(m_max_depth));
    }
    return true;
  }

  int type() const { return xmlTextReaderNodeType(m_reader); }
  bool start() const { return type() == XML_READER_TYPE_ELEMENT; }
  bool end() const { return type() == XML_READER_TYPE_END_ELEMENT; }
  bool empty_element() const { return xmlTextReaderIsEmptyElement(m_reader) == 1; }
  int depth() const { return xmlTextReaderDepth(m_reader); }

  std::string_view local() const { return view(xmlTextReaderConstLocalName(m_reader)); }
  std::string_view ns() const { return view(xmlTextReaderConstNamespaceUri(m_reader)); }
  bool word() const { return ns() == k_wordml || ns() == k_wordml_strict; }
  bool is(std::string_view name) const { return word() && local() == name; }

  /// The w:`name` attribute (or the unprefixed one), or empty.
  std::string attribute(std::string_view name) const {
    for (const std::string_view space : {k_wordml, k_wordml_strict}) {
      xmlChar *value =
          xmlTextReaderGetAttributeNs(m_reader, reinterpret_cast<const xmlChar *>(std::string(name).c_str()),
                                      reinterpret_cast<const xmlChar *>(std::string(space).c_str()));
      if (value) {
        std::string out(reinterpret_cast<const char *>(value));
        xmlFree(value);
        return out;
      }
    }
    xmlChar *value = xmlTextReaderGetAttribute(m_reader, reinterpret_cast<const xmlChar *>(std::string(name).c_str()));
    if (!value) {
      return {};
    }
    std::string out(reinterpret_cast<const char *>(value));
    xmlFree(value);
    return out;
  }

  std::string_view value() const { return view(xmlTextReaderConstValue(m_reader)); }

  /// Skips the current element's content (the reader then stands on its end).
  void skip_subtree() {
    if (empty_element()) {
      return;
    }
    const int d = depth();
    while (next()) {
      if (end() && depth() == d) {
        return;
      }
    }
  }

private:
  std::string m_part;
  std::string m_xml;
  std::size_t m_max_depth;
  xmlTextReaderPtr m_reader = nullptr;
  std::string m_error;

  static std::string_view view(const xmlChar *text) {
    return text ? std::string_view(reinterpret_cast<const char *>(text)) : std::string_view();
  }

  static void on_error(void *self, xmlErrorPtr error) {
    auto *stream = static_cast<XmlStream *>(self);
    if (stream->m_error.empty() && error && error->level >= XML_ERR_ERROR) {
      std::string message = error->message ? error->message : "error";
      while (!message.empty() && message.back() == '\n') {
        message.pop_back();
      }
      stream->m_error = "line " + std::to_string(error->line) + ": " + message;
    }
  }
};

int to_int(const std::string &text, int fallback) {
  if (text.empty()) {
    return fallback;
  }
  char *end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || value < -1'000'000 || value > 1'000'000) {
    return fallback;
  }
  return static_cast<int>(value);
}

// ---------------------------------------------------------------------------------------------
// styles.xml: heading levels and the numbering a paragraph style carries

struct Style {
  std::string name;
  std::string based_on;
  std::optional<int> outline; // 0-based outline level; 9 is body text
  std::optional<int> num_id;
  std::optional<int> ilvl;
};

std::map<std::string, Style> read_styles(const std::string &xml, std::size_t max_depth) {
  std::map<std::string, Style> styles;
  XmlStream in("word/styles.xml", xml, max_depth);
  Style *current = nullptr;
  while (in.next()) {
    if (!in.start()) {
      if (in.end() && in.is("style")) {
        current = nullptr;
      }
      continue;
    }
    if (in.is("style")) {
      current = in.attribute("type") == "paragraph" || in.attribute("type").empty() ? &styles[in.attribute("styleId")]
                                                                                    : nullptr;
    } else if (current && in.is("name")) {
      current->name = ascii_lower(in.attribute("val"));
    } else if (current && in.is("basedOn")) {
      current->based_on = in.attribute("val");
    } else if (current && in.is("outlineLvl")) {
      current->outline = to_int(in.attribute("val"), 9);
    } else if (current && in.is("numId")) {
      current->num_id = to_int(in.attribute("val"), 0);
    } else if (current && in.is("ilvl")) {
      current->ilvl = to_int(in.attribute("val"), 0);
    }
  }
  return styles;
}

// The heading level a style gives (1–6), following basedOn; 0 for body text.
int heading_level(const std::map<std::string, Style> &styles, const std::string &id) {
  std::string at = id;
  for (int hops = 0; hops < 16 && !at.empty(); ++hops) {
    const auto it = styles.find(at);
    if (it == styles.end()) {
      break;
    }
    const Style &style = it->second;
    if (style.name == "title") {
      return 1;
    }
    for (const std::string_view prefix : {"heading ", "見出し "}) {
      if (style.name.starts_with(prefix)) {
        const int level = to_int(style.name.substr(prefix.size()), 0);
        if (level >= 1) {
          return std::min(level, 6);
        }
      }
    }
    if (style.outline && *style.outline < 9) {
      return std::min(*style.outline + 1, 6);
    }
    at = style.based_on;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// numbering.xml: what Word prints before a numbered paragraph

struct Level {
  int start = 1;
  std::string format = "decimal";
  std::string text = "%1.";
  std::string suffix = "tab";
};

struct AbstractNumbering {
  std::array<Level, 9> levels;
};

struct Numbering {
  int abstract_id = -1;
  std::map<int, int> start_overrides;
};

struct NumberingPart {
  std::map<int, AbstractNumbering> abstracts;
  std::map<int, Numbering> nums;
};

NumberingPart read_numbering(const std::string &xml, std::size_t max_depth) {
  NumberingPart part;
  XmlStream in("word/numbering.xml", xml, max_depth);
  AbstractNumbering *abstract = nullptr;
  Numbering *num = nullptr;
  Level *level = nullptr;
  int override_level = -1;
  while (in.next()) {
    if (in.end()) {
      if (in.is("abstractNum")) {
        abstract = nullptr;
      } else if (in.is("num")) {
        num = nullptr;
      } else if (in.is("lvl")) {
        level = nullptr;
      } else if (in.is("lvlOverride")) {
        override_level = -1;
      }
      continue;
    }
    if (!in.start()) {
      continue;
    }
    if (in.is("abstractNum")) {
      abstract = &part.abstracts[to_int(in.attribute("abstractNumId"), -1)];
    } else if (in.is("num")) {
      num = &part.nums[to_int(in.attribute("numId"), -1)];
    } else if (abstract && in.is("lvl")) {
      const int ilvl = to_int(in.attribute("ilvl"), 0);
      level = ilvl >= 0 && ilvl < 9 ? &abstract->levels[static_cast<std::size_t>(ilvl)] : nullptr;
    } else if (level && in.is("start")) {
      level->start = to_int(in.attribute("val"), 1);
    } else if (level && in.is("numFmt")) {
      level->format = in.attribute("val");
    } else if (level && in.is("lvlText")) {
      level->text = in.attribute("val");
    } else if (level && in.is("suff")) {
      level->suffix = in.attribute("val");
    } else if (num && in.is("abstractNumId")) {
      num->abstract_id = to_int(in.attribute("val"), -1);
    } else if (num && in.is("lvlOverride")) {
      override_level = to_int(in.attribute("ilvl"), -1);
    } else if (num && override_level >= 0 && in.is("startOverride")) {
      num->start_overrides[override_level] = to_int(in.attribute("val"), 1);
    }
  }
  return part;
}

std::string nth(std::u32string_view sequence, int n) {
  if (n < 1 || sequence.empty()) {
    return std::to_string(n);
  }
  const auto index = static_cast<std::size_t>(n - 1) % sequence.size();
  return detail::to_utf8(sequence.substr(index, 1));
}

std::string full_width_digits(const std::string &ascii) {
  std::u32string out;
  for (const char c : ascii) {
    out += c >= '0' && c <= '9' ? static_cast<char32_t>(0xFF10 + (c - '0')) : static_cast<char32_t>(c);
  }
  return detail::to_utf8(out);
}

std::string kanji_digits(int n) {
  static constexpr std::u32string_view k_digits = U"〇一二三四五六七八九";
  std::u32string out;
  for (const char c : std::to_string(n)) {
    out += k_digits[static_cast<std::size_t>(c - '0')];
  }
  return detail::to_utf8(out);
}

std::string kanji_counting(int n) {
  static constexpr std::u32string_view k_digits = U"〇一二三四五六七八九";
  if (n <= 0 || n >= 100) {
    return kanji_digits(n);
  }
  std::u32string out;
  if (n >= 10) {
    if (n / 10 > 1) {
      out += k_digits[static_cast<std::size_t>(n / 10)];
    }
    out += U'十';
  }
  if (n % 10 != 0) {
    out += k_digits[static_cast<std::size_t>(n % 10)];
  }
  return detail::to_utf8(out);
}

std::string letters(int n, char base) {
  if (n < 1) {
    return std::to_string(n);
  }
  // Word repeats the letter: a … z, aa … zz.
  return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), static_cast<char>(base + (n - 1) % 26));
}

std::string roman(int n, bool upper) {
  if (n < 1 || n >= 4000) {
    return std::to_string(n);
  }
  static constexpr std::pair<int, std::string_view> k_roman[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto &[value, text] : k_roman) {
    while (n >= value) {
      out += text;
      n -= value;
    }
  }
  if (upper) {
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  }
  return out;
}

// Word's number formats (ECMA-376 ST_NumberFormat) that Japanese documents use; others as decimal.
std::string format_number(int n, const std::string &format) {
  if (format == "none") {
    return "";
  }
  if (format == "decimalZero") {
    return (n < 10 && n >= 0 ? "0" : "") + std::to_string(n);
  }
  if (format == "decimalFullWidth" || format == "decimalFullWidth2") {
    return full_width_digits(std::to_string(n));
  }
  if (format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese") {
    return n >= 1 && n <= 20 ? nth(U"①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", n) : std::to_string(n);
  }
  if (format == "decimalEnclosedParen") {
    return n >= 1 && n <= 20 ? nth(U"⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇", n) : "(" + std::to_string(n) + ")";
  }
  if (format == "decimalEnclosedFullstop") {
    return n >= 1 && n <= 20 ? nth(U"⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛", n) : std::to_string(n) + ".";
  }
  if (format == "aiueoFullWidth") {
    return nth(U"アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン", n);
  }
  if (format == "aiueo") {
    return nth(U"ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ", n);
  }
  if (format == "irohaFullWidth") {
    return nth(U"イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス", n);
  }
  if (format == "iroha") {
    return nth(U"ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳヰﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼヱﾋﾓｾｽ", n);
  }
  if (format == "ideographDigital" || format == "japaneseDigitalTenThousand") {
    return kanji_digits(n);
  }
  if (format == "japaneseCounting" || format == "chineseCounting" || format == "chineseCountingThousand" ||
      format == "japaneseLegal") {
    return kanji_counting(n);
  }
  if (format == "ideographTraditional") {
    return nth(U"甲乙丙丁戊己庚辛壬癸", n);
  }
  if (format == "ideographZodiac") {
    return nth(U"子丑寅卯辰巳午未申酉戌亥", n);
  }
  if (format == "lowerLetter" || format == "upperLetter") {
    return letters(n, format == "lowerLetter" ? 'a' : 'A');
  }
  if (format == "lowerRoman" || format == "upperRoman") {
    return roman(n, format == "upperRoman");
  }
  return std::to_string(n);
}

// Symbol and Wingdings bullets are private-use code points; print what they look like.
std::string printable_bullet(const std::string &text) {
  std::u32string cps = detail::code_points(text);
  for (char32_t &c : cps) {
    if (c >= 0xF000 && c <= 0xF0FF) {
      switch (c) {
      case 0xF06C:
        c = U'●';
        break;
      case 0xF06E:
      case 0xF0A7:
        c = U'■';
        break;
      case 0xF075:
        c = U'◆';
        break;
      case 0xF0D8:
        c = U'➢';
        break;
      case 0xF0FC:
        c = U'✓';
        break;
      default:
        c = U'•';
      }
    }
  }
  return detail::to_utf8(cps);
}

// Word's counters: one set per abstract numbering, shared by the w:num instances that point at it,
// restarted where an instance overrides a level's start.
class Counters {
public:
  explicit Counters(const NumberingPart &part) : m_part(part) {}

  // The marker for a paragraph numbered (`num_id`, `ilvl`), and its suffix ("tab", "space",
  // "nothing"); empty when the numbering is unknown or switched off.
  std::pair<std::string, std::string> next(int num_id, int ilvl) {
    const auto num = m_part.nums.find(num_id);
    if (num_id <= 0 || ilvl < 0 || ilvl > 8 || num == m_part.nums.end()) {
      return {};
    }
    const auto abstract = m_part.abstracts.find(num->second.abstract_id);
    if (abstract == m_part.abstracts.end()) {
      return {};
    }
    auto &values = m_values[num->second.abstract_id];
    const auto level = static_cast<std::size_t>(ilvl);
    if (!m_used[num_id]) {
      m_used[num_id] = true;
      for (const auto &[l, start] : num->second.start_overrides) {
        if (l >= 0 && l < 9) {
          values[static_cast<std::size_t>(l)] = start - 1;
          m_started[num->second.abstract_id][static_cast<std::size_t>(l)] = true;
        }
      }
    }
    auto &started = m_started[num->second.abstract_id];
    const Level &def = abstract->second.levels[level];
    values[level] = started[level] ? values[level] + 1 : def.start;
    started[level] = true;
    for (std::size_t deeper = level + 1; deeper < 9; ++deeper) {
      started[deeper] = false;
    }
    if (def.format == "bullet") {
      return {printable_bullet(def.text), def.suffix};
    }
    std::string marker;
    for (std::size_t i = 0; i < def.text.size(); ++i) {
      if (def.text[i] == '%' && i + 1 < def.text.size() && def.text[i + 1] >= '1' && def.text[i + 1] <= '9') {
        const auto k = static_cast<std::size_t>(def.text[i + 1] - '1');
        const Level &shown = abstract->second.levels[k];
        marker += format_number(started[k] ? values[k] : shown.start, shown.format);
        ++i;
      } else {
        marker += def.text[i];
      }
    }
    return {marker, def.suffix};
  }

private:
  const NumberingPart &m_part;
  std::map<int, std::array<int, 9>> m_values;
  std::map<int, std::array<bool, 9>> m_started;
  std::map<int, bool> m_used;
};

// ---------------------------------------------------------------------------------------------
// document.xml

struct Paragraph {
  std::vector<std::string> broken; // lines ended by a line break (Shift+Enter) so far
  std::string text;
  std::string style;
  std::optional<int> num_id;
  std::optional<int> ilvl;
  int indent_twips = 0;
  std::string path;
  int number = 0; // paragraph number in the body
};

class DocumentReader {
public:
  DocumentReader(const std::map<std::string, Style> &styles, Counters &counters, const ReadLimits &limits)
      : m_styles(styles), m_counters(counters), m_limits(limits) {}

  std::vector<LogicalLine> read(const std::string &part, std::string xml) {
    XmlStream in(part, std::move(xml), m_limits.max_depth);
    while (in.next()) {
      if (in.start()) {
        start(in);
      } else if (in.end()) {
        end(in);
      } else if ((in.type() == XML_READER_TYPE_TEXT || in.type() == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                  in.type() == XML_READER_TYPE_WHITESPACE) &&
                 m_in_text && !m_open.empty()) {
        append(in.value());
      }
    }
    return std::move(m_lines);
  }

private:
  const std::map<std::string, Style> &m_styles;
  Counters &m_counters;
  const ReadLimits &m_limits;
  std::vector<LogicalLine> m_lines;
  std::vector<Paragraph> m_open; // a text box's paragraphs sit inside a paragraph
  std::vector<std::pair<std::string, std::map<std::string, int>>> m_path; // element, children seen
  bool m_in_text = false;
  bool m_in_ppr = false;
  int m_paragraphs = 0;
  std::size_t m_text_bytes = 0;
  bool m_blank = false;

  void append(std::string_view text) {
    m_text_bytes += text.size();
    if (m_text_bytes > m_limits.max_text_bytes) {
      throw Error("more than " + std::to_string(m_limits.max_text_bytes >> 20) + " MiB of text; not a notice");
    }
    m_open.back().text.append(text);
  }

  std::string path() const {
    std::string out;
    for (std::size_t i = 0; i < m_path.size(); ++i) {
      const std::string &name = m_path[i].first;
      if (name == "document") {
        continue;
      }
      out += (out.empty() ? "" : "/") + name;
      if (i > 0 && (name == "p" || name == "tbl" || name == "tr" || name == "tc")) {
        const auto &siblings = m_path[i - 1].second;
        const auto it = siblings.find(name);
        out += "[" + std::to_string(it == siblings.end() ? 1 : it->second) + "]";
      }
    }
    return out;
  }

  void start(XmlStream &in) {
    const std::string_view name = in.local();
    // Content that is not printed: deleted runs, field instructions, and the fallback copy of
    // content Word also gives in mc:Choice (a text box would be read twice).
    if ((in.word() &&
         (name == "del" || name == "moveFrom" || name == "instrText" || name == "delText" || name == "delInstrText")) ||
        (in.ns() == k_markup_compatibility && name == "Fallback")) {
      in.skip_subtree();
      return;
    }
    if (!in.word()) {
      push_path(in, name);
      return;
    }
    push_path(in, name);
    if (name == "p") {
      Paragraph p;
      p.number = ++m_paragraphs;
      p.path = path();
      m_open.push_back(std::move(p));
    } else if (m_open.empty()) {
      // nothing
    } else if (name == "pPr") {
      m_in_ppr = true;
    } else if (name == "rPr") {
      // run properties hold no text
    } else if (m_in_ppr && name == "pStyle") {
      m_open.back().style = in.attribute("val");
    } else if (m_in_ppr && name == "numId") {
      m_open.back().num_id = to_int(in.attribute("val"), 0);
    } else if (m_in_ppr && name == "ilvl") {
      m_open.back().ilvl = to_int(in.attribute("val"), 0);
    } else if (m_in_ppr && name == "ind") {
      std::string left = in.attribute("left");
      if (left.empty()) {
        left = in.attribute("start");
      }
      m_open.back().indent_twips = to_int(left, 0);
    } else if (name == "t") {
      m_in_text = !in.empty_element();
    } else if (name == "tab" && !m_in_ppr) {
      append(" ");
    } else if (name == "br" || name == "cr") {
      if (in.attribute("type").empty() || in.attribute("type") == "textWrapping") {
        line_break();
      }
    } else if (name == "noBreakHyphen") {
      append("-");
    }
    if (in.empty_element()) {
      end_element(name);
    }
  }

  void push_path(XmlStream &in, std::string_view name) {
    if (!m_path.empty()) {
      ++m_path.back().second[std::string(name)];
    }
    m_path.emplace_back(std::string(name), std::map<std::string, int>{});
    if (in.empty_element()) {
      // end() is not called for <x/>; end_element() pops.
    }
  }

  void end(XmlStream &in) { end_element(in.local()); }

  void end_element(std::string_view name) {
    if (name == "t") {
      m_in_text = false;
    } else if (name == "pPr") {
      m_in_ppr = false;
    } else if (name == "p" && !m_open.empty()) {
      finish(std::move(m_open.back()));
      m_open.pop_back();
    }
    if (!m_path.empty()) {
      m_path.pop_back();
    }
  }

  // A line break inside a paragraph (Shift+Enter): what precedes it is a line of its own.
  void line_break() {
    Paragraph &p = m_open.back();
    p.broken.push_back(std::move(p.text));
    p.text.clear();
  }

  void finish(Paragraph p) {
    p.broken.push_back(std::move(p.text));
    std::optional<int> num_id = p.num_id;
    std::optional<int> ilvl = p.ilvl;
    if (!num_id && !p.style.empty()) {
      // Numbering can come from the paragraph's style (List Number and its kin).
      std::string at = p.style;
      for (int hops = 0; hops < 16 && !at.empty() && !num_id; ++hops) {
        const auto it = m_styles.find(at);
        if (it == m_styles.end()) {
          break;
        }
        num_id = it->second.num_id;
        if (!ilvl) {
          ilvl = it->second.ilvl;
        }
        at = it->second.based_on;
      }
    }
    const bool has_text = std::any_of(p.broken.begin(), p.broken.end(),
                                      [](const std::string &t) { return !collapse_whitespace(t).empty(); });
    std::string marker;
    std::string suffix;
    int list_level = 0;
    if (num_id && *num_id > 0 && has_text) {
      std::tie(marker, suffix) = m_counters.next(*num_id, ilvl.value_or(0));
      list_level = ilvl.value_or(0) + 1;
    }
    for (const std::string &line : p.broken) {
      if (emit(p, line, list_level, marker, suffix == "nothing")) {
        marker.clear();
      }
    }
  }

  // One logical line; false (and a blank noted) when `raw` has no text.
  bool emit(const Paragraph &p, const std::string &raw, int list_level, const std::string &marker, bool tight) {
    std::string text = collapse_whitespace(raw);
    if (text.empty()) {
      m_blank = true;
      return false;
    }
    if (m_lines.size() >= m_limits.max_lines) {
      throw Error("more than " + std::to_string(m_limits.max_lines) + " paragraphs; not a notice");
    }
    LogicalLine line;
    if (!marker.empty()) {
      line.hints.list_marker = marker;
      line.hints.marker_generated = true;
      text = marker + (tight ? "" : " ") + text;
    }
    line.text = std::move(text);
    line.hints.list_level = list_level;
    line.hints.heading_level = heading_level(m_styles, p.style);
    line.hints.indent = p.indent_twips > 0 ? p.indent_twips / 105 : 0; // 105 twips: one column at 10.5 pt
    line.hints.blank_before = m_blank;
    line.pos.line = p.number;
    line.pos.path = p.path;
    m_blank = false;
    m_lines.push_back(std::move(line));
    return true;
  }
};

// The main document part named by the package's relationships (word/document.xml in practice).
std::string main_part(const ZipArchive &zip, std::size_t max_depth) {
  const ZipEntry *rels = zip.find("_rels/.rels");
  if (rels) {
    XmlStream in("_rels/.rels", zip.read(*rels), max_depth);
    while (in.next()) {
      if (in.start() && in.local() == "Relationship" && in.attribute("Type").ends_with("/officeDocument")) {
        std::string target = in.attribute("Target");
        if (target.starts_with('/')) {
          target.erase(0, 1);
        }
        if (zip.find(target)) {
          return target;
        }
      }
    }
  }
  return "word/document.xml";
}

} // namespace

DocumentText read_docx(const std::string &name, std::string_view bytes, const ReadLimits &limits) {
  DocumentText out;
  try {
    ZipLimits zip_limits;
    zip_limits.max_entries = limits.max_zip_entries;
    zip_limits.max_entry_bytes = limits.max_part_bytes;
    zip_limits.max_ratio = limits.max_zip_ratio;
    const ZipArchive zip(bytes, zip_limits);
    const std::string part = main_part(zip, limits.max_depth);
    const ZipEntry *document = zip.find(part);
    if (!document) {
      if (zip.find("content.xml")) {
        throw Error("an OpenDocument file, not DOCX; save it as .docx");
      }
      throw Error("a ZIP archive without " + part + "; not a Word document");
    }
    std::map<std::string, Style> styles;
    if (const ZipEntry *entry = zip.find("word/styles.xml")) {
      styles = read_styles(zip.read(*entry), limits.max_depth);
    }
    NumberingPart numbering;
    if (const ZipEntry *entry = zip.find("word/numbering.xml")) {
      numbering = read_numbering(zip.read(*entry), limits.max_depth);
    }
    Counters counters(numbering);
    DocumentReader reader(styles, counters, limits);
    out.lines = reader.read(part, zip.read(*document));
  } catch (const Error &e) {
    throw Error(name + ": " + e.what());
  }
  out.encoding = "UTF-8 (DOCX)";
  if (out.lines.empty()) {
    throw Error(name + ": the Word document has no text in its body");
  }
  return out;
}

} // namespace notice::import
