#include "zip_writer.hpp"

#include "notice/error.hpp"
#include "notice/template.hpp"
#include "notice/zip.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace notice;

using test::make_zip;
using test::ZipItem;

TEST_CASE("the built-in reference document and an ordinary archive pass", "[zip]") {
  CHECK_NOTHROW(check_zip(*builtin_template("reference.docx"), "reference.docx"));
  CHECK_NOTHROW(check_zip(make_zip({{"word/document.xml", std::string(5000, 'x') + "<w:p/>"}}), "ok.docx"));
}

TEST_CASE("a ZIP bomb is refused from its central directory, before anything unpacks it", "[zip]") {
  SECTION("a member past the ratio a real document has") {
    const std::string bomb = make_zip({{"word/document.xml", std::string(20u << 20, '\0')}});
    CHECK(bomb.size() < 100'000);
    CHECK_THROWS_WITH(check_zip(bomb, "bomb.docx"),
                      Catch::Matches("bomb\\.docx: entry word/document\\.xml would inflate [0-9]+ bytes to 20 MiB "
                                     "\\(more than 200 times\\): a zip bomb, not a document"));
  }
  SECTION("members that add up past the total limit") {
    ZipLimits small = k_reference_doc_limits;
    small.max_total_bytes = 1000;
    CHECK_THROWS_WITH(
        check_zip(make_zip({{"a", std::string(600, 'a')}, {"b", std::string(600, 'b')}}), "x.docx", small),
        "x.docx: the ZIP archive declares more than 1000 bytes of uncompressed data: a zip bomb, not a document");
  }
  SECTION("a header that declares less than the data unpacks to") {
    ZipItem liar{"word/document.xml", std::string(4u << 20, '\0')};
    liar.declared_size = 1000;
    CHECK_THROWS_WITH(check_zip(make_zip({liar}), "liar.docx"),
                      "liar.docx: entry word/document.xml inflates to more than its declared 1000 bytes");
  }
  SECTION("not an archive at all") {
    CHECK_THROWS_WITH(check_zip("just text, no archive at all", "t.docx"),
                      "t.docx: not a ZIP archive, or a damaged one (no end of central directory)");
  }
}

TEST_CASE("the limits of a reference document are checked in the one ZIP reader", "[zip]") {
  SECTION("more members than a reference document has") {
    std::vector<ZipItem> many;
    for (int i = 0; i < 1001; ++i) {
      many.push_back({"m" + std::to_string(i), "x"});
    }
    CHECK_THROWS_WITH(check_zip(make_zip(many), "many.docx"),
                      "many.docx: the ZIP archive lists 1001 entries (at most 1000 accepted)");
  }
  SECTION("one member declaring more than 32 MiB, within the ratio, is refused before inflating") {
    ZipItem big{"word/media/big.bin", std::string(1000, 'x')};
    big.declared_size = 40u << 20; // compressed ~20 bytes: past the ratio too, which is checked first
    CHECK_THROWS_WITH(check_zip(make_zip({big}), "big.docx"), Catch::StartsWith("big.docx: entry word/media/big.bin "));
    ZipLimits no_ratio = k_reference_doc_limits;
    no_ratio.max_ratio = std::uint64_t{1} << 40;
    CHECK_THROWS_WITH(check_zip(make_zip({big}), "big.docx", no_ratio),
                      "big.docx: entry word/media/big.bin declares 40 MiB uncompressed (at most 32 MiB accepted)");
  }
  SECTION("entry names and the archive's name are escaped in messages") {
    ZipItem liar{"word/\x1b]0;owned\x07\n::error ::x.xml", std::string(4096, '\0')};
    liar.declared_size = 10;
    CHECK_THROWS_WITH(check_zip(make_zip({liar}), "a\nb.docx"),
                      "a\\nb.docx: entry word/\\x1B]0;owned\\x07\\n::error ::x.xml inflates to more than its declared "
                      "10 bytes");
  }
  SECTION("the same reader gives the entries' bytes back") {
    const std::string zip = make_zip({{"a.xml", "<a/>"}, {"word/document.xml", std::string(70'000, 'y')}});
    const ZipArchive archive(zip, ZipLimits{});
    REQUIRE(archive.entries().size() == 2);
    REQUIRE(archive.find("word/document.xml") != nullptr);
    CHECK(archive.read(*archive.find("word/document.xml")) == std::string(70'000, 'y'));
    CHECK(archive.read(*archive.find("a.xml")) == "<a/>");
    CHECK(archive.find("b.xml") == nullptr);
  }
}
