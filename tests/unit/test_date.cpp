#include "notice/date.hpp"

#include <catch2/catch.hpp>

using notice::Date;
using notice::parse_date;

TEST_CASE("parse_date accepts exactly YYYY-MM-DD of a real day", "[date]") {
  CHECK(parse_date("2021-09-01") == Date{2021, 9, 1});
  CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
  CHECK(parse_date("2000-02-29") == Date{2000, 2, 29});
}

TEST_CASE("parse_date rejects days that do not exist and other forms", "[date]") {
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("1900-02-29"));
  CHECK_FALSE(parse_date("2021-04-31"));
  CHECK_FALSE(parse_date("2021-13-01"));
  CHECK_FALSE(parse_date("2021-00-10"));
  CHECK_FALSE(parse_date("2021-9-1"));
  CHECK_FALSE(parse_date("2021/09/01"));
  CHECK_FALSE(parse_date("2021-09-01T00:00"));
  CHECK_FALSE(parse_date(""));
  CHECK_FALSE(parse_date("２０２１-09-01"));
}

TEST_CASE("dates order and format", "[date]") {
  CHECK(Date{2021, 9, 1} < Date{2021, 10, 29});
  CHECK(Date{2021, 12, 31} < Date{2022, 1, 1});
  CHECK(notice::to_string(Date{2021, 9, 1}) == "2021-09-01");
}
