// Showing text that came from input (notice text, YAML keys, file names, helper output) to a person
// without letting it act on the terminal or the CI log that displays it.
#pragma once

#include <string>
#include <string_view>

namespace notice {

/// Where escaped text goes, which decides what counts as the text's own structure.
enum class EscapeMode {
  /// One line of a report (a path, a key, a message, a quoted source line): line breaks and tabs
  /// are escaped too, and so are bidi controls, which would reorder what the line shows.
  line,
  /// A document with lines of its own (render -f txt/md): line breaks and tabs stay; bidi controls
  /// are content, reported by the `bidi-control` rule instead.
  document,
};

/// `text` with every control character made visible: C0 controls and DEL as `\xNN` (`\n`, `\t`,
/// `\r` by name; in EscapeMode::document `\n` and `\t` stay as they are), C1 controls
/// (U+0080–U+009F) and, in EscapeMode::line, the bidi controls U+202A–U+202E and U+2066–U+2069 as
/// `\u{XXXX}`, and bytes that are not UTF-8 as `\xNN`. Everything else is copied unchanged, so
/// Japanese text and ordinary punctuation read as before. This is the one function every
/// human-readable output uses for text taken from input.
std::string escape_control(std::string_view text, EscapeMode mode = EscapeMode::line);

/// True when escape_control() would change `text` in EscapeMode::line.
bool needs_escape(std::string_view text);

/// True for the bidi controls U+202A–U+202E (embeddings, overrides, pop) and U+2066–U+2069
/// (isolates), which make text display in another order than it is stored.
constexpr bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

} // namespace notice
