// Helpers shared by the diff's parts: code points of UTF-8 text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace notice::detail {

/// The code points of `text`; bytes that are not UTF-8 count as one code point each.
std::u32string code_points(std::string_view text);

/// `cps` encoded as UTF-8.
std::string to_utf8(std::u32string_view cps);

/// The code point bigrams of `text`, sorted, repeats kept (a multiset); a one-character text gives
/// its character alone.
std::vector<std::uint64_t> bigrams(std::string_view text);

/// The size of the multiset intersection of two sorted bigram lists.
std::size_t shared_count(const std::vector<std::uint64_t> &x, const std::vector<std::uint64_t> &y);

} // namespace notice::detail
