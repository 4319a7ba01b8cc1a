// The one ZIP reader: DOCX packages read by check-published and --reference-doc files checked
// before Pandoc unpacks them. Zip bombs are refused before anything is inflated: the central
// directory's entry count, declared sizes and ratios are checked up front, entries may not overlap,
// and inflating stops at the declared size. Only what a DOCX needs: stored and deflated entries, no
// ZIP64, no encryption.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

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

/// What ZipArchive accepts; every limit is checked on the central directory, before inflating.
/// The defaults are those of a DOCX read as a published notice (ReadLimits sets them).
struct ZipLimits {
  std::size_t max_entries = 10'000;                        ///< entries in the central directory
  std::uint64_t max_entry_bytes = std::uint64_t{64} << 20; ///< declared uncompressed size, any one entry
  std::uint64_t max_total_bytes = std::uint64_t{1} << 30;  ///< declared uncompressed size, all entries
  std::uint64_t max_ratio = 100;                           ///< uncompressed : compressed, above ratio_floor
  std::uint64_t ratio_floor = std::uint64_t{1} << 20;      ///< small entries may compress better
};

/// The limits of a `--reference-doc`: a real one (Word's or Pandoc's) has ~20 members and a few
/// hundred KB unpacked.
constexpr ZipLimits k_reference_doc_limits{1000, std::uint64_t{32} << 20, std::uint64_t{64} << 20, 200,
                                           std::uint64_t{1} << 20};

/// A ZIP archive held in memory. The constructor reads and checks the whole central directory;
/// read() and verify() inflate one entry. Both throw notice::Error with a message that does not name
/// the archive (the caller knows it), entry names escaped: "not a ZIP archive", "entry
/// word/document.xml would inflate … a zip bomb, not a document".
class ZipArchive {
public:
  /// Parses the central directory of `bytes`, which must outlive the archive, and checks every
  /// entry against `limits` (count, declared sizes, total, ratio, overlap, encryption, method)
  /// before anything is inflated.
  ZipArchive(std::string_view bytes, const ZipLimits &limits);

  const std::vector<ZipEntry> &entries() const { return m_entries; }

  /// The entry called `name`, or nullptr.
  const ZipEntry *find(std::string_view name) const;

  /// The uncompressed bytes of `entry`, inflated no further than its declared size, with the size
  /// and CRC-32 checked. Throws notice::Error for damaged data or a header that lies.
  std::string read(const ZipEntry &entry) const;

  /// The checks of read() without keeping the bytes: inflates `entry` a chunk at a time.
  void verify(const ZipEntry &entry) const;

private:
  template <class Sink> void inflate_entry(const ZipEntry &entry, Sink &&sink) const;

  std::string_view m_bytes;
  std::vector<ZipEntry> m_entries;
};

/// Refuses, by throwing notice::Error whose message starts with `name` (escaped), a ZIP archive
/// that a helper program should never unpack: ZipArchive's checks under `limits`, then every entry
/// inflated (a chunk at a time, never past its declared size) and its size and CRC-32 checked.
void check_zip(std::string_view bytes, const std::string &name, const ZipLimits &limits = k_reference_doc_limits);

} // namespace notice
