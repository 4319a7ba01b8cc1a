#include "notice/zip.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"

#include <algorithm>
#include <array>
#include <zlib.h>

namespace notice {
namespace {

constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_end_signature = 0x06054b50;
constexpr std::size_t k_end_size = 22;
constexpr std::size_t k_central_size = 46;
constexpr std::size_t k_local_size = 30;

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}

std::uint32_t u32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | (static_cast<std::uint32_t>(u16(b, at + 2)) << 16);
}

std::string mib(std::uint64_t bytes) {
  if (bytes >= (1u << 20)) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  return std::to_string(bytes) + " bytes";
}

// An entry's name as it may appear in a message: a hostile archive may name an entry with line
// breaks or escape sequences.
std::string shown(const ZipEntry &entry) {
  return escape_control(entry.name);
}

struct Inflater {
  z_stream stream{};
  Inflater() {
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
      throw Error("zlib could not start inflating");
    }
  }
  ~Inflater() { inflateEnd(&stream); }
  Inflater(const Inflater &) = delete;
  Inflater &operator=(const Inflater &) = delete;
};

} // namespace

ZipArchive::ZipArchive(std::string_view bytes, const ZipLimits &limits) : m_bytes(bytes) {
  if (bytes.size() < k_end_size) {
    throw Error("not a ZIP archive (too short)");
  }
  // The end-of-central-directory record is in the last 22 + 65535 bytes (its comment may follow).
  std::size_t end = std::string_view::npos;
  const std::size_t lowest = bytes.size() > k_end_size + 0xFFFF ? bytes.size() - k_end_size - 0xFFFF : 0;
  for (std::size_t at = bytes.size() - k_end_size + 1; at-- > lowest;) {
    if (u32(bytes, at) == k_end_signature) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) {
    throw Error("not a ZIP archive, or a damaged one (no end of central directory)");
  }
  const std::uint16_t disk = u16(bytes, end + 4);
  const std::uint16_t directory_disk = u16(bytes, end + 6);
  const std::uint16_t count_here = u16(bytes, end + 8);
  const std::uint16_t count = u16(bytes, end + 10);
  const std::uint32_t directory_size = u32(bytes, end + 12);
  const std::uint32_t directory_offset = u32(bytes, end + 16);
  if (count == 0xFFFF || directory_size == 0xFFFFFFFF || directory_offset == 0xFFFFFFFF) {
    throw Error("a ZIP64 archive; a DOCX never needs one");
  }
  if (disk != 0 || directory_disk != 0 || count_here != count) {
    throw Error("a multi-volume ZIP archive");
  }
  if (count > limits.max_entries) {
    throw Error("the ZIP archive lists " + std::to_string(count) + " entries (at most " +
                std::to_string(limits.max_entries) + " accepted)");
  }
  if (static_cast<std::uint64_t>(directory_offset) + directory_size > end) {
    throw Error("a damaged ZIP archive (the central directory lies outside the file)");
  }
  std::size_t at = directory_offset;
  std::uint64_t total = 0;
  for (std::uint16_t i = 0; i < count; ++i) {
    if (at + k_central_size > end || u32(bytes, at) != k_central_signature) {
      throw Error("a damaged ZIP archive (central directory entry " + std::to_string(i + 1) + ")");
    }
    ZipEntry entry;
    entry.flags = u16(bytes, at + 8);
    entry.method = u16(bytes, at + 10);
    entry.crc32 = u32(bytes, at + 16);
    entry.compressed_size = u32(bytes, at + 20);
    entry.uncompressed_size = u32(bytes, at + 24);
    const std::uint16_t name_length = u16(bytes, at + 28);
    const std::uint16_t extra_length = u16(bytes, at + 30);
    const std::uint16_t comment_length = u16(bytes, at + 32);
    entry.local_header_offset = u32(bytes, at + 42);
    if (at + k_central_size + name_length + extra_length + comment_length > end) {
      throw Error("a damaged ZIP archive (central directory entry " + std::to_string(i + 1) + ")");
    }
    entry.name = std::string(bytes.substr(at + k_central_size, name_length));
    at += k_central_size + name_length + extra_length + comment_length;
    if (entry.compressed_size == 0xFFFFFFFF || entry.uncompressed_size == 0xFFFFFFFF ||
        entry.local_header_offset == 0xFFFFFFFF) {
      throw Error("entry " + shown(entry) + " uses ZIP64 sizes; a DOCX never needs them");
    }
    if (entry.flags & 0x1) {
      throw Error("entry " + shown(entry) + " is encrypted");
    }
    if (entry.method != 0 && entry.method != 8) {
      throw Error("entry " + shown(entry) + " uses compression method " + std::to_string(entry.method) +
                  " (only stored and deflated entries are read)");
    }
    if (entry.method == 0 && entry.compressed_size != entry.uncompressed_size) {
      throw Error("entry " + shown(entry) + " is stored but declares two different sizes");
    }
    // The bomb checks, on declared sizes, before anything is inflated.
    if (entry.uncompressed_size > limits.ratio_floor &&
        entry.uncompressed_size > entry.compressed_size * limits.max_ratio) {
      throw Error("entry " + shown(entry) + " would inflate " + mib(entry.compressed_size) + " to " +
                  mib(entry.uncompressed_size) + " (more than " + std::to_string(limits.max_ratio) +
                  " times): a zip bomb, not a document");
    }
    if (entry.uncompressed_size > limits.max_entry_bytes) {
      throw Error("entry " + shown(entry) + " declares " + mib(entry.uncompressed_size) + " uncompressed (at most " +
                  mib(limits.max_entry_bytes) + " accepted)");
    }
    total += entry.uncompressed_size;
    if (total > limits.max_total_bytes) {
      throw Error("the ZIP archive declares more than " + mib(limits.max_total_bytes) +
                  " of uncompressed data: a zip bomb, not a document");
    }
    const std::size_t local = entry.local_header_offset;
    if (local + k_local_size > directory_offset || u32(bytes, local) != k_local_signature) {
      throw Error("a damaged ZIP archive (no local header for " + shown(entry) + ")");
    }
    entry.data_offset = local + k_local_size + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (entry.data_offset + entry.compressed_size > directory_offset) {
      throw Error("a damaged ZIP archive (entry " + shown(entry) + " runs into the central directory)");
    }
    m_entries.push_back(std::move(entry));
  }
  // Entries whose data overlap (several names for the same compressed bytes) are how the
  // non-recursive zip bombs reach their ratios; a real package never does it.
  std::vector<const ZipEntry *> by_offset;
  for (const auto &e : m_entries) {
    by_offset.push_back(&e);
  }
  std::sort(by_offset.begin(), by_offset.end(),
            [](const ZipEntry *a, const ZipEntry *b) { return a->local_header_offset < b->local_header_offset; });
  for (std::size_t i = 0; i + 1 < by_offset.size(); ++i) {
    const ZipEntry &e = *by_offset[i];
    if (e.data_offset + e.compressed_size > by_offset[i + 1]->local_header_offset) {
      throw Error("entries " + shown(e) + " and " + shown(*by_offset[i + 1]) +
                  " overlap in the ZIP archive: a zip bomb, not a document");
    }
  }
}

const ZipEntry *ZipArchive::find(std::string_view name) const {
  const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const ZipEntry &e) { return e.name == name; });
  return it == m_entries.end() ? nullptr : &*it;
}

// Hands `entry`'s uncompressed bytes to `sink` a chunk at a time, never more than its declared
// size, then checks the size and the CRC-32.
template <class Sink> void ZipArchive::inflate_entry(const ZipEntry &entry, Sink &&sink) const {
  if (entry.data_offset + entry.compressed_size > m_bytes.size()) {
    throw Error("a damaged ZIP archive (" + shown(entry) + " is cut off)");
  }
  const std::string_view compressed = m_bytes.substr(entry.data_offset, entry.compressed_size);
  uLong crc = crc32(0L, Z_NULL, 0);
  std::uint64_t produced = 0;
  if (entry.method == 0) {
    crc = crc32(crc, reinterpret_cast<const Bytef *>(compressed.data()), static_cast<uInt>(compressed.size()));
    sink(compressed);
    produced = compressed.size();
  } else {
    Inflater z;
    z.stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    z.stream.avail_in = static_cast<uInt>(compressed.size());
    std::array<unsigned char, 1 << 16> chunk{};
    for (int rc = Z_OK; rc != Z_STREAM_END;) {
      z.stream.next_out = chunk.data();
      z.stream.avail_out = static_cast<uInt>(chunk.size());
      rc = inflate(&z.stream, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END) {
        // Z_BUF_ERROR: no progress is possible, the data ends before the stream does.
        throw Error("a damaged ZIP archive (" + shown(entry) + " does not inflate)");
      }
      const std::size_t n = chunk.size() - z.stream.avail_out;
      if (produced + n > entry.uncompressed_size) {
        throw Error("entry " + shown(entry) + " inflates to more than its declared " + mib(entry.uncompressed_size));
      }
      crc = crc32(crc, chunk.data(), static_cast<uInt>(n));
      sink(std::string_view(reinterpret_cast<const char *>(chunk.data()), n));
      produced += n;
    }
  }
  if (produced != entry.uncompressed_size) {
    throw Error("a damaged ZIP archive (" + shown(entry) + " is shorter than declared)");
  }
  if (static_cast<std::uint32_t>(crc) != entry.crc32) {
    throw Error("a damaged ZIP archive (" + shown(entry) + " fails its CRC-32 check)");
  }
}

std::string ZipArchive::read(const ZipEntry &entry) const {
  std::string out;
  out.reserve(entry.uncompressed_size);
  inflate_entry(entry, [&](std::string_view chunk) { out += chunk; });
  return out;
}

void ZipArchive::verify(const ZipEntry &entry) const {
  inflate_entry(entry, [](std::string_view) {});
}

void check_zip(std::string_view bytes, const std::string &name, const ZipLimits &limits) {
  try {
    const ZipArchive zip(bytes, limits);
    for (const ZipEntry &entry : zip.entries()) {
      zip.verify(entry);
    }
  } catch (const Error &e) {
    throw Error(escape_control(name) + ": " + e.what());
  }
}

} // namespace notice
