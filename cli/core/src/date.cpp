#include "notice/date.hpp"

#include <chrono>
#include <cstdio>

namespace notice {

namespace {
int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}
} // namespace

bool is_real_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  return day <= days_in_month(year, month);
}

Date next_day(Date date) {
  if (date.day < days_in_month(date.year, date.month)) {
    return {date.year, date.month, date.day + 1};
  }
  if (date.month < 12) {
    return {date.year, date.month + 1, 1};
  }
  return {date.year + 1, 1, 1};
}

Date previous_day(Date date) {
  if (date.day > 1) {
    return {date.year, date.month, date.day - 1};
  }
  if (date.month > 1) {
    return {date.year, date.month - 1, days_in_month(date.year, date.month - 1)};
  }
  return {date.year - 1, 12, 31};
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[static_cast<std::size_t>(starts[p] + i)];
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (!is_real_date(parts[0], parts[1], parts[2])) {
    return std::nullopt;
  }
  return Date{parts[0], parts[1], parts[2]};
}

std::string to_string(Date date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

Date today_in_japan() {
  using namespace std::chrono;
  const auto japan = floor<days>(system_clock::now() + hours(9));
  const year_month_day ymd{japan};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

} // namespace notice
