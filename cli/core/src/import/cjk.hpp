// Character classes and line surgery for Japanese text: display widths, where a space is an
// artefact, and how two wrapped lines join.
#pragma once

#include <string>
#include <string_view>

namespace notice::import {

/// True for characters a terminal or a PDF layout gives two columns (East Asian Wide and
/// Fullwidth): kanji, kana, CJK punctuation, full-width forms, the ideographic space.
bool is_wide(char32_t c);

/// Columns `text` takes in pdftotext's layout or a terminal: 2 per wide character, 1 otherwise.
int display_width(std::string_view text);

/// The unified ideograph a Kangxi radical look-alike stands for (⽤ → 用); `c` itself otherwise.
char32_t unify_radical(char32_t c);

/// `text` with ASCII whitespace runs (and NO-BREAK SPACE) as one space, trimmed at both ends
/// (the ideographic space U+3000 too).
std::string collapse_whitespace(std::string_view text);

/// Repairs what PDF text extraction does to Japanese: Kangxi radicals become ideographs, and runs of
/// one or two spaces between two wide characters or between a wide character and an ASCII digit
/// (「第 19条」, 「個人 情報」) are removed; other whitespace runs become one space (「Web サイト」 keeps
/// its space: a Latin word beside Japanese may have one on purpose).
std::string repair_extracted_spacing(std::string_view text);

/// `first` and `second` (a wrapped continuation) as one line: nothing between them when either side
/// of the join is a wide character, one space between two ASCII words.
std::string join_wrapped(std::string_view first, std::string_view second);

/// `text` with ASCII letters in lower case (charset names, extensions, attribute values).
std::string ascii_lower(std::string_view text);

/// Leading whitespace of `line` in display columns (a tab counts up to the next multiple of 8, the
/// ideographic space 2) and the byte offset where the text starts.
struct Indent {
  int columns = 0;
  int code_points = 0;
  std::size_t bytes = 0;
};
Indent leading_indent(std::string_view line);

} // namespace notice::import
