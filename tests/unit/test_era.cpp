#include "notice/era.hpp"

#include <catch2/catch.hpp>

using namespace notice;

TEST_CASE("to_japanese_date writes the era, 元年 and digits of the chosen width") {
  CHECK(to_japanese_date({2021, 9, 1}) == "令和３年９月１日");
  CHECK(to_japanese_date({2021, 10, 29}) == "令和３年１０月２９日");
  CHECK(to_japanese_date({2021, 10, 29}, DigitWidth::half) == "令和3年10月29日");
  SECTION("the switch from 平成 to 令和 on 2019-05-01") {
    CHECK(to_japanese_date({2019, 4, 30}) == "平成３１年４月３０日");
    CHECK(to_japanese_date({2019, 5, 1}) == "令和元年５月１日");
    CHECK(to_japanese_date({2019, 5, 1}, DigitWidth::half) == "令和元年5月1日");
    CHECK(to_japanese_date({2020, 1, 1}) == "令和２年１月１日");
  }
  SECTION("older eras") {
    CHECK(to_japanese_date({1989, 1, 7}) == "昭和６４年１月７日");
    CHECK(to_japanese_date({1989, 1, 8}) == "平成元年１月８日");
    CHECK(to_japanese_date({2016, 10, 1}, DigitWidth::half) == "平成28年10月1日");
    CHECK(to_japanese_date({1926, 12, 25}) == "昭和元年１２月２５日");
    CHECK(to_japanese_date({1912, 7, 30}) == "大正元年７月３０日");
    CHECK(to_japanese_date({1873, 1, 1}) == "明治６年１月１日");
  }
  SECTION("before the Gregorian calendar there is no answer") {
    CHECK_FALSE(to_japanese_date({1872, 12, 31}));
    CHECK_FALSE(era_year({1800, 1, 1}));
  }
}

TEST_CASE("parse_japanese_date reads both digit widths and 元年, and rejects impossible dates") {
  CHECK(parse_japanese_date("令和３年９月１日") == Date{2021, 9, 1});
  CHECK(parse_japanese_date("令和3年10月29日") == Date{2021, 10, 29});
  CHECK(parse_japanese_date("令和３年1０月２9日") == Date{2021, 10, 29});
  CHECK(parse_japanese_date("令和元年５月１日") == Date{2019, 5, 1});
  CHECK(parse_japanese_date("令和1年5月1日") == Date{2019, 5, 1});
  CHECK(parse_japanese_date("平成31年4月30日") == Date{2019, 4, 30});
  CHECK(parse_japanese_date("平成元年1月8日") == Date{1989, 1, 8});
  CHECK_FALSE(parse_japanese_date("平成31年5月1日"));     // already 令和
  CHECK_FALSE(parse_japanese_date("令和元年4月30日"));    // still 平成
  CHECK_FALSE(parse_japanese_date("令和３年２月３０日")); // no such day
  CHECK_FALSE(parse_japanese_date("令和０年５月１日"));
  CHECK_FALSE(parse_japanese_date("令和３年９月１日施行")); // trailing text
  CHECK_FALSE(parse_japanese_date("2021-09-01"));
  CHECK_FALSE(parse_japanese_date(""));
}

TEST_CASE("round trip through both digit widths for every day of 2019 and 1989") {
  for (const int year : {1989, 2019}) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= 31; ++day) {
        if (!is_real_date(year, month, day)) {
          continue;
        }
        const Date date{year, month, day};
        for (const auto width : {DigitWidth::full, DigitWidth::half}) {
          const auto text = to_japanese_date(date, width);
          REQUIRE(text);
          INFO(*text);
          CHECK(parse_japanese_date(*text) == date);
        }
      }
    }
  }
}

TEST_CASE("find_japanese_date locates the date inside a closing line") {
  const std::string line = "令和３年１０月２９日から改正施行する。";
  const auto found = find_japanese_date(line);
  REQUIRE(found);
  CHECK(found->date == Date{2021, 10, 29});
  CHECK(found->begin == 0);
  CHECK(line.substr(found->end) == "から改正施行する。");

  const std::string later = "本公表は平成28年10月1日から施行";
  const auto inner = find_japanese_date(later);
  REQUIRE(inner);
  CHECK(inner->date == Date{2016, 10, 1});
  CHECK(later.substr(inner->begin, inner->end - inner->begin) == "平成28年10月1日");

  CHECK_FALSE(find_japanese_date("平成28年10月"));
  CHECK_FALSE(find_japanese_date("施行日未定"));
}

TEST_CASE("default_revision_wording follows the seed's closing lines") {
  CHECK(default_revision_wording({2021, 9, 1}, true) == "令和３年９月１日施行");
  CHECK(default_revision_wording({2021, 10, 29}, false) == "令和３年１０月２９日から改正施行する。");
  CHECK(default_revision_wording({1800, 1, 2}, true) == "1800-01-02施行");
}
