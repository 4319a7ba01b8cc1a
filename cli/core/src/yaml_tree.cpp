// parse_yaml() through libyaml's event parser: a thin adapter that converts libyaml's marks to our
// positions, feeds the events to the parser-neutral TreeAssembler (yaml/assembler.cpp) and turns
// libyaml's errors into the project's words (yaml/syntax.cpp).
#include "yaml_tree.hpp"

#include "utf8.hpp"
#include "yaml/assembler.hpp"
#include "yaml/syntax.hpp"

#include <cstdio>
#include <cstring>
#include <string_view>
#include <yaml.h>

namespace notice::detail {

const YamlNode *YamlNode::get(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].name == key) {
      return &children[i];
    }
  }
  return nullptr;
}

Position YamlNode::key_pos(std::string_view key) const {
  for (const auto &k : keys) {
    if (k.name == key) {
      return k.pos;
    }
  }
  return pos;
}

namespace {

/// libyaml counts marks in code points from the start of its input; this walks the text once, in
/// step with the events, to give our 1-based line and code-point column (lines end at LF only, as
/// in Source, whatever libyaml thinks of CR or U+2028).
class MarkMap {
public:
  MarkMap(std::string_view text, std::size_t start) : m_text(text), m_start(start) {
    reset();
    // libyaml's own line and column are ours unless a lone CR or U+2028/U+2029 (line breaks to
    // libyaml, not to Source) occurs; NEL is refused before parsing.
    m_trust_libyaml =
        text.find("\xE2\x80\xA8") == std::string_view::npos && text.find("\xE2\x80\xA9") == std::string_view::npos;
    for (std::size_t cr = text.find('\r'); cr != std::string_view::npos && m_trust_libyaml;
         cr = text.find('\r', cr + 1)) {
      m_trust_libyaml = cr + 1 < text.size() && text[cr + 1] == '\n';
    }
  }

  Position at(const yaml_mark_t &mark) {
    if (m_trust_libyaml) {
      return {static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1};
    }
    return walk_to(mark.index);
  }

private:
  Position walk_to(std::size_t index) {
    if (index < m_index) {
      reset(); // rare: an error mark behind the last event
    }
    while (m_index < index && m_byte < m_text.size()) {
      const unsigned char c = static_cast<unsigned char>(m_text[m_byte]);
      if (c == '\n') {
        ++m_line;
        m_column = 1;
        ++m_byte;
      } else {
        ++m_column;
        m_byte += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      }
      ++m_index;
    }
    return {m_line, m_column};
  }

  void reset() {
    m_index = 0;
    m_byte = m_start;
    m_line = 1;
    m_column = 1;
  }

  std::string_view m_text;
  std::size_t m_start;
  std::size_t m_index = 0;
  std::size_t m_byte = 0;
  int m_line = 1;
  int m_column = 1;
  bool m_trust_libyaml = false;
};

/// Owns a libyaml parser and the event being handled.
class Parser {
public:
  explicit Parser(std::string_view input) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_encoding(&m_parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char *>(input.data()), input.size());
  }
  ~Parser() {
    if (m_have_event) {
      yaml_event_delete(&m_event);
    }
    yaml_parser_delete(&m_parser);
  }
  Parser(const Parser &) = delete;
  Parser &operator=(const Parser &) = delete;

  /// The next event, or nullptr on a syntax error (then error() says which).
  const yaml_event_t *next() {
    if (m_have_event) {
      yaml_event_delete(&m_event);
      m_have_event = false;
    }
    if (!yaml_parser_parse(&m_parser, &m_event)) {
      return nullptr;
    }
    m_have_event = true;
    return &m_event;
  }
  const yaml_parser_t &state() const { return m_parser; }

private:
  yaml_parser_t m_parser{};
  yaml_event_t m_event{};
  bool m_have_event = false;
};

std::string_view text_of(const yaml_char_t *text) {
  return text ? std::string_view(reinterpret_cast<const char *>(text)) : std::string_view();
}

bool starts(const char *text, std::string_view prefix) {
  return text && std::string_view(text).substr(0, prefix.size()) == prefix;
}

// Classifies libyaml's error by its (stable, English) problem and context strings.
YamlProblem syntax_error(const Source &source, const yaml_parser_t &p, MarkMap &marks) {
  const char *problem = p.problem ? p.problem : "";
  const char *context = p.context ? p.context : "";
  if (p.error == YAML_READER_ERROR) {
    // Encoding and forbidden characters are checked before parsing; this is a safety net.
    return syntax_problem(source, SyntaxSlip::other, source.position_of(p.problem_offset), 0, problem);
  }
  const Position at = marks.at(p.problem_mark);
  const Position opened = marks.at(p.context_mark);
  const auto char_at = [&](Position pos) -> char {
    const std::string_view l = source.line(pos.line);
    std::size_t i = 0;
    for (int column = 1; column < pos.column && i < l.size(); ++column) {
      next_code_point(l, i);
    }
    return i < l.size() ? l[i] : '\0';
  };
  if (starts(context, "while scanning a quoted scalar")) {
    if (starts(problem, "found unknown escape character")) {
      return syntax_problem(source, SyntaxSlip::bad_escape, at);
    }
    return syntax_problem(source, SyntaxSlip::unclosed_quote, opened, char_at(opened));
  }
  if (starts(context, "while parsing a flow")) {
    return syntax_problem(source, SyntaxSlip::unclosed_bracket, opened, char_at(opened));
  }
  if (starts(context, "while scanning a simple key")) {
    return syntax_problem(source, SyntaxSlip::key_without_colon, opened);
  }
  if (starts(problem, "mapping values are not allowed")) {
    return syntax_problem(source, SyntaxSlip::colon_not_allowed, at);
  }
  if (starts(problem, "did not find expected key")) {
    return syntax_problem(source, SyntaxSlip::expected_key, at);
  }
  if (starts(problem, "did not find expected '-' indicator")) {
    return syntax_problem(source, SyntaxSlip::expected_item, at);
  }
  if (starts(problem, "block sequence entries are not allowed")) {
    return syntax_problem(source, SyntaxSlip::item_not_allowed, at);
  }
  if (starts(problem, "did not find expected node content")) {
    return syntax_problem(source, SyntaxSlip::missing_value, at);
  }
  if (std::strstr(problem, "tab") != nullptr) {
    return syntax_problem(source, SyntaxSlip::tab, at);
  }
  if (starts(problem, "found character that cannot start any token")) {
    const char c = char_at(at);
    return syntax_problem(source, c == '\t' ? SyntaxSlip::tab : SyntaxSlip::reserved_character, at, c);
  }
  if (starts(context, "while scanning an anchor") || starts(context, "while scanning an alias")) {
    return syntax_problem(source, SyntaxSlip::bad_anchor, opened);
  }
  std::string detail = problem;
  if (*context != '\0') {
    detail += std::string(" (") + context + ")";
  }
  return syntax_problem(source, SyntaxSlip::other, at, 0, detail);
}

ScalarStyle style_of(yaml_scalar_style_t style) {
  switch (style) {
  case YAML_PLAIN_SCALAR_STYLE:
  case YAML_ANY_SCALAR_STYLE:
    return ScalarStyle::plain;
  case YAML_SINGLE_QUOTED_SCALAR_STYLE:
  case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
    return ScalarStyle::quoted;
  case YAML_LITERAL_SCALAR_STYLE:
  case YAML_FOLDED_SCALAR_STYLE:
    return ScalarStyle::block;
  }
  return ScalarStyle::plain;
}

std::string hex(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

} // namespace

YamlParse parse_yaml(const Source &source, const LoadLimits &limits) {
  YamlParse result;
  const std::string_view text = source.text();
  std::size_t offset = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") { // a UTF-8 byte order mark is harmless: skip it
    offset = 3;
  }
  char32_t control = 0;
  if (const std::size_t at = find_unprintable(text, control); at != std::string_view::npos) {
    const std::string code = hex(control);
    result.problem =
        YamlProblem{"encoding",
                    source.position_of(at),
                    {"the control character " + code +
                         " is not allowed in a YAML file (it could change what a terminal shows); remove it",
                     "制御文字 " + code +
                         " は YAML のファイルに使えません（端末の表示を変えるおそれがあります）。削除してください"}};
    return result;
  }
  MarkMap marks(text, offset);
  TreeAssembler tree(limits);
  Parser parser(text.substr(offset));
  try {
    for (bool done = false; !done;) {
      const yaml_event_t *event = parser.next();
      if (!event) {
        result.problem = syntax_error(source, parser.state(), marks);
        return result;
      }
      const Position pos = marks.at(event->start_mark);
      switch (event->type) {
      case YAML_DOCUMENT_START_EVENT:
        tree.document_start(pos);
        break;
      case YAML_SCALAR_EVENT: {
        const auto &s = event->data.scalar;
        tree.scalar(pos, text_of(s.tag), text_of(s.anchor), style_of(s.style),
                    std::string(reinterpret_cast<const char *>(s.value), s.length));
        break;
      }
      case YAML_ALIAS_EVENT:
        tree.alias(pos, text_of(event->data.alias.anchor));
        break;
      case YAML_SEQUENCE_START_EVENT:
        tree.sequence_start(pos, text_of(event->data.sequence_start.tag), text_of(event->data.sequence_start.anchor));
        break;
      case YAML_MAPPING_START_EVENT:
        tree.mapping_start(pos, text_of(event->data.mapping_start.tag), text_of(event->data.mapping_start.anchor));
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        tree.collection_end();
        break;
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      case YAML_NO_EVENT:
      case YAML_STREAM_START_EVENT:
      case YAML_DOCUMENT_END_EVENT:
        break;
      }
    }
  } catch (const YamlStop &stop) {
    result.problem = stop.problem;
    return result;
  }
  if (tree.documents() == 0 || !tree.root() || tree.root()->kind == YamlNode::Kind::null) {
    result.problem = YamlProblem{"empty",
                                 Position{1, 1},
                                 {"the file is empty; a notice is a YAML mapping that starts with `schema: 1`",
                                  "ファイルが空です。公表文は `schema: 1` で始まる YAML のマッピングです"}};
    return result;
  }
  result.root = std::move(tree.root());
  return result;
}

} // namespace notice::detail
