#include "notice_text.hpp"

#include "notice/coverage.hpp"
#include "notice/load.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace notice;

TEST_CASE("coverage finds model purposes in the notice's wording and lists the rest", "[coverage]") {
  const Notice n = *load_text("a.yaml", test::k_minimal).notice;
  const Coverage c = compute_coverage(at(n, Date{2022, 4, 1}));
  CHECK(c.source.find("別表2") != std::string::npos);
  const auto row = std::find_if(c.rows.begin(), c.rows.end(),
                                [](const CoverageRow &r) { return r.model_text == "保険給付及び付加給付の実施"; });
  REQUIRE(row != c.rows.end());
  CHECK(row->item_id == "benefit-payment");
  CHECK(row->score == Approx(1.0));
  const auto employer = std::find_if(c.rows.begin(), c.rows.end(),
                                     [](const CoverageRow &r) { return r.model_text == "健診結果の事業者への提供"; });
  REQUIRE(employer != c.rows.end());
  CHECK(employer->item_id == "collabo-health");
  const auto missing = std::find_if(c.rows.begin(), c.rows.end(),
                                    [](const CoverageRow &r) { return r.model_text == "医療機関への健診の委託"; });
  REQUIRE(missing != c.rows.end());
  CHECK(missing->item_id.empty());
  CHECK(c.outside.empty());
}

TEST_CASE("an item no model purpose matches is listed as outside the model", "[coverage]") {
  const Notice n = *load_text("a.yaml", test::replaced(test::k_minimal, "text: 保険給付及び付加給付の実施",
                                                       "text: 番号法に定める利用事務"))
                        .notice;
  const Coverage c = compute_coverage(at(n, Date{2021, 9, 1}));
  REQUIRE(c.outside.size() == 1);
  CHECK(c.outside[0].id == "benefit-payment");
  CHECK(c.outside_text[0] == "番号法に定める利用事務");
  std::ostringstream out;
  write_coverage(out, c, "a.yaml", Lang::en);
  CHECK(out.str().find("  + benefit-payment: 番号法に定める利用事務\n") != std::string::npos);
  CHECK(out.str().find("  ✗ 保険給付 / 内部 / 保険給付及び付加給付の実施\n") != std::string::npos);
}

TEST_CASE("coverage compares each kind with its own model list, and says when a kind has none", "[coverage][kinds]") {
  SECTION("a 国保組合 is compared with the 国保組合 table, not the 健保 one") {
    const Notice n = *load_text("a.yaml", test::replaced(test::k_minimal, "kind: kenpo", "kind: kokuho_kumiai")).notice;
    const Coverage c = compute_coverage(at(n, Date{2022, 4, 1}));
    CHECK(c.available);
    CHECK(c.source.find("国保組合の通常の業務で想定される") != std::string::npos);
    CHECK(std::any_of(c.rows.begin(), c.rows.end(), [](const CoverageRow &r) {
      return r.model_text == "第三者行為に係る国保団体連合会への求償事務委託";
    }));
    CHECK(std::none_of(c.rows.begin(), c.rows.end(),
                       [](const CoverageRow &r) { return r.model_text == "健保連の高額医療給付の共同事業"; }));
  }
  SECTION("a 共済組合 has no model list: nothing is compared and the report says why") {
    const Notice n = *load_text("a.yaml", test::replaced(test::k_minimal, "kind: kenpo", "kind: kyosai_local")).notice;
    const Coverage c = compute_coverage(at(n, Date{2022, 4, 1}));
    CHECK_FALSE(c.available);
    CHECK(c.rows.empty());
    std::ostringstream out;
    write_coverage(out, c, "a.yaml", Lang::en);
    CHECK(out.str().find("no model list of purposes for kind kyosai_local") != std::string::npos);
  }
}
