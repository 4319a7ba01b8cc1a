#include "import/encoding.hpp"

#include "import/cjk.hpp"
#include "utf8.hpp"

#include "notice/error.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iconv.h>
#include <vector>

namespace notice::import {
namespace {

// glibc's iconv names for the charsets a Japanese web page declares. EUC-JP-MS and CP932 are the
// Microsoft supersets (with ① and the NEC/IBM extensions notices use); they decode plain EUC-JP and
// Shift_JIS the same way.
const char *iconv_name(std::string_view charset) {
  const std::string name = ascii_lower(charset);
  if (name == "utf-8" || name == "utf8") {
    return "UTF-8";
  }
  if (name == "shift_jis" || name == "shift-jis" || name == "sjis" || name == "x-sjis" || name == "windows-31j" ||
      name == "cp932" || name == "ms_kanji" || name == "csshiftjis") {
    return "CP932";
  }
  if (name == "euc-jp" || name == "x-euc-jp" || name == "eucjp" || name == "cseucpkdfmtjapanese") {
    return "EUC-JP-MS";
  }
  if (name == "iso-2022-jp" || name == "csiso2022jp") {
    return "ISO-2022-JP";
  }
  return nullptr;
}

std::string label_of(const char *iconv) {
  const std::string_view name(iconv);
  return name == "EUC-JP-MS" ? "EUC-JP" : std::string(name);
}

// How Japanese a decoded text reads: kana and kanji count for it, half-width katakana (what EUC-JP
// bytes look like through CP932) and private-use characters against it.
long japanese_score(std::string_view utf8) {
  long score = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const char32_t c = detail::next_code_point(utf8, i);
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF01 && c <= 0xFF5E)) {
      score += 2;
    } else if ((c >= 0xFF61 && c <= 0xFF9F) || (c >= 0xE000 && c <= 0xF8FF)) {
      score -= 3;
    }
  }
  return score;
}

std::string hex_byte(unsigned char c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02X", c);
  return buffer;
}

} // namespace

std::optional<std::string> convert_to_utf8(std::string_view bytes, const char *from, std::size_t max_bytes,
                                           std::size_t &bad_offset) {
  iconv_t cd = ::iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw Error(std::string("the C library cannot convert from ") + from + " (iconv)");
  }
  std::string out;
  std::vector<char> buffer(1 << 16);
  char *in = const_cast<char *>(bytes.data());
  std::size_t in_left = bytes.size();
  bool ok = true;
  while (true) {
    char *dst = buffer.data();
    std::size_t dst_left = buffer.size();
    const std::size_t rc = ::iconv(cd, in_left ? &in : nullptr, &in_left, &dst, &dst_left);
    out.append(buffer.data(), buffer.size() - dst_left);
    if (out.size() > max_bytes) {
      ::iconv_close(cd);
      throw Error("more than " + std::to_string(max_bytes >> 20) + " MiB of text; not a notice");
    }
    if (rc != static_cast<std::size_t>(-1)) {
      if (in_left == 0) {
        // Flush the shift state (ISO-2022-JP) once everything is read.
        dst = buffer.data();
        dst_left = buffer.size();
        ::iconv(cd, nullptr, nullptr, &dst, &dst_left);
        out.append(buffer.data(), buffer.size() - dst_left);
        break;
      }
      continue;
    }
    if (errno == E2BIG) {
      continue;
    }
    ok = false; // EILSEQ or EINVAL (a sequence cut off at the end)
    bad_offset = static_cast<std::size_t>(in - bytes.data());
    break;
  }
  ::iconv_close(cd);
  if (!ok) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> html_declared_charset(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, 4096));
  for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const std::size_t end = head.find('>', at);
    const std::string tag = head.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const std::size_t charset = tag.find("charset");
    if (charset == std::string::npos) {
      continue;
    }
    std::size_t k = charset + 7;
    while (k < tag.size() && (tag[k] == ' ' || tag[k] == '=' || tag[k] == '"' || tag[k] == '\'')) {
      ++k;
    }
    std::size_t stop = k;
    while (stop < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[stop])) || tag[stop] == '-' ||
                                 tag[stop] == '_' || tag[stop] == '.' || tag[stop] == ':')) {
      ++stop;
    }
    if (stop > k) {
      return tag.substr(k, stop - k);
    }
  }
  return std::nullopt;
}

Decoded decode_text(const std::string &name, std::string_view bytes, std::string_view declared, std::size_t max_bytes) {
  std::size_t bad = 0;
  const auto convert = [&](std::string_view body, const char *from) -> std::optional<std::string> {
    try {
      return convert_to_utf8(body, from, max_bytes, bad);
    } catch (const Error &e) {
      throw Error(name + ": " + e.what());
    }
  };
  struct Bom {
    std::string_view bytes;
    const char *encoding;
  };
  // UTF-32LE before UTF-16LE: its mark starts with the same two bytes.
  static constexpr Bom k_boms[] = {{"\xEF\xBB\xBF", "UTF-8"},
                                   {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
                                   {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
                                   {"\xFF\xFE", "UTF-16LE"},
                                   {"\xFE\xFF", "UTF-16BE"}};
  for (const Bom &bom : k_boms) {
    if (bytes.starts_with(bom.bytes)) {
      const std::string_view body = bytes.substr(bom.bytes.size());
      auto text = convert(body, bom.encoding);
      if (!text) {
        throw Error(name + ": not valid " + bom.encoding + " although it starts with a " + bom.encoding +
                    " byte order mark (byte offset " + std::to_string(bom.bytes.size() + bad) + ")");
      }
      if (text->find('\0') != std::string::npos) {
        throw Error(name + ": contains a NUL character; not a text file");
      }
      return {std::move(*text), std::string(bom.encoding) + " with BOM"};
    }
  }
  if (bytes.find('\0') != std::string_view::npos) {
    throw Error(name + ": contains NUL bytes at offset " + std::to_string(bytes.find('\0')) +
                ": a binary file, or UTF-16 without a byte order mark (save it as UTF-8)");
  }
  const bool iso2022 = bytes.find("\x1B$B") != std::string_view::npos || bytes.find("\x1B$@") != std::string_view::npos;
  if (iso2022) {
    if (auto text = convert(bytes, "ISO-2022-JP")) {
      return {std::move(*text), "ISO-2022-JP"};
    }
  }
  if (detail::find_invalid_utf8(bytes) == std::string_view::npos) {
    if (bytes.size() > max_bytes) {
      throw Error(name + ": more than " + std::to_string(max_bytes >> 20) + " MiB of text; not a notice");
    }
    return {std::string(bytes), "UTF-8"};
  }
  if (const char *from = declared.empty() ? nullptr : iconv_name(declared); from && std::string_view(from) != "UTF-8") {
    if (auto text = convert(bytes, from)) {
      return {std::move(*text), label_of(from)};
    }
  }
  std::size_t bad_cp932 = 0;
  auto cp932 = convert(bytes, "CP932");
  bad_cp932 = bad;
  std::size_t bad_euc = 0;
  auto euc = convert(bytes, "EUC-JP-MS");
  bad_euc = bad;
  if (cp932 && euc) {
    if (japanese_score(*euc) > japanese_score(*cp932)) {
      return {std::move(*euc), "EUC-JP"};
    }
    return {std::move(*cp932), "CP932"};
  }
  if (cp932) {
    return {std::move(*cp932), "CP932"};
  }
  if (euc) {
    return {std::move(*euc), "EUC-JP"};
  }
  const std::size_t utf8_bad = detail::find_invalid_utf8(bytes);
  throw Error(name + ": not UTF-8, Shift_JIS (CP932) or EUC-JP text: invalid byte " +
              hex_byte(static_cast<unsigned char>(bytes[utf8_bad])) + " at offset " + std::to_string(utf8_bad) +
              " as UTF-8, at offset " + std::to_string(bad_cp932) + " as CP932, at offset " + std::to_string(bad_euc) +
              " as EUC-JP; save it as UTF-8");
}

} // namespace notice::import
