// Plain text and Markdown. Both are read line by line without a parser library: Markdown as a
// society writes it (or as `render -f md` writes it) needs only its block structure, and a line
// reader keeps every position exact.
#include "import/cjk.hpp"
#include "import/readers.hpp"

#include <cctype>
#include <optional>

namespace notice::import {
namespace {

// The physical lines of `text` without their line breaks (LF, CRLF or CR).
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      start = i + 1;
    }
  }
  if (start < text.size()) {
    lines.push_back(text.substr(start));
  }
  return lines;
}

bool is_blank(std::string_view line) {
  return collapse_whitespace(line).empty();
}

bool is_ascii_punct(char c) {
  return std::ispunct(static_cast<unsigned char>(c)) != 0;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || (c & 0x80) != 0;
}

// `needle` in `in` from `from`, looked for only in the next KiB: inline syntax closes nearby,
// and an unbounded search from every `[` or backtick of a hostile line would be quadratic.
std::size_t find_near(std::string_view in, std::string_view needle, std::size_t from) {
  constexpr std::size_t k_window = 1024;
  if (from >= in.size()) {
    return std::string_view::npos;
  }
  const std::string_view window = in.substr(from, k_window + needle.size());
  const std::size_t at = window.find(needle);
  return at == std::string_view::npos ? at : from + at;
}

// Markdown inline syntax reduced to the text a reader sees.
std::string inline_text(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const char c = in[i];
    if (c == '\\' && i + 1 < in.size() && is_ascii_punct(in[i + 1])) {
      out += in[i + 1];
      i += 2;
      continue;
    }
    if (c == '`') {
      std::size_t ticks = i;
      while (ticks < in.size() && in[ticks] == '`') {
        ++ticks;
      }
      const std::string_view fence = in.substr(i, ticks - i);
      const std::size_t close = find_near(in, fence, ticks);
      if (close != std::string_view::npos) {
        out += collapse_whitespace(in.substr(ticks, close - ticks));
        i = close + fence.size();
        continue;
      }
      out += fence;
      i = ticks;
      continue;
    }
    if ((c == '[' || (c == '!' && i + 1 < in.size() && in[i + 1] == '['))) {
      const std::size_t open = c == '!' ? i + 1 : i;
      const std::size_t close = find_near(in, "](", open);
      const std::size_t end = close == std::string_view::npos ? close : find_near(in, ")", close);
      if (close != std::string_view::npos && end != std::string_view::npos &&
          in.substr(open + 1, close - open - 1).find('\n') == std::string_view::npos) {
        out += inline_text(in.substr(open + 1, close - open - 1));
        i = end + 1;
        continue;
      }
    }
    if (c == '<') {
      const std::size_t end = find_near(in, ">", i);
      if (end != std::string_view::npos) {
        const std::string_view inside = in.substr(i + 1, end - i - 1);
        if (inside.starts_with("http://") || inside.starts_with("https://") || inside.starts_with("mailto:")) {
          out += inside;
          i = end + 1;
          continue;
        }
        if (!inside.empty() && (std::isalpha(static_cast<unsigned char>(inside[0])) || inside[0] == '/') &&
            inside.find('<') == std::string_view::npos) {
          i = end + 1; // inline HTML tag
          continue;
        }
      }
    }
    if (c == '*') {
      ++i; // emphasis; a literal asterisk is written \*
      continue;
    }
    if (c == '_') {
      const bool before = !out.empty() && is_word_char(out.back());
      const bool after = i + 1 < in.size() && is_word_char(in[i + 1]);
      if (!(before && after)) {
        ++i; // emphasis; inside a word it is a letter
        continue;
      }
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, std::string_view> k_entities[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&nbsp;", " "}};
      bool matched = false;
      for (const auto &[entity, text] : k_entities) {
        if (in.substr(i).starts_with(entity)) {
          out += text;
          i += entity.size();
          matched = true;
          break;
        }
      }
      if (matched) {
        continue;
      }
    }
    out += c;
    ++i;
  }
  return collapse_whitespace(out);
}

struct ListMarker {
  std::string marker; // "1." for ordered items; empty for bullets
  std::size_t length = 0;
};

std::optional<ListMarker> list_marker(std::string_view rest) {
  if (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && (rest[1] == ' ' || rest[1] == '\t')) {
    return ListMarker{"", 2};
  }
  std::size_t digits = 0;
  while (digits < rest.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(rest[digits]))) {
    ++digits;
  }
  if (digits > 0 && digits + 1 < rest.size() && (rest[digits] == '.' || rest[digits] == ')') &&
      (rest[digits + 1] == ' ' || rest[digits + 1] == '\t')) {
    return ListMarker{std::string(rest.substr(0, digits + 1)), digits + 2};
  }
  return std::nullopt;
}

bool is_rule(std::string_view rest, char c) {
  std::size_t count = 0;
  for (const char k : rest) {
    if (k == c) {
      ++count;
    } else if (k != ' ' && k != '\t') {
      return false;
    }
  }
  return count >= 3;
}

bool is_setext(std::string_view rest, char c) {
  const std::string trimmed = collapse_whitespace(rest);
  return !trimmed.empty() && trimmed.find_first_not_of(c) == std::string::npos;
}

// An ATX heading's level and text, without closing #s or pandoc's {#id .class} attributes.
std::optional<std::pair<int, std::string_view>> atx_heading(std::string_view rest) {
  std::size_t level = 0;
  while (level < rest.size() && rest[level] == '#') {
    ++level;
  }
  if (level == 0 || level > 6 || (level < rest.size() && rest[level] != ' ' && rest[level] != '\t')) {
    return std::nullopt;
  }
  std::string_view text = rest.substr(level);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  if (text.ends_with('}')) {
    const std::size_t open = text.rfind('{');
    if (open != std::string_view::npos && open + 1 < text.size() && (text[open + 1] == '#' || text[open + 1] == '.')) {
      text = text.substr(0, open);
    }
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  std::size_t hashes = text.size();
  while (hashes > 0 && text[hashes - 1] == '#') {
    --hashes;
  }
  if (hashes < text.size() && (hashes == 0 || text[hashes - 1] == ' ')) {
    text = text.substr(0, hashes);
  }
  return std::pair<int, std::string_view>{static_cast<int>(level), text};
}

// A line ending in a hard break: a backslash (pandoc) or two spaces; returns the line without it.
bool strip_hard_break(std::string_view &line) {
  if (line.ends_with("  ")) {
    while (line.ends_with(' ')) {
      line.remove_suffix(1);
    }
    return true;
  }
  std::size_t backslashes = 0;
  while (backslashes < line.size() && line[line.size() - 1 - backslashes] == '\\') {
    ++backslashes;
  }
  if (backslashes % 2 == 1) {
    line.remove_suffix(1);
    return true;
  }
  return false;
}

class MarkdownReader {
public:
  std::vector<LogicalLine> read(std::string_view text) {
    const auto lines = split_lines(text);
    for (std::size_t n = 0; n < lines.size(); ++n) {
      line(lines[n], static_cast<int>(n + 1));
    }
    flush();
    return std::move(m_out);
  }

private:
  std::vector<LogicalLine> m_out;
  std::optional<LogicalLine> m_current; // text still in Markdown syntax until flushed
  bool m_current_is_paragraph = false;
  bool m_hard_break = false;
  bool m_blank = false;
  int m_list_level = 0;
  int m_list_indent = 0;
  std::string m_fence;

  void flush() {
    if (m_current) {
      m_current->text = inline_text(m_current->text);
      if (!m_current->text.empty()) {
        m_out.push_back(std::move(*m_current));
      }
    }
    m_current.reset();
    m_current_is_paragraph = false;
    m_hard_break = false;
  }

  void start(std::string_view content, int line_no, int column, int indent) {
    m_current = LogicalLine{};
    m_current->text = std::string(content);
    m_current->pos.line = line_no;
    m_current->pos.column = column;
    m_current->hints.indent = indent;
    m_current->hints.blank_before = m_blank;
    m_blank = false;
  }

  void emit_literal(std::string_view content, int line_no, int column, int indent) {
    LogicalLine l;
    l.text = collapse_whitespace(content);
    l.pos.line = line_no;
    l.pos.column = column;
    l.hints.indent = indent;
    l.hints.blank_before = m_blank;
    m_blank = false;
    if (!l.text.empty()) {
      m_out.push_back(std::move(l));
    }
  }

  void line(std::string_view raw, int line_no) {
    if (!m_fence.empty()) {
      const Indent ind = leading_indent(raw);
      if (raw.substr(ind.bytes).starts_with(m_fence)) {
        m_fence.clear();
      } else {
        emit_literal(raw, line_no, ind.code_points + 1, ind.columns);
      }
      return;
    }
    if (is_blank(raw)) {
      flush();
      m_blank = true;
      return;
    }
    Indent ind = leading_indent(raw);
    std::string_view rest = raw.substr(ind.bytes);
    int column = ind.code_points + 1;
    while (rest.starts_with('>')) {
      rest.remove_prefix(1);
      ++column;
      if (rest.starts_with(' ')) {
        rest.remove_prefix(1);
        ++column;
      }
    }
    if (rest.starts_with("```") || rest.starts_with("~~~")) {
      flush();
      m_fence = std::string(rest.substr(0, 3));
      return;
    }
    if (m_current && m_current_is_paragraph && !m_hard_break && (is_setext(rest, '=') || is_setext(rest, '-'))) {
      m_current->hints.heading_level = is_setext(rest, '=') ? 1 : 2;
      flush();
      return;
    }
    if (is_rule(rest, '-') || is_rule(rest, '*') || is_rule(rest, '_')) {
      flush();
      m_list_level = 0;
      return;
    }
    if (const auto heading = atx_heading(rest)) {
      flush();
      start(heading->second, line_no, column + heading->first + 1, ind.columns);
      m_current->hints.heading_level = heading->first;
      m_list_level = 0;
      flush();
      return;
    }
    if (rest.starts_with('|')) {
      flush();
      table_row(rest, line_no, column, ind.columns);
      return;
    }
    if (const auto item = list_marker(rest)) {
      flush();
      if (m_list_level == 0 || ind.columns <= m_list_indent - 2) {
        m_list_level = 1;
        m_list_indent = ind.columns;
      } else if (ind.columns >= m_list_indent + 2) {
        ++m_list_level;
        m_list_indent = ind.columns;
      }
      std::string_view content = rest.substr(item->length);
      m_hard_break = false;
      const bool hard = strip_hard_break(content);
      const std::string text = item->marker.empty() ? std::string(content) : item->marker + " " + std::string(content);
      start(text, line_no, column + static_cast<int>(item->length), ind.columns);
      m_current->hints.list_level = m_list_level;
      m_current->hints.list_marker = item->marker;
      m_current->hints.marker_generated = !item->marker.empty();
      m_hard_break = hard;
      return;
    }
    if (ind.columns >= 4 && !m_current && m_list_level == 0) {
      emit_literal(rest, line_no, column, ind.columns); // indented code
      return;
    }
    const bool hard = strip_hard_break(rest);
    if (m_current && m_hard_break) {
      // A hard break inside a paragraph or list item: a new logical line of the same block.
      const int level = m_current->hints.list_level;
      flush();
      start(rest, line_no, column, ind.columns);
      m_current->hints.list_level = level;
      m_current_is_paragraph = level == 0;
    } else if (m_current) {
      m_current->text = join_wrapped(m_current->text, collapse_whitespace(rest));
    } else {
      if (ind.columns < 2) {
        m_list_level = 0;
      }
      start(rest, line_no, column, ind.columns);
      m_current->hints.list_level = m_list_level > 0 ? m_list_level : 0;
      m_current_is_paragraph = m_list_level == 0;
    }
    m_hard_break = hard;
  }

  void table_row(std::string_view row, int line_no, int column, int indent) {
    std::string_view cells = row;
    cells.remove_prefix(1);
    if (cells.ends_with('|')) {
      cells.remove_suffix(1);
    }
    if (cells.find_first_not_of("|:- \t") == std::string_view::npos) {
      return; // the separator row
    }
    std::size_t start_at = 0;
    int cell_column = column + 1;
    while (start_at <= cells.size()) {
      std::size_t end = start_at;
      while (end < cells.size() && cells[end] != '|') {
        end += cells[end] == '\\' && end + 1 < cells.size() ? 2 : 1;
      }
      end = std::min(end, cells.size());
      const std::string text = inline_text(cells.substr(start_at, end - start_at));
      if (!text.empty()) {
        LogicalLine l;
        l.text = text;
        l.pos.line = line_no;
        l.pos.column = cell_column;
        l.hints.indent = indent;
        l.hints.blank_before = m_blank;
        m_blank = false;
        m_out.push_back(std::move(l));
      }
      cell_column += static_cast<int>(end - start_at) + 1;
      start_at = end + 1;
    }
  }
};

} // namespace

std::vector<LogicalLine> read_plain_lines(std::string_view text) {
  std::vector<LogicalLine> out;
  const bool paged = text.find('\f') != std::string_view::npos;
  int page = paged ? 1 : 0;
  bool blank = false;
  const auto lines = split_lines(text);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    while (!line.empty() && line.front() == '\f') {
      ++page;
      blank = true;
      line.remove_prefix(1);
    }
    std::string cleaned(line);
    for (char &c : cleaned) {
      if (c == '\f') {
        c = ' ';
      }
    }
    const Indent ind = leading_indent(cleaned);
    LogicalLine l;
    l.text = collapse_whitespace(std::string_view(cleaned).substr(ind.bytes));
    if (l.text.empty()) {
      blank = !out.empty();
      continue;
    }
    l.pos.page = page;
    l.pos.line = static_cast<int>(n + 1);
    l.pos.column = ind.code_points + 1;
    l.hints.indent = ind.columns;
    l.hints.blank_before = blank;
    blank = false;
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<LogicalLine> read_markdown_lines(std::string_view text) {
  return MarkdownReader().read(text);
}

} // namespace notice::import
