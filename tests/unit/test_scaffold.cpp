#include "notice/error.hpp"
#include "notice/kinds.hpp"
#include "notice/load.hpp"
#include "notice/rules.hpp"
#include "notice/scaffold.hpp"
#include "notice/schema.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

// Each kind scaffolds its own words (schemas/kinds.yaml), and the result is clean on its effective date and
// today — before and after the paper cards stopped (2024-12-02), which the scaffolds must not list.
TEST_CASE("init --kind scaffolds a clean notice in each kind's words", "[scaffold][kinds]") {
  const std::pair<const char *, std::vector<std::string>> kinds[] = {
      {"kenpo", {"【健保組合等の内部での利用に係る事例】", "健康保険組合連合会"}},
      {"kokuho_kumiai", {"［国保組合の内部での利用に係る事例］", "国民健康保険団体連合会", "国民健康保険法"}},
      {"kyosai_national", {"組合員資格関係", "短期給付関係", "国家公務員共済組合法", "掛金"}},
      {"kyosai_local", {"組合員資格関係", "地方公務員等共済組合法"}},
      {"kyosai", {"組合員資格関係", "関係法令"}},
  };
  for (const auto &[kind, words] : kinds) {
    for (const Date effective : {Date{2023, 4, 1}, Date{2026, 4, 1}}) {
      INFO(kind << " effective " << to_string(effective));
      ScaffoldOptions options;
      options.insurer = "テスト組合";
      options.kind = kind;
      options.effective = effective;
      const auto files = scaffold(options);
      for (const auto &word : words) {
        CHECK(files[0].content.find(word) != std::string::npos);
      }
      const LoadResult loaded = load_text(files[0].path, files[0].content);
      REQUIRE(loaded.diagnostics.empty());
      REQUIRE(loaded.notice);
      CHECK(loaded.notice->insurer.kind == kind);
      RuleOptions rules;
      rules.as_of = Date{2026, 12, 1};
      CHECK(check_notice(*loaded.notice, rules).empty());
    }
  }
}

TEST_CASE("init --kind refuses a kind it has no scaffold for and names those it has", "[scaffold][kinds]") {
  ScaffoldOptions options;
  options.insurer = "テスト組合";
  options.effective = Date{2025, 4, 1};
  options.kind = "other";
  CHECK_THROWS_WITH(scaffold(options), Catch::Contains("kokuho_kumiai (国民健康保険組合)"));
  options.kind = "kenpoo";
  CHECK_THROWS_WITH(scaffold(options), Catch::Contains("--kind kenpoo"));
}

TEST_CASE("schemas/kinds.yaml describes exactly the kinds the notice schema allows", "[kinds]") {
  const auto schema = nlohmann::json::parse(notice_schema_json());
  std::vector<std::string> allowed = schema["properties"]["insurer"]["properties"]["kind"]["enum"];
  std::vector<std::string> described;
  for (const InsurerKind &k : insurer_kinds()) {
    described.push_back(k.id);
    CHECK_FALSE(k.name_ja.empty());
    CHECK((k.model_file.empty() ? !k.model_missing.empty() : builtin_model_list(k.model_file).has_value()));
  }
  CHECK(described == allowed);
}
