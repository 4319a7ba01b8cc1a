// Builds small ZIP archives (and DOCX packages) in memory for the reader tests, including broken
// and hostile ones: sizes that lie, overlapping entries, encryption flags.
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <zlib.h>

namespace notice::test {

struct ZipItem {
  std::string name;
  std::string data;
  bool deflate = true;
  // Overrides for hostile archives; -1 keeps the true value.
  long long declared_size = -1;
  long long declared_compressed = -1;
  long long local_offset = -1; ///< point the central entry at another entry's local header
  std::uint16_t flags = 0;
  std::uint16_t method = 0xFFFF; ///< 0xFFFF: 8 when deflated, else 0
};

inline void put16(std::string &out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}

inline void put32(std::string &out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

inline std::string raw_deflate(const std::string &data) {
  z_stream s{};
  deflateInit2(&s, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&s, static_cast<uLong>(data.size())), '\0');
  s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef *>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

inline std::string make_zip(const std::vector<ZipItem> &items) {
  std::string out;
  std::string central;
  std::vector<std::uint32_t> offsets;
  for (const auto &item : items) {
    const std::string body = item.deflate ? raw_deflate(item.data) : item.data;
    const auto crc = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef *>(item.data.data()), static_cast<uInt>(item.data.size())));
    const std::uint16_t method = item.method != 0xFFFF ? item.method : (item.deflate ? 8 : 0);
    const auto size = static_cast<std::uint32_t>(item.declared_size >= 0 ? item.declared_size : item.data.size());
    const auto compressed =
        static_cast<std::uint32_t>(item.declared_compressed >= 0 ? item.declared_compressed : body.size());
    const auto offset = static_cast<std::uint32_t>(out.size());
    offsets.push_back(offset);
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, item.flags);
    put16(out, method);
    put32(out, 0);
    put32(out, crc);
    put32(out, compressed);
    put32(out, size);
    put16(out, static_cast<std::uint32_t>(item.name.size()));
    put16(out, 0);
    out += item.name;
    out += body;
    put32(central, 0x02014b50);
    put16(central, 20);
    put16(central, 20);
    put16(central, item.flags);
    put16(central, method);
    put32(central, 0);
    put32(central, crc);
    put32(central, compressed);
    put32(central, size);
    put16(central, static_cast<std::uint32_t>(item.name.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, 0);
    put32(central, item.local_offset >= 0 ? static_cast<std::uint32_t>(item.local_offset) : offset);
    central += item.name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(items.size()));
  put16(out, static_cast<std::uint32_t>(items.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, directory_offset);
  put16(out, 0);
  return out;
}

inline const std::string k_w = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

/// A DOCX package around `body` (the inside of w:body), with optional styles and numbering parts.
inline std::string make_docx(const std::string &body, const std::string &styles = "",
                             const std::string &numbering = "") {
  std::vector<ZipItem> items;
  items.push_back(
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)"});
  items.push_back(
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"});
  items.push_back({"word/document.xml", R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document )" + k_w +
                                            "><w:body>" + body + "</w:body></w:document>"});
  if (!styles.empty()) {
    items.push_back({"word/styles.xml", "<?xml version=\"1.0\"?><w:styles " + k_w + ">" + styles + "</w:styles>"});
  }
  if (!numbering.empty()) {
    items.push_back(
        {"word/numbering.xml", "<?xml version=\"1.0\"?><w:numbering " + k_w + ">" + numbering + "</w:numbering>"});
  }
  return make_zip(items);
}

/// A paragraph of one run.
inline std::string paragraph(const std::string &text, const std::string &properties = "") {
  return "<w:p>" + (properties.empty() ? std::string() : "<w:pPr>" + properties + "</w:pPr>") + "<w:r><w:t>" + text +
         "</w:t></w:r></w:p>";
}

} // namespace notice::test
