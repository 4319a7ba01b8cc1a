// Turning the bytes of a text, Markdown or HTML file into UTF-8: byte order marks, a declared
// charset, and telling CP932 (Shift_JIS) from EUC-JP when nothing is declared.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace notice::import {

/// Text decoded to UTF-8 and the encoding it was in.
struct Decoded {
  std::string text;
  std::string encoding; ///< "UTF-8", "UTF-8 with BOM", "UTF-16LE", "CP932", "EUC-JP", "ISO-2022-JP" …
};

/// Decodes `bytes`: a byte order mark wins (UTF-8, UTF-16/32 LE/BE); then valid UTF-8 (unless it
/// holds ISO-2022-JP escapes); then `declared` (a charset name from the document, e.g. an HTML
/// <meta>) when it converts cleanly; then whichever of CP932 and EUC-JP converts cleanly, the one
/// that reads as more kana and kanji when both do. Throws notice::Error naming `name` for NUL bytes
/// without a BOM, bytes that are none of these, or output larger than `max_bytes`.
Decoded decode_text(const std::string &name, std::string_view bytes, std::string_view declared, std::size_t max_bytes);

/// The charset an HTML document declares in its first 4 KiB (<meta charset>, or http-equiv
/// Content-Type), lower-cased; std::nullopt when none.
std::optional<std::string> html_declared_charset(std::string_view bytes);

/// Converts `bytes` from `from` (an iconv name) to UTF-8, refusing any invalid or incomplete
/// sequence. Returns std::nullopt on such a sequence and sets `bad_offset`; throws notice::Error
/// when the output would pass `max_bytes` or iconv does not know `from`.
std::optional<std::string> convert_to_utf8(std::string_view bytes, const char *from, std::size_t max_bytes,
                                           std::size_t &bad_offset);

} // namespace notice::import
