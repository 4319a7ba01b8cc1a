#include "utf8.hpp"

#include <array>

namespace notice::detail {
namespace {

unsigned char byte_at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]);
}

} // namespace

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = byte_at(text, i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char min_second = 0x80;
    unsigned char max_second = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) {
        min_second = 0xA0; // overlong
      } else if (c == 0xED) {
        max_second = 0x9F; // surrogates
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) {
        min_second = 0x90;
      } else if (c == 0xF4) {
        max_second = 0x8F;
      }
    } else {
      return i;
    }
    if (i + length > text.size()) {
      return i;
    }
    const unsigned char second = byte_at(text, i + 1);
    if (second < min_second || second > max_second) {
      return i;
    }
    for (std::size_t k = 2; k < length; ++k) {
      if ((byte_at(text, i + k) & 0xC0) != 0x80) {
        return i;
      }
    }
    i += length;
  }
  return std::string_view::npos;
}

std::size_t find_unprintable(std::string_view text, char32_t &found) {
  // Byte by byte: in valid UTF-8 the forbidden code points above ASCII are C2 80–C2 9F (C1) and
  // EF BF BE/BF (U+FFFE/FFFF), so nothing needs decoding. One table lookup per byte: only the bytes
  // that may begin a forbidden code point are looked at.
  static constexpr auto k_suspect = [] {
    std::array<bool, 256> t{};
    for (unsigned c = 0; c < 0x20; ++c) {
      t[c] = c != '\t' && c != '\n' && c != '\r';
    }
    t[0x7F] = t[0xC2] = t[0xEF] = true;
    return t;
  }();
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = byte_at(text, i);
    if (!k_suspect[c]) {
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      found = c;
      return i;
    }
    if (c == 0xC2 && i + 1 < n && byte_at(text, i + 1) < 0xA0) {
      found = byte_at(text, i + 1);
      return i;
    }
    if (c == 0xEF && i + 2 < n && byte_at(text, i + 1) == 0xBF && byte_at(text, i + 2) >= 0xBE) {
      found = byte_at(text, i + 2) == 0xBE ? 0xFFFE : 0xFFFF;
      return i;
    }
  }
  return std::string_view::npos;
}

char32_t next_code_point(std::string_view text, std::size_t &i) {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + length > text.size()) {
    length = 1;
  }
  char32_t cp = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < length; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += length;
  return cp;
}

bool looks_like_shift_jis(std::string_view text) {
  bool double_byte = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = byte_at(text, i);
    if (c < 0x80 || (c >= 0xA1 && c <= 0xDF)) { // ASCII or half-width katakana
      ++i;
      continue;
    }
    const bool lead = (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC);
    if (!lead || i + 1 >= text.size()) {
      return false;
    }
    const unsigned char trail = byte_at(text, i + 1);
    if (trail < 0x40 || trail == 0x7F || trail > 0xFC) {
      return false;
    }
    double_byte = true;
    i += 2;
  }
  return double_byte;
}

std::optional<EncodingProblem> check_encoding(std::string_view text) {
  const auto starts_with = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  if (starts_with(std::string_view("\xFF\xFE\x00\x00", 4)) || starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) {
    return EncodingProblem{0, "the file is UTF-32; save it as UTF-8 (iconv -f UTF-32 -t UTF-8)",
                           "ファイルが UTF-32 です。UTF-8 で保存し直してください（iconv -f UTF-32 -t UTF-8）"};
  }
  if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF")) {
    return EncodingProblem{0, "the file is UTF-16; save it as UTF-8 (iconv -f UTF-16 -t UTF-8)",
                           "ファイルが UTF-16 です。UTF-8 で保存し直してください（iconv -f UTF-16 -t UTF-8）"};
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    return EncodingProblem{nul,
                           "the file contains a NUL byte; a notice is text: remove it, or check that this is "
                           "the right file",
                           "ファイルに NUL バイトが含まれています。削除するか、正しいファイルか確認してください"};
  }
  if (const auto bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    if (looks_like_shift_jis(text)) {
      return EncodingProblem{
          bad,
          "the file is not UTF-8 but looks like Shift_JIS; convert it with "
          "`iconv -f SHIFT_JIS -t UTF-8` (or save as UTF-8 in your editor)",
          "ファイルが UTF-8 ではなく Shift_JIS のようです。`iconv -f SHIFT_JIS -t UTF-8` で変換するか、"
          "エディタで UTF-8 として保存してください"};
    }
    return EncodingProblem{bad, "invalid UTF-8 byte sequence; save the file as UTF-8",
                           "UTF-8 として不正なバイト列です。UTF-8 で保存し直してください"};
  }
  return std::nullopt;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

} // namespace notice::detail
