// A ZIP reader for DOCX packages that refuses zip bombs before extracting anything: the central
// directory's declared sizes and ratios are checked up front, entries may not overlap, and
// inflating stops at the declared size. Only what a DOCX needs: stored and deflated entries, no
// ZIP64, no encryption.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace notice::import {

/// One entry of the central directory.
struct ZipEntry {
  std::string name;
  std::uint16_t flags = 0;
  std::uint16_t method = 0; ///< 0 stored, 8 deflated
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint64_t local_header_offset = 0;
  std::uint64_t data_offset = 0; ///< where the compressed bytes start, after the local header
};

/// What ZipArchive accepts.
struct ZipLimits {
  std::size_t max_entries = 10'000;        ///< entries in the central directory
  std::size_t max_total_bytes = 1u << 30;  ///< declared uncompressed size of all entries together
  std::size_t max_entry_bytes = 64u << 20; ///< uncompressed size of an entry that is read
  std::size_t max_ratio = 100;             ///< uncompressed/compressed, for entries above ratio_floor
  std::size_t ratio_floor = 1u << 20;      ///< small entries may compress better than max_ratio
};

/// A ZIP archive held in memory. The constructor reads and checks the whole central directory;
/// read() extracts one entry. Both throw notice::Error with a message that does not name the file
/// (the caller knows it): "not a ZIP archive", "entry word/document.xml declares 2 GiB …".
class ZipArchive {
public:
  /// Parses the central directory of `bytes`, which must outlive the archive, and checks every
  /// entry against `limits` (sizes, ratio, overlap, encryption, method) before anything is inflated.
  ZipArchive(std::string_view bytes, const ZipLimits &limits);

  const std::vector<ZipEntry> &entries() const { return m_entries; }

  /// The entry called `name`, or nullptr.
  const ZipEntry *find(std::string_view name) const;

  /// The uncompressed bytes of `entry`, inflated no further than its declared size, with the
  /// CRC-32 checked. Throws notice::Error for an entry above max_entry_bytes or damaged data.
  std::string read(const ZipEntry &entry) const;

private:
  std::string_view m_bytes;
  ZipLimits m_limits;
  std::vector<ZipEntry> m_entries;
};

} // namespace notice::import
