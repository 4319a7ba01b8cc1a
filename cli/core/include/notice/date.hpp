// Calendar dates as the notice uses them: effective dates of revisions and of legal facts.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace notice {

/// A proleptic Gregorian calendar date. Always a real date when made by parse_date().
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date &) const = default;
};

/// True when `year`-`month`-`day` exists in the Gregorian calendar (2023-02-29 does not).
bool is_real_date(int year, int month, int day);

/// Parses exactly `YYYY-MM-DD`; std::nullopt for any other form or for a date that does not exist.
std::optional<Date> parse_date(std::string_view text);

/// Formats as `YYYY-MM-DD`.
std::string to_string(Date date);

/// The day after `date` (a real date).
Date next_day(Date date);

/// The day before `date` (a real date).
Date previous_day(Date date);

/// Today's date in Japan (UTC+9, no daylight saving), from the system clock: the day on which
/// Japanese law is in force, whatever the machine's time zone.
Date today_in_japan();

} // namespace notice
