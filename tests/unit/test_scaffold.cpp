#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/rules.hpp"
#include "notice/scaffold.hpp"
#include "notice/schema.hpp"

#include <catch2/catch.hpp>

using namespace notice;

TEST_CASE("the scaffolded notice is valid, clean and names the society", "[scaffold]") {
  ScaffoldOptions options;
  options.insurer = "テスト\"健康\\保険組合";
  options.effective = Date{2025, 4, 1};
  const auto files = scaffold(options);
  REQUIRE(files.size() == 3);
  CHECK(files[0].path == "notice/notice.yaml");
  CHECK(files[1].content == notice_schema_json());
  const LoadResult loaded = load_text(files[0].path, files[0].content);
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.notice);
  CHECK(loaded.notice->insurer.name.value == "テスト\"健康\\保険組合");
  CHECK(loaded.notice->revisions.at(0).wording.value == "令和７年４月１日施行");
  CHECK(check_notice(*loaded.notice, {}).empty());
}

TEST_CASE("the scaffold refuses names it cannot write safely", "[scaffold]") {
  ScaffoldOptions options;
  options.effective = Date{2025, 4, 1};
  CHECK_THROWS_AS(scaffold(options), Error);
  options.insurer = "二行の\n名前";
  CHECK_THROWS_WITH(scaffold(options), Catch::Contains("one line"));
}
