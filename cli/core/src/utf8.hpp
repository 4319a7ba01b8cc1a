// Encoding checks done before any YAML parsing, so that a wrong encoding gets a clear message
// instead of a parser error somewhere in the middle of the file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace notice::detail {

/// What is wrong with the bytes of a file, if anything.
struct EncodingProblem {
  std::size_t offset = 0; ///< byte offset of the first offending byte
  std::string message;    ///< complete sentence saying what to do
  std::string message_ja; ///< the same in Japanese
};

/// Checks that `text` is UTF-8 without NUL bytes; recognises UTF-16/32 byte order marks and
/// Shift_JIS and says how to convert. std::nullopt when the text is fine.
std::optional<EncodingProblem> check_encoding(std::string_view text);

/// Byte offset of the first code point of valid UTF-8 `text` that YAML does not allow in a document
/// (outside its printable set: C0 controls other than tab, line feed and carriage return, DEL, the
/// C1 controls including NEL, U+FFFE and U+FFFF), or npos. The code point is stored in `found`.
std::size_t find_unprintable(std::string_view text, char32_t &found);

/// Byte offset of the first invalid UTF-8 sequence, or npos when `text` is valid UTF-8.
std::size_t find_invalid_utf8(std::string_view text);

/// Decodes the code point starting at byte `i` of `text` (UTF-8 already validated) and advances `i`
/// past it; a truncated sequence at the end counts as one code point of its lead byte.
char32_t next_code_point(std::string_view text, std::size_t &i);

/// The number of code points in UTF-8 `text` (bytes that do not continue a sequence).
std::size_t count_code_points(std::string_view text);

/// True when `text` decodes as Shift_JIS and contains at least one double-byte character.
bool looks_like_shift_jis(std::string_view text);

} // namespace notice::detail
