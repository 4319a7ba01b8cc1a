#include "notice/escape.hpp"

#include <array>
#include <cstdint>

namespace notice {
namespace {

constexpr std::array<char, 16> k_hex = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

void hex_byte(std::string &out, unsigned char byte) {
  out += "\\x";
  out += k_hex[byte >> 4];
  out += k_hex[byte & 0xF];
}

void code_point(std::string &out, char32_t cp) {
  out += "\\u{";
  for (int shift = 12; shift >= 0; shift -= 4) {
    out += k_hex[(cp >> shift) & 0xF];
  }
  out += '}';
}

// Decodes one well-formed UTF-8 sequence (no overlongs, no surrogates, at most U+10FFFF) starting
// at `i`; returns its length, or 0 when the bytes there are not UTF-8.
std::size_t decode(std::string_view text, std::size_t i, char32_t &cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      return 0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return length;
}

} // namespace

std::string escape_control(std::string_view text, EscapeMode mode) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t length = decode(text, i, cp);
    if (length == 0) {
      hex_byte(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F) {
      if ((cp == '\n' || cp == '\t') && mode == EscapeMode::document) {
        out += static_cast<char>(cp);
      } else if (cp == '\n') {
        out += "\\n";
      } else if (cp == '\t') {
        out += "\\t";
      } else if (cp == '\r') {
        out += "\\r";
      } else {
        hex_byte(out, static_cast<unsigned char>(cp));
      }
    } else if ((cp >= 0x80 && cp <= 0x9F) || (mode == EscapeMode::line && is_bidi_control(cp))) {
      code_point(out, cp);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

bool needs_escape(std::string_view text) {
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    // Every escaped character has a byte below 0x20, DEL, or a non-ASCII byte; only then decode.
    if (b < 0x20 || b == 0x7F || b >= 0x80) {
      return escape_control(text) != text;
    }
  }
  return false;
}

} // namespace notice
