#include "notice/escape.hpp"

#include <catch2/catch.hpp>

using namespace notice;

TEST_CASE("escape_control makes every control character visible and keeps the rest", "[escape]") {
  CHECK(escape_control("被保険者資格の確認、(1) a-b") == "被保険者資格の確認、(1) a-b");
  SECTION("C0 controls and DEL") {
    CHECK(escape_control("\x1b[2J\x1b]0;owned\x07") == "\\x1B[2J\\x1B]0;owned\\x07");
    CHECK(escape_control(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(escape_control("a\x7f") == "a\\x7F");
    CHECK(escape_control("a\rb") == "a\\rb");
  }
  SECTION("line breaks and tabs: escaped on a line, kept in a document") {
    CHECK(escape_control("a\n::error file=x::y\tz") == "a\\n::error file=x::y\\tz");
    CHECK(escape_control("a\n\tb\x1b", EscapeMode::document) == "a\n\tb\\x1B");
  }
  SECTION("C1 controls, as code points and as stray bytes") {
    CHECK(escape_control("a\xc2\x9b"
                         "31mb") == "a\\u{009B}31mb"); // U+009B CSI
    CHECK(escape_control("\xc2\x85") == "\\u{0085}");
    CHECK(escape_control("a\x9b"
                         "b") == "a\\x9Bb");           // not UTF-8
    CHECK(escape_control("\xe3\x81") == "\\xE3\\x81"); // truncated sequence
  }
  SECTION("bidi controls: escaped on a line, content in a document") {
    CHECK(escape_control("abc\u202Edef") == "abc\\u{202E}def");
    CHECK(escape_control("\u2066x\u2069") == "\\u{2066}x\\u{2069}");
    CHECK(escape_control("abc\u202Edef", EscapeMode::document) == "abc\u202Edef");
  }
  SECTION("escaping twice changes nothing more") {
    const std::string once = escape_control("\x1b\n\u202E\x9b");
    CHECK(escape_control(once) == once);
  }
  CHECK(is_bidi_control(0x202A));
  CHECK_FALSE(is_bidi_control(0x200F));
}
