#include "syntax.hpp"

#include "../utf8.hpp"

#include <string_view>

namespace notice::detail {
namespace {

constexpr std::string_view k_full_width_colon = "\xEF\xBC\x9A"; // U+FF1A ：
constexpr std::string_view k_full_width_space = "\xE3\x80\x80"; // U+3000

int columns_before(std::string_view line, std::size_t byte) {
  int column = 1;
  for (std::size_t i = 0; i < byte && i < line.size();) {
    next_code_point(line, i);
    ++column;
  }
  return column;
}

int indentation(std::string_view line) {
  int n = 0;
  while (static_cast<std::size_t>(n) < line.size() && line[static_cast<std::size_t>(n)] == ' ') {
    ++n;
  }
  return n;
}

bool is_content(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t");
  return first != std::string_view::npos && line[first] != '#';
}

// The nearest line above `line` that holds YAML content (not blank, not only a comment).
std::string_view previous_content_line(const Source &source, int line) {
  for (int l = line - 1; l >= 1; --l) {
    if (is_content(source.line(l))) {
      return source.line(l);
    }
  }
  return {};
}

// A full-width colon where a key should end: before any ASCII `: ` and outside quotes.
std::size_t full_width_colon(std::string_view line) {
  const std::size_t at = line.find(k_full_width_colon);
  if (at == std::string_view::npos) {
    return at;
  }
  const std::string_view before = line.substr(0, at);
  if (before.find_first_of("\"'") != std::string_view::npos || before.find(": ") != std::string_view::npos) {
    return std::string_view::npos;
  }
  return at;
}

// Full-width spaces among the spaces that indent the line.
std::size_t full_width_indent(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') {
      ++i;
    } else if (line.substr(i, k_full_width_space.size()) == k_full_width_space) {
      return i;
    } else {
      break;
    }
  }
  return std::string_view::npos;
}

Message slip_message(SyntaxSlip slip, char opening, const std::string &detail) {
  const std::string quote(1, opening == 0 ? '"' : opening);
  const std::string close = opening == '[' ? "]" : opening == '{' ? "}" : quote;
  switch (slip) {
  case SyntaxSlip::key_without_colon:
    return {"this line is neither `key: value` nor a list item `- …`",
            "この行は `キー: 値` の形にもリストの項目 `- …` にもなっていません"};
  case SyntaxSlip::colon_not_allowed:
    return {"a `: ` here cannot separate a key from its value: check the indentation, or quote text that "
            "contains `: `",
            "この位置の `: ` はキーと値の区切りになれません。インデントを確認するか、`: ` を含む文を引用符で囲んで"
            "ください"};
  case SyntaxSlip::expected_key:
    return {"a key (`key: value`) was expected here", "ここにはキー（`キー: 値`）が必要です"};
  case SyntaxSlip::expected_item:
    return {"a list item (`- …`) was expected here", "ここにはリストの項目（`- …`）が必要です"};
  case SyntaxSlip::item_not_allowed:
    return {"a list item `- ` cannot start here: check the indentation (a list under a key starts on the next "
            "line)",
            "ここではリストの項目 `- ` を始められません。インデントを確認してください（キーの下のリストは次の行"
            "から書きます）"};
  case SyntaxSlip::unclosed_quote:
    return {"this quote `" + quote + "` is never closed: add the closing `" + quote + "` at the end of the text",
            "この引用符 `" + quote + "` が閉じられていません。文の終わりに閉じる `" + quote + "` を加えてください"};
  case SyntaxSlip::unclosed_bracket:
    return {"this `" + quote + "` is never closed with `" + close + "` (or a `,` is missing between its entries)",
            "この `" + quote + "` が `" + close + "` で閉じられていません（または要素の間の `,` がありません）"};
  case SyntaxSlip::tab:
    return {"a tab is used for indentation; YAML indents with spaces only",
            "インデントにタブが使われています。YAML のインデントは半角スペースだけです"};
  case SyntaxSlip::reserved_character:
    return {"`" + quote + "` cannot start a value in YAML; put the text in quotes",
            "YAML では `" + quote + "` で値を始められません。文を引用符で囲んでください"};
  case SyntaxSlip::bad_escape:
    return {"unknown escape sequence in double-quoted text; write `\\\\` for a backslash, or use single quotes",
            "二重引用符の中に不明なエスケープがあります。バックスラッシュは `\\\\` と書くか、一重引用符を使って"
            "ください"};
  case SyntaxSlip::bad_anchor:
    return {"`&` and `*` must be followed by an anchor name; put text that starts with them in quotes",
            "`&` と `*` の後にはアンカー名が必要です。これらで始まる文は引用符で囲んでください"};
  case SyntaxSlip::missing_value:
    return {"a value was expected here", "ここには値が必要です"};
  case SyntaxSlip::other:
    break;
  }
  return {"YAML syntax: " + detail, "YAML の構文エラー: " + detail};
}

bool about_layout(SyntaxSlip slip) {
  return slip == SyntaxSlip::key_without_colon || slip == SyntaxSlip::colon_not_allowed ||
         slip == SyntaxSlip::expected_key || slip == SyntaxSlip::expected_item ||
         slip == SyntaxSlip::item_not_allowed || slip == SyntaxSlip::missing_value;
}

} // namespace

YamlProblem syntax_problem(const Source &source, SyntaxSlip slip, Position pos, char opening,
                           const std::string &detail) {
  const std::string_view line = source.line(pos.line);
  if (about_layout(slip) || slip == SyntaxSlip::other) {
    if (const std::size_t at = full_width_indent(line); at != std::string_view::npos) {
      return {"yaml-syntax",
              {pos.line, columns_before(line, at)},
              {"this line is indented with full-width spaces (U+3000, 全角スペース); indent with ordinary spaces",
               "この行は全角スペース（U+3000）で字下げされています。半角スペースで字下げしてください"}};
    }
    if (const std::size_t at = full_width_colon(line); at != std::string_view::npos) {
      return {"yaml-syntax",
              {pos.line, columns_before(line, at)},
              {"`：` is a full-width colon; a key and its value are separated by an ASCII colon and a space "
               "(`key: value`)",
               "`：` は全角のコロンです。キーと値は半角のコロンとスペースで区切ってください（`キー: 値`）"}};
    }
  }
  Message message = slip_message(slip, opening, detail);
  if (about_layout(slip) && is_content(line)) {
    const int here = indentation(line);
    const std::string_view above_line = previous_content_line(source, pos.line);
    const int above = indentation(above_line);
    if (!above_line.empty() && here != above) {
      const std::string h = std::to_string(here);
      const std::string a = std::to_string(above);
      if (here > above && slip == SyntaxSlip::colon_not_allowed) {
        // The line reads as a continuation of the value above until its `: `: an indentation slip.
        const std::string more = std::to_string(here - above);
        message = {"this line is indented " + more + (here - above == 1 ? " space" : " spaces") +
                       " more than the line above it: keys of one mapping start in the same column (if it "
                       "continues the text above, put that text in quotes)",
                   "この行は前の行より " + more +
                       " 文字深く字下げされています。同じマッピングのキーは同じ列から始めてください（前の行の続きの"
                       "文なら、その文を引用符で囲んでください）"};
      } else if (here > above) {
        const std::string more = std::to_string(here - above);
        message.en += "; this line is indented " + more + (here - above == 1 ? " space" : " spaces") +
                      " more than the line above it: keys of one mapping start in the same column";
        message.ja += "。この行は前の行より " + more +
                      " 文字深く字下げされています。同じマッピングのキーは同じ列から始めてください";
      } else {
        message.en += "; this line is indented " + h + " spaces, the line above it " + a +
                      ": line it up with the entries it belongs to";
        message.ja += "。この行の字下げは " + h + " 文字、前の行は " + a + " 文字です。属する項目と列を揃えてください";
      }
      pos.column = here + 1;
    }
  }
  return {"yaml-syntax", pos, std::move(message)};
}

} // namespace notice::detail
