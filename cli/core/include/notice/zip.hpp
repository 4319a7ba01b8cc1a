// Checking a ZIP archive (a DOCX reference document) before a helper program unpacks it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace notice {

/// What a reference document may hold. A real one (Word's or pandoc's) has ~20 members and a few
/// hundred KB unpacked.
struct ZipLimits {
  std::size_t max_members = 1000;
  std::uint64_t max_member_bytes = std::uint64_t{32} << 20; ///< unpacked, one member
  std::uint64_t max_total_bytes = std::uint64_t{64} << 20;  ///< unpacked, all members
  std::uint64_t max_ratio = 200;                            ///< unpacked : packed, members over 1 MiB
};

/// Reads the central directory of the ZIP archive `bytes` (called `name` in messages) and refuses,
/// by throwing notice::Error, what a helper should never unpack: no archive, ZIP64, encryption,
/// methods other than stored and deflate, more members or more declared bytes than `limits`, a
/// compression ratio past `limits.max_ratio`, and members whose data inflates to more than their
/// declared size (a header that lies). Inflating stops at the declared size, so the check itself
/// never unpacks more than `limits.max_total_bytes`.
void check_zip(std::string_view bytes, const std::string &name, const ZipLimits &limits = {});

} // namespace notice
