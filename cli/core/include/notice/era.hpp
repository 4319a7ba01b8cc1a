// Japanese era (和暦) dates as notices print them: 令和３年９月１日, 令和元年５月１日.
#pragma once

#include "notice/date.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace notice {

/// How the digits of a Japanese date are written.
enum class DigitWidth {
  full, ///< full-width digits (令和３年１０月２９日), the usual printed form
  half, ///< ASCII digits (令和3年10月29日)
};

/// The era in force on `date` and the year within it (1 for the first year), e.g. {"令和", 3}.
struct EraYear {
  std::string_view era;
  int year = 0;
};

/// The first day the Gregorian calendar and a named era applied in Japan: 明治６年１月１日 (1873-01-01).
inline constexpr Date k_first_era_date{1873, 1, 1};

/// The era and era year of `date`: 明治 until 1912-07-29, 大正 from 1912-07-30, 昭和 from 1926-12-25,
/// 平成 from 1989-01-08, 令和 from 2019-05-01. std::nullopt before k_first_era_date.
std::optional<EraYear> era_year(Date date);

/// `date` written as 令和３年９月１日: era, year (元 for the first year), month and day without leading
/// zeros, in `digits`. std::nullopt before k_first_era_date.
std::optional<std::string> to_japanese_date(Date date, DigitWidth digits = DigitWidth::full);

/// A Japanese date found in a text, with the byte range it occupies.
struct JapaneseDateMatch {
  Date date;
  std::size_t begin = 0; ///< byte offset of the era name
  std::size_t end = 0;   ///< byte offset just past 日
};

/// The first Japanese date in `text` (令和３年１０月２９日, 令和3年10月29日, 令和元年５月１日; digits of either
/// width, no spaces inside). A candidate that names a day outside its era (平成31年5月1日, 令和元年4月30日) or
/// a day that does not exist (令和３年２月３０日) is skipped. std::nullopt when there is none.
std::optional<JapaneseDateMatch> find_japanese_date(std::string_view text);

/// Parses `text` that is exactly one Japanese date in the forms find_japanese_date() accepts;
/// std::nullopt otherwise.
std::optional<Date> parse_japanese_date(std::string_view text);

/// The closing line printed for a revision when its `wording` is absent: 令和３年９月１日施行 for the
/// first revision, 令和３年１０月２９日から改正施行する。 for later ones (full-width digits). Dates before
/// k_first_era_date fall back to YYYY-MM-DD.
std::string default_revision_wording(Date effective, bool first);

} // namespace notice
