#include "notice/zip.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"

#include <algorithm>
#include <array>
#include <zlib.h>

namespace notice {
namespace {

constexpr std::uint32_t k_end_signature = 0x06054b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::size_t k_end_size = 22;
constexpr std::size_t k_central_size = 46;
constexpr std::size_t k_local_size = 30;

std::uint32_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}

std::uint32_t u32(std::string_view b, std::size_t at) {
  return u16(b, at) | u16(b, at + 2) << 16;
}

// Inflates raw deflate data and returns how many bytes it unpacks to, stopping as soon as that
// exceeds `limit` (then limit + 1 is returned). Throws for data that is not deflate.
std::uint64_t inflated_size(std::string_view data, std::uint64_t limit, const std::string &what) {
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
    throw Error(what + ": cannot start zlib");
  }
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::array<unsigned char, 1 << 16> scratch{};
  std::uint64_t total = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END && total <= limit) {
    z.next_out = scratch.data();
    z.avail_out = static_cast<uInt>(scratch.size());
    rc = inflate(&z, Z_NO_FLUSH);
    total += scratch.size() - z.avail_out;
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      throw Error(what + ": the compressed data is damaged");
    }
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
      inflateEnd(&z);
      throw Error(what + ": the compressed data ends early");
    }
  }
  inflateEnd(&z);
  return std::min(total, limit + 1);
}

std::string mib(std::uint64_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

} // namespace

void check_zip(std::string_view bytes, const std::string &name, const ZipLimits &limits) {
  const std::string shown = escape_control(name);
  if (bytes.size() < k_end_size) {
    throw Error(shown + ": not a DOCX file (too short for a ZIP archive)");
  }
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  std::size_t end = std::string_view::npos;
  const std::size_t lowest = bytes.size() > k_end_size + 0xFFFF ? bytes.size() - k_end_size - 0xFFFF : 0;
  for (std::size_t at = bytes.size() - k_end_size + 1; at-- > lowest;) {
    if (u32(bytes, at) == k_end_signature) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) {
    throw Error(shown + ": not a DOCX file (no ZIP central directory)");
  }
  const std::uint32_t disk = u16(bytes, end + 4);
  const std::uint32_t cd_disk = u16(bytes, end + 6);
  const std::uint32_t entries_here = u16(bytes, end + 8);
  const std::uint32_t entries = u16(bytes, end + 10);
  const std::uint32_t cd_size = u32(bytes, end + 12);
  const std::uint32_t cd_offset = u32(bytes, end + 16);
  if (entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    throw Error(shown + ": a ZIP64 archive; a reference document is never that large");
  }
  if (disk != 0 || cd_disk != 0 || entries_here != entries) {
    throw Error(shown + ": a ZIP archive split over several files is not a DOCX file");
  }
  if (entries > limits.max_members) {
    throw Error(shown + ": holds " + std::to_string(entries) + " members, more than the " +
                std::to_string(limits.max_members) + " a reference document may have");
  }
  if (std::uint64_t{cd_offset} + cd_size > end) {
    throw Error(shown + ": the ZIP central directory lies outside the file");
  }
  std::uint64_t total = 0;
  std::size_t at = cd_offset;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (at + k_central_size > end || u32(bytes, at) != k_central_signature) {
      throw Error(shown + ": the ZIP central directory is damaged");
    }
    const std::uint32_t flags = u16(bytes, at + 8);
    const std::uint32_t method = u16(bytes, at + 10);
    const std::uint32_t packed = u32(bytes, at + 20);
    const std::uint32_t unpacked = u32(bytes, at + 24);
    const std::uint32_t name_length = u16(bytes, at + 28);
    const std::uint32_t extra_length = u16(bytes, at + 30);
    const std::uint32_t comment_length = u16(bytes, at + 32);
    const std::uint32_t local = u32(bytes, at + 42);
    if (at + k_central_size + name_length > end) {
      throw Error(shown + ": the ZIP central directory is damaged");
    }
    const std::string member = escape_control(bytes.substr(at + k_central_size, name_length));
    const std::string what = shown + ": member " + member;
    at += k_central_size + name_length + extra_length + comment_length;
    if (packed == 0xFFFFFFFF || unpacked == 0xFFFFFFFF || local == 0xFFFFFFFF) {
      throw Error(what + " uses ZIP64; a reference document is never that large");
    }
    if ((flags & 1) != 0) {
      throw Error(what + " is encrypted");
    }
    if (method != 0 && method != 8) {
      throw Error(what + " uses compression method " + std::to_string(method) + "; DOCX uses deflate");
    }
    if (unpacked > limits.max_member_bytes) {
      throw Error(what + " unpacks to " + std::to_string(unpacked) + " bytes, more than the limit of " +
                  mib(limits.max_member_bytes));
    }
    total += unpacked;
    if (total > limits.max_total_bytes) {
      throw Error(shown + ": its members unpack to more than " + mib(limits.max_total_bytes) +
                  ", the limit for a reference document");
    }
    if (unpacked > (std::uint64_t{1} << 20) && unpacked > limits.max_ratio * std::max<std::uint64_t>(packed, 1)) {
      throw Error(what + " unpacks " + std::to_string(packed) + " bytes to " + std::to_string(unpacked) +
                  ", a ratio over " + std::to_string(limits.max_ratio) + ":1 that only a ZIP bomb has");
    }
    // The data itself, through the local header: it must unpack to no more than declared.
    if (std::uint64_t{local} + k_local_size > bytes.size() || u32(bytes, local) != k_local_signature) {
      throw Error(what + ": its local header is missing");
    }
    const std::size_t data = local + k_local_size + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (std::uint64_t{data} + packed > bytes.size()) {
      throw Error(what + ": its data lies outside the file");
    }
    const std::string_view content = bytes.substr(data, packed);
    const std::uint64_t actual = method == 0 ? packed : inflated_size(content, unpacked, what);
    if (actual != unpacked) {
      throw Error(what + " unpacks to " + (actual > unpacked ? "more" : "fewer") + " bytes than its header declares (" +
                  std::to_string(unpacked) + ")");
    }
  }
}

} // namespace notice
