// HTML through libxml2's HTML parser (tolerant of tag soup, no network, no DTD loading). The
// society's page is mostly site chrome; the notice is picked out by structure: <main> or
// role=main, else the <article> (or content-named element) with the most text, with navigation,
// scripts, asides and header/footer bars removed. Block elements become logical lines.
#include "import/cjk.hpp"
#include "import/encoding.hpp"
#include "import/readers.hpp"
#include "utf8.hpp"

#include "notice/error.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits>
#include <map>
#include <memory>
#include <unordered_map>

namespace notice::import {
namespace {

using Node = xmlNode;

std::string_view name_of(const Node *node) {
  return node->name ? std::string_view(reinterpret_cast<const char *>(node->name)) : std::string_view();
}

bool is_element(const Node *node) {
  return node->type == XML_ELEMENT_NODE;
}

std::string attribute(const Node *node, const char *name) {
  xmlChar *value = xmlGetProp(node, reinterpret_cast<const xmlChar *>(name));
  if (!value) {
    return {};
  }
  std::string out = ascii_lower(reinterpret_cast<const char *>(value));
  xmlFree(value);
  return out;
}

template <std::size_t N> bool one_of(std::string_view name, const std::array<std::string_view, N> &names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Never text of the notice, wherever they are.
constexpr std::array<std::string_view, 16> k_skipped{"script", "style",    "noscript", "template", "head",  "iframe",
                                                     "object", "embed",    "svg",      "canvas",   "input", "select",
                                                     "button", "textarea", "nav",      "aside"};

constexpr std::array<std::string_view, 41> k_blocks{
    "address", "article", "aside",    "blockquote", "body",   "dd",     "details", "dialog", "div",
    "dl",      "dt",      "fieldset", "figcaption", "figure", "footer", "form",    "h1",     "h2",
    "h3",      "h4",      "h5",       "h6",         "header", "hgroup", "hr",      "li",     "main",
    "ol",      "p",       "pre",      "section",    "table",  "tbody",  "thead",   "tfoot",  "tr",
    "td",      "th",      "caption",  "ul",         "center"};

// Words in an id or class that mark site chrome (navigation, breadcrumbs, share buttons …).
constexpr std::array<std::string_view, 17> k_chrome_words{
    "nav",  "breadcrumb", "pankuzu",  "topicpath", "sns",        "share", "social", "pagetop", "page-top",
    "skip", "sidebar",    "side-bar", "gnav",      "globalmenu", "menu",  "banner", "cookie"};

// Words in an id or class that mark the main content.
constexpr std::array<std::string_view, 10> k_content_words{"content", "main",      "article", "entry",     "post",
                                                           "honbun",  "body-text", "primary", "page-body", "detail"};

std::vector<std::string> tokens(const Node *node) {
  std::vector<std::string> out;
  for (const char *attr : {"id", "class"}) {
    const std::string value = attribute(node, attr);
    std::size_t start = 0;
    while (start < value.size()) {
      const std::size_t end = std::min(value.find(' ', start), value.size());
      if (end > start) {
        out.push_back(value.substr(start, end - start));
      }
      start = end + 1;
    }
  }
  return out;
}

template <std::size_t N> bool tokens_mention(const Node *node, const std::array<std::string_view, N> &words) {
  for (const std::string &token : tokens(node)) {
    for (const std::string_view word : words) {
      if (token.find(word) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

bool is_heading(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

bool contains_heading(const Node *node, std::size_t depth) {
  for (const Node *child = node->children; child && depth < 512; child = child->next) {
    if (is_element(child) && (is_heading(name_of(child)) || contains_heading(child, depth + 1))) {
      return true;
    }
  }
  return false;
}

bool hidden(const Node *node) {
  if (xmlHasProp(node, reinterpret_cast<const xmlChar *>("hidden"))) {
    return true;
  }
  if (attribute(node, "aria-hidden") == "true") {
    return true;
  }
  std::string style = attribute(node, "style");
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// Chrome anywhere in the page: removed before the main content is chosen and inside it.
bool is_chrome(const Node *node, bool inside_content) {
  const std::string_view name = name_of(node);
  if (one_of(name, k_skipped) || hidden(node)) {
    return true;
  }
  const std::string role = attribute(node, "role");
  if (role == "navigation" || role == "search" || role == "complementary") {
    return true;
  }
  if (role == "banner" || role == "contentinfo") {
    return !inside_content && !contains_heading(node, 0);
  }
  if (name == "header" || name == "footer") {
    // Inside the chosen content they are the article's own (its title, its effective dates); when
    // the content is the whole body, they are the site's bars unless they hold a heading.
    return !inside_content && !contains_heading(node, 0);
  }
  return tokens_mention(node, k_chrome_words) && !contains_heading(node, 0);
}

bool in_text_range(const Node *node) {
  return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

// Characters of text below `node`, without chrome, and whether the notice's words occur in it.
struct TextStats {
  std::size_t chars = 0;
  bool notice_words = false;
};

void measure(const Node *node, std::size_t depth, std::size_t max_depth, TextStats &stats, std::string &buffer) {
  if (depth > max_depth) {
    throw Error("elements nested deeper than " + std::to_string(max_depth));
  }
  for (const Node *child = node->children; child; child = child->next) {
    if (in_text_range(child) && child->content) {
      const std::string_view text(reinterpret_cast<const char *>(child->content));
      for (const char c : text) {
        if (!std::isspace(static_cast<unsigned char>(c)) && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
          ++stats.chars;
        }
      }
      if (!stats.notice_words) {
        buffer.append(text);
        if (buffer.find("個人情報") != std::string::npos || buffer.find("利用目的") != std::string::npos) {
          stats.notice_words = true;
        }
        if (buffer.size() > 64) {
          buffer.erase(0, buffer.size() - 16);
        }
      }
    } else if (is_element(child) && !is_chrome(child, false)) {
      measure(child, depth + 1, max_depth, stats, buffer);
    }
  }
}

TextStats stats_of(const Node *node, std::size_t max_depth) {
  TextStats stats;
  std::string buffer;
  measure(node, 0, max_depth, stats, buffer);
  return stats;
}

void collect(Node *node, std::size_t depth, std::size_t max_depth, const std::function<bool(Node *)> &want,
             std::vector<Node *> &out) {
  if (depth > max_depth) {
    throw Error("elements nested deeper than " + std::to_string(max_depth));
  }
  for (Node *child = node->children; child; child = child->next) {
    if (!is_element(child) || one_of(name_of(child), k_skipped)) {
      continue;
    }
    if (want(child)) {
      out.push_back(child);
    }
    collect(child, depth + 1, max_depth, want, out);
  }
}

// `name[n]` steps from the body down to a node; [n] only where siblings share the name. Each
// parent's children are counted once, so a list of 100,000 items costs 100,000 steps, not their
// square.
class PathCache {
public:
  std::string path(const Node *node) {
    if (!node || !is_element(node) || name_of(node) == "html") {
      return {};
    }
    if (const auto it = m_paths.find(node); it != m_paths.end()) {
      return it->second;
    }
    std::string out = path(node->parent);
    out += (out.empty() ? "" : "/") + step(node);
    m_paths.emplace(node, out);
    return out;
  }

private:
  std::unordered_map<const Node *, std::string> m_paths;
  std::unordered_map<const Node *, std::pair<int, int>> m_index; // element → (index, siblings of its name)

  std::string step(const Node *node) {
    if (!m_index.count(node) && node->parent) {
      std::unordered_map<std::string_view, int> totals;
      for (const Node *s = node->parent->children; s; s = s->next) {
        if (is_element(s)) {
          m_index[s].first = ++totals[name_of(s)];
        }
      }
      for (const Node *s = node->parent->children; s; s = s->next) {
        if (is_element(s)) {
          m_index[s].second = totals[name_of(s)];
        }
      }
    }
    const auto [index, same] = m_index[node];
    const std::string name(name_of(node));
    return same > 1 ? name + "[" + std::to_string(index) + "]" : name;
  }
};

std::string element_path(const Node *node) {
  return PathCache().path(node);
}

class BlockWriter {
public:
  BlockWriter(std::size_t max_depth, std::size_t max_lines, bool inside_content)
      : m_max_depth(max_depth), m_max_lines(max_lines), m_inside_content(inside_content) {}

  std::vector<LogicalLine> take() {
    flush();
    return std::move(m_lines);
  }

  void walk(Node *node, std::size_t depth) {
    if (depth > m_max_depth) {
      throw Error("elements nested deeper than " + std::to_string(m_max_depth));
    }
    for (Node *child = node->children; child; child = child->next) {
      if (in_text_range(child) && child->content) {
        text(child);
      } else if (is_element(child) && !is_chrome(child, m_inside_content)) {
        element(child, depth + 1);
      }
    }
  }

private:
  struct Context {
    int heading = 0;
    int list_level = 0;
    int indent = 0;
    bool pre = false;
  };

  std::size_t m_max_depth;
  std::size_t m_max_lines;
  bool m_inside_content;
  std::vector<LogicalLine> m_lines;
  std::string m_text;
  bool m_pending_space = false;
  bool m_pending_newline = false;
  const Node *m_block = nullptr; // the block the current line belongs to
  int m_source_line = 0;
  Context m_context;
  std::string m_pending_marker; // an <ol> number not yet printed before its item's first line
  bool m_blank_before = true;
  std::map<const Node *, std::string> m_markers;
  PathCache m_paths;

  void flush() {
    std::string text = collapse_whitespace(m_text);
    m_text.clear();
    m_pending_space = false;
    m_pending_newline = false;
    if (text.empty()) {
      return;
    }
    if (m_lines.size() >= m_max_lines) {
      throw Error("more than " + std::to_string(m_max_lines) + " lines of text; not a notice");
    }
    LogicalLine line;
    line.hints.heading_level = m_context.heading;
    line.hints.list_level = m_context.list_level;
    line.hints.indent = m_context.indent;
    line.hints.blank_before = m_blank_before;
    if (!m_pending_marker.empty()) {
      line.hints.list_marker = m_pending_marker;
      line.hints.marker_generated = true;
      text = m_pending_marker + " " + text;
      m_pending_marker.clear();
    }
    line.text = std::move(text);
    line.pos.line = m_source_line;
    line.pos.path = m_block ? m_paths.path(m_block) : std::string();
    m_lines.push_back(std::move(line));
    m_blank_before = false;
    m_source_line = 0;
  }

  // libxml2 numbers a text node by the line where it ends; its element starts where the text does.
  static int line_of(const Node *text) {
    return static_cast<int>(xmlGetLineNo(text->parent && is_element(text->parent) ? text->parent : text));
  }

  void text(const Node *node) {
    const std::string_view content(reinterpret_cast<const char *>(node->content));
    if (m_context.pre) {
      std::size_t start = 0;
      for (std::size_t i = 0; i <= content.size(); ++i) {
        if (i == content.size() || content[i] == '\n') {
          if (m_source_line == 0) {
            m_source_line = line_of(node);
          }
          m_text.append(content.substr(start, i - start));
          if (i < content.size()) {
            flush();
          }
          start = i + 1;
        }
      }
      return;
    }
    std::size_t i = 0;
    while (i < content.size()) {
      const unsigned char c = static_cast<unsigned char>(content[i]);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        m_pending_space = true;
        m_pending_newline = m_pending_newline || c == '\n' || c == '\r';
        ++i;
        continue;
      }
      std::size_t next = i;
      const char32_t cp = detail::next_code_point(content, next);
      if (m_pending_space && !m_text.empty()) {
        // A line break between two Japanese characters is not a space (CSS Text's segment break
        // rule for East Asian wide characters); any other whitespace run is one space.
        std::size_t last = m_text.size() - 1;
        while (last > 0 && (static_cast<unsigned char>(m_text[last]) & 0xC0) == 0x80) {
          --last;
        }
        const char32_t before = detail::next_code_point(m_text, last);
        if (!(m_pending_newline && is_wide(before) && is_wide(cp))) {
          m_text += ' ';
        }
      }
      m_pending_space = false;
      m_pending_newline = false;
      if (m_source_line == 0) {
        m_source_line = line_of(node);
      }
      m_text.append(content.substr(i, next - i));
      i = next;
    }
  }

  void element(Node *node, std::size_t depth) {
    const std::string_view name = name_of(node);
    if (name == "br") {
      flush();
      return;
    }
    if (!one_of(name, k_blocks)) {
      walk(node, depth);
      return;
    }
    flush();
    const Context saved = m_context;
    const Node *saved_block = m_block;
    m_block = node;
    if (is_heading(name)) {
      m_context.heading = name[1] - '0';
      m_blank_before = true;
    } else if (name == "p" || name == "table" || name == "section" || name == "article") {
      m_blank_before = true;
    } else if (name == "ul" || name == "ol") {
      ++m_context.list_level;
      ++m_context.indent;
      m_blank_before = true;
      if (name == "ol") {
        number_items(node);
      }
    } else if (name == "blockquote" || name == "dd") {
      ++m_context.indent;
    } else if (name == "pre") {
      m_context.pre = true;
    } else if (name == "li") {
      m_context.list_level = std::max(1, m_context.list_level);
      const auto marker = m_markers.find(node);
      m_pending_marker = marker != m_markers.end() ? marker->second : std::string();
    }
    walk(node, depth);
    flush();
    m_pending_marker.clear();
    m_context = saved;
    m_block = saved_block;
    if (name == "ul" || name == "ol" || name == "table") {
      m_blank_before = true;
    }
  }

  // The numbers an <ol> shows before its items ("1.", "a.", "iv."), by its start, type and reversed
  // attributes and each item's value.
  void number_items(const Node *list) {
    const std::string type = attribute(list, "type");
    const std::string start_text = attribute(list, "start");
    const bool reversed = xmlHasProp(list, reinterpret_cast<const xmlChar *>("reversed")) != nullptr;
    std::vector<const Node *> items;
    for (const Node *child = list->children; child; child = child->next) {
      if (is_element(child) && name_of(child) == "li") {
        items.push_back(child);
      }
    }
    long number = reversed ? static_cast<long>(items.size()) : 1;
    if (!start_text.empty()) {
      number = std::strtol(start_text.c_str(), nullptr, 10);
    }
    for (const Node *item : items) {
      const std::string value = attribute(item, "value");
      if (!value.empty()) {
        number = std::strtol(value.c_str(), nullptr, 10);
      }
      m_markers[item] = format_number(number, type) + ".";
      number += reversed ? -1 : 1;
    }
  }

  static std::string format_number(long n, const std::string &type) {
    if ((type == "a" || type == "A") && n >= 1 && n <= 26) {
      return std::string(1, static_cast<char>((type == "a" ? 'a' : 'A') + n - 1));
    }
    if ((type == "i" || type == "I") && n >= 1 && n < 4000) {
      static constexpr std::pair<int, std::string_view> k_roman[] = {
          {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
          {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
      std::string out;
      long rest = n;
      for (const auto &[value, letters] : k_roman) {
        while (rest >= value) {
          out += letters;
          rest -= value;
        }
      }
      if (type == "I") {
        std::transform(out.begin(), out.end(), out.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      }
      return out;
    }
    return std::to_string(n);
  }
};

struct DocFree {
  void operator()(xmlDoc *doc) const { xmlFreeDoc(doc); }
};

struct CtxtFree {
  void operator()(htmlParserCtxt *ctxt) const { htmlFreeParserCtxt(ctxt); }
};

// libxml2 would switch to the charset a <meta> declares even though the text is UTF-8 by now.
std::string neutralise_charset(std::string text) {
  const std::size_t head = std::min<std::size_t>(text.size(), 4096);
  for (std::size_t i = 0; i + 7 <= head; ++i) {
    if (std::equal(text.begin() + static_cast<long>(i), text.begin() + static_cast<long>(i) + 7, "charset",
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; })) {
      text[i + 6] = 'x'; // "charsex" is an attribute nobody reads
    }
  }
  return text;
}

Node *choose_root(Node *body, std::size_t max_depth, std::string &how) {
  const auto has_text = [&](Node *n) { return stats_of(n, max_depth).chars > 0; };
  std::vector<Node *> mains;
  collect(
      body, 0, max_depth, [](Node *n) { return name_of(n) == "main" || attribute(n, "role") == "main"; }, mains);
  std::vector<Node *> candidates;
  if (!mains.empty()) {
    candidates = mains;
    how = "<main>";
  } else {
    collect(
        body, 0, max_depth, [](Node *n) { return name_of(n) == "article"; }, candidates);
    how = "<article>";
    if (candidates.empty()) {
      collect(
          body, 0, max_depth,
          [](Node *n) { return tokens_mention(n, k_content_words) && !tokens_mention(n, k_chrome_words); }, candidates);
      how = "the element named as content";
    }
  }
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(), [&](Node *n) { return !has_text(n); }),
                   candidates.end());
  if (candidates.empty()) {
    how = "<body>";
    return body;
  }
  // The notice's words first, then the most text; a nested candidate with nearly all of its
  // parent's text is the tighter choice.
  Node *best = nullptr;
  TextStats best_stats;
  for (Node *candidate : candidates) {
    const TextStats stats = stats_of(candidate, max_depth);
    if (!best || (stats.notice_words && !best_stats.notice_words) ||
        (stats.notice_words == best_stats.notice_words && stats.chars > best_stats.chars)) {
      best = candidate;
      best_stats = stats;
    }
  }
  for (Node *candidate : candidates) {
    bool inside = false;
    for (const Node *p = candidate->parent; p; p = p->parent) {
      inside = inside || p == best;
    }
    if (inside) {
      const TextStats stats = stats_of(candidate, max_depth);
      if (stats.notice_words == best_stats.notice_words && stats.chars * 10 >= best_stats.chars * 9) {
        best = candidate;
        best_stats = stats;
      }
    }
  }
  if (!best_stats.notice_words && stats_of(body, max_depth).notice_words) {
    how = "<body> (the chosen " + how + " does not mention 個人情報 or 利用目的)";
    return body;
  }
  return best;
}

Node *find_body(Node *node, std::size_t depth) {
  for (Node *child = node; child && depth < 64; child = child->next) {
    if (is_element(child) && name_of(child) == "body") {
      return child;
    }
    if (is_element(child)) {
      if (Node *found = find_body(child->children, depth + 1)) {
        return found;
      }
    }
  }
  return nullptr;
}

} // namespace

DocumentText read_html(const std::string &name, std::string_view bytes, const ReadLimits &limits) {
  const auto declared = html_declared_charset(bytes);
  Decoded decoded = decode_text(name, bytes, declared.value_or(""), limits.max_text_bytes);
  const std::string text = neutralise_charset(std::move(decoded.text));
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error(name + ": too large");
  }
  xmlInitParser();
  // Errors come to a handler of ours instead of standard error; tag soup is only an error and the
  // parser recovers, but a fatal one (nesting past libxml2's 256 levels) means the tree is cut.
  struct Fatal {
    std::string message;
    // libxml2 passes the parser context (its userData), which the SAX2 handlers need as it is.
    static void on_error(void *context, xmlErrorPtr error) {
      auto *fatal = static_cast<Fatal *>(static_cast<htmlParserCtxt *>(context)->_private);
      if (error && error->level == XML_ERR_FATAL && fatal->message.empty()) {
        fatal->message = error->message ? error->message : "fatal error";
        while (!fatal->message.empty() && fatal->message.back() == '\n') {
          fatal->message.pop_back();
        }
      }
    }
  } fatal;
  std::unique_ptr<htmlParserCtxt, CtxtFree> ctxt(htmlNewParserCtxt());
  if (!ctxt) {
    throw Error(name + ": out of memory");
  }
  ctxt->sax->serror = &Fatal::on_error;
  ctxt->sax->initialized = XML_SAX2_MAGIC;
  ctxt->_private = &fatal;
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  std::unique_ptr<xmlDoc, DocFree> doc(
      htmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()), name.c_str(), "UTF-8", options));
  if (fatal.message.find("Excessive depth") != std::string::npos) {
    throw Error(name + ": elements nested deeper than 256 (libxml2's limit); not a notice");
  }
  if (!fatal.message.empty()) {
    throw Error(name + ": cannot be read as HTML: " + fatal.message);
  }
  if (!doc) {
    throw Error(name + ": not HTML that can be parsed");
  }
  Node *body = find_body(xmlDocGetRootElement(doc.get()), 0);
  if (!body) {
    throw Error(name + ": an HTML document without a body");
  }
  DocumentText out;
  out.encoding = decoded.encoding;
  try {
    std::string how;
    Node *root = choose_root(body, limits.max_depth, how);
    BlockWriter writer(limits.max_depth, limits.max_lines, root != body);
    writer.walk(root, 0);
    out.lines = writer.take();
    out.notes.push_back("main content: " + how + " at " + element_path(root));
  } catch (const Error &e) {
    throw Error(name + ": " + e.what());
  }
  if (out.lines.empty()) {
    throw Error(name + ": the page has no text outside its navigation, scripts and styles");
  }
  return out;
}

} // namespace notice::import
