#include "notice/era.hpp"

#include <array>

namespace notice {
namespace {

struct Era {
  std::string_view name;
  Date start;
};

// Newest first, so the first era whose start is not after a date is the one in force.
constexpr std::array<Era, 5> k_eras{{
    {"令和", {2019, 5, 1}},
    {"平成", {1989, 1, 8}},
    {"昭和", {1926, 12, 25}},
    {"大正", {1912, 7, 30}},
    {"明治", {1868, 1, 25}},
}};

constexpr std::string_view k_full_digits[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};

std::string digits(int value, DigitWidth width) {
  const std::string ascii = std::to_string(value);
  if (width == DigitWidth::half) {
    return ascii;
  }
  std::string out;
  for (const char c : ascii) {
    out += k_full_digits[c - '0'];
  }
  return out;
}

// Reads one digit of either width at `pos`; returns its value and advances `pos`, or -1.
int read_digit(std::string_view text, std::size_t &pos) {
  if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    return text[pos++] - '0';
  }
  for (int d = 0; d < 10; ++d) {
    if (text.substr(pos).starts_with(k_full_digits[d])) {
      pos += k_full_digits[d].size();
      return d;
    }
  }
  return -1;
}

// Reads a number of one to four digits, or 元 when `allow_gan` (the first year of an era).
std::optional<int> read_number(std::string_view text, std::size_t &pos, bool allow_gan) {
  if (allow_gan && text.substr(pos).starts_with("元")) {
    pos += std::string_view("元").size();
    return 1;
  }
  int value = 0;
  int count = 0;
  for (int d = read_digit(text, pos); d >= 0; d = read_digit(text, pos)) {
    value = value * 10 + d;
    if (++count > 4) {
      return std::nullopt;
    }
  }
  if (count == 0 || value == 0) {
    return std::nullopt;
  }
  return value;
}

bool consume(std::string_view text, std::size_t &pos, std::string_view word) {
  if (text.substr(pos).starts_with(word)) {
    pos += word.size();
    return true;
  }
  return false;
}

// Parses a date that starts at `pos` with an era name; std::nullopt when it is not a valid one.
std::optional<Date> parse_at(std::string_view text, std::size_t begin, std::size_t &end) {
  for (std::size_t i = 0; i < k_eras.size(); ++i) {
    const Era &era = k_eras[i];
    std::size_t pos = begin;
    if (!consume(text, pos, era.name)) {
      continue;
    }
    const auto year = read_number(text, pos, true);
    if (!year || !consume(text, pos, "年")) {
      return std::nullopt;
    }
    const auto month = read_number(text, pos, false);
    if (!month || !consume(text, pos, "月")) {
      return std::nullopt;
    }
    const auto day = read_number(text, pos, false);
    if (!day || !consume(text, pos, "日")) {
      return std::nullopt;
    }
    const Date date{era.start.year + *year - 1, *month, *day};
    if (!is_real_date(date.year, date.month, date.day) || date < era.start || date < k_first_era_date) {
      return std::nullopt;
    }
    // A date on or after the next era's start was written in the wrong era (平成31年5月1日).
    if (i > 0 && !(date < k_eras[i - 1].start)) {
      return std::nullopt;
    }
    end = pos;
    return date;
  }
  return std::nullopt;
}

} // namespace

std::optional<EraYear> era_year(Date date) {
  if (date < k_first_era_date) {
    return std::nullopt;
  }
  for (const Era &era : k_eras) {
    if (!(date < era.start)) {
      return EraYear{era.name, date.year - era.start.year + 1};
    }
  }
  return std::nullopt;
}

std::optional<std::string> to_japanese_date(Date date, DigitWidth width) {
  const auto era = era_year(date);
  if (!era) {
    return std::nullopt;
  }
  std::string out(era->era);
  out += era->year == 1 ? std::string("元") : digits(era->year, width);
  out += "年" + digits(date.month, width) + "月" + digits(date.day, width) + "日";
  return out;
}

std::optional<JapaneseDateMatch> find_japanese_date(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    std::size_t end = 0;
    if (const auto date = parse_at(text, pos, end)) {
      return JapaneseDateMatch{*date, pos, end};
    }
  }
  return std::nullopt;
}

std::optional<Date> parse_japanese_date(std::string_view text) {
  std::size_t end = 0;
  const auto date = parse_at(text, 0, end);
  if (!date || end != text.size()) {
    return std::nullopt;
  }
  return date;
}

std::string default_revision_wording(Date effective, bool first) {
  const std::string date = to_japanese_date(effective).value_or(to_string(effective));
  return first ? date + "施行" : date + "から改正施行する。";
}

} // namespace notice
