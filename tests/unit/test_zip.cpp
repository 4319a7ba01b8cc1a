#include "notice/error.hpp"
#include "notice/template.hpp"
#include "notice/zip.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>
#include <zlib.h>

using namespace notice;

namespace {

void put16(std::string &out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string &out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

std::string deflate_raw(const std::string &data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef *>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

struct Member {
  std::string name;
  std::string data;
  std::uint32_t declared = 0xFFFFFFFE; // the real size unless set
};

// A ZIP archive with deflated members whose headers declare `declared` (a lie when set).
std::string make_zip(const std::vector<Member> &members) {
  std::string out;
  std::string central;
  for (const auto &m : members) {
    const std::string packed = deflate_raw(m.data);
    const auto unpacked = m.declared == 0xFFFFFFFE ? static_cast<std::uint32_t>(m.data.size()) : m.declared;
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef *>(m.data.data()), static_cast<uInt>(m.data.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0);
    put16(out, 8);
    put32(out, 0);
    put32(out, crc);
    put32(out, static_cast<std::uint32_t>(packed.size()));
    put32(out, unpacked);
    put16(out, static_cast<std::uint32_t>(m.name.size()));
    put16(out, 0);
    out += m.name + packed;
    put32(central, 0x02014b50);
    put16(central, 20);
    put16(central, 20);
    put16(central, 0);
    put16(central, 8);
    put32(central, 0);
    put32(central, crc);
    put32(central, static_cast<std::uint32_t>(packed.size()));
    put32(central, unpacked);
    put16(central, static_cast<std::uint32_t>(m.name.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, 0);
    put32(central, offset);
    central += m.name;
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(members.size()));
  put16(out, static_cast<std::uint32_t>(members.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

} // namespace

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
    Member liar{"word/document.xml", std::string(4u << 20, '\0')};
    liar.declared = 1000;
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
    std::vector<Member> many;
    for (int i = 0; i < 1001; ++i) {
      many.push_back({"m" + std::to_string(i), "x"});
    }
    CHECK_THROWS_WITH(check_zip(make_zip(many), "many.docx"),
                      "many.docx: the ZIP archive lists 1001 entries (at most 1000 accepted)");
  }
  SECTION("one member declaring more than 32 MiB, within the ratio, is refused before inflating") {
    Member big{"word/media/big.bin", std::string(1000, 'x')};
    big.declared = 40u << 20; // compressed ~20 bytes: past the ratio too, which is checked first
    CHECK_THROWS_WITH(check_zip(make_zip({big}), "big.docx"), Catch::StartsWith("big.docx: entry word/media/big.bin "));
    ZipLimits no_ratio = k_reference_doc_limits;
    no_ratio.max_ratio = std::uint64_t{1} << 40;
    CHECK_THROWS_WITH(check_zip(make_zip({big}), "big.docx", no_ratio),
                      "big.docx: entry word/media/big.bin declares 40 MiB uncompressed (at most 32 MiB accepted)");
  }
  SECTION("entry names and the archive's name are escaped in messages") {
    Member liar{"word/\x1b]0;owned\x07\n::error ::x.xml", std::string(4096, '\0')};
    liar.declared = 10;
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
