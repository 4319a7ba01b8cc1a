#include "notice/config.hpp"
#include "notice/error.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace notice;

TEST_CASE("a config sets the fail level, the format, rule severities and suppressions", "[config]") {
  const Config c = parse_config("notice-audit.toml", R"(
fail-on = "warning"
format = "sarif"

[rules]
unused-party = "off"
outward-sensitive-without-basis = "error"

[[suppress]]
rule = "unused-data"
path = "notice/acom-kenpo.yaml"
id = "mynumber"
reason = "番号法の情報連携でのみ使用"
)");
  CHECK(c.fail_on == "warning");
  CHECK(c.format == "sarif");
  CHECK(c.rules.severity.at("unused-party") == std::nullopt);
  CHECK(c.rules.severity.at("outward-sensitive-without-basis") == Severity::error);
  REQUIRE(c.rules.suppressions.size() == 1);
  CHECK(c.rules.suppressions[0].reason == "番号法の情報連携でのみ使用");
}

TEST_CASE("config errors name the file, line and column and say what is allowed", "[config]") {
  CHECK_THROWS_WITH(parse_config("n.toml", "fail-on = \"sometimes\"\n"),
                    "n.toml:1:11: `fail-on` must be one of error, warning, info, never");
  CHECK_THROWS_WITH(parse_config("n.toml", "\nfial-on = \"error\"\n"),
                    "n.toml:2:1: unknown key `fial-on`; known keys: fail-on, format, rules, suppress");
  CHECK_THROWS_WITH(parse_config("n.toml", "[rules]\nno-such-rule = \"off\"\n"),
                    "n.toml:2:1: unknown rule `no-such-rule`; `notice-audit rules` lists them");
  CHECK_THROWS_WITH(parse_config("n.toml", "[rules]\nyaml-syntax = \"off\"\n"),
                    "n.toml:2:1: rule `yaml-syntax` reports an unreadable file and cannot be configured");
  CHECK_THROWS_WITH(parse_config("n.toml", "[[suppress]]\nrule = \"unused-data\"\n"),
                    "n.toml:1:1: this [[suppress]] entry needs `reason = \"…\"`");
  CHECK_THROWS_WITH(parse_config("n.toml", "fail-on = \n"), Catch::StartsWith("n.toml:1:"));
}

TEST_CASE("find_config looks in the directory and its parents", "[config]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("notice-audit-test-config-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "a" / "b");
  std::ofstream(root / "notice-audit.toml") << "format = \"json\"\n";
  CHECK(fs::weakly_canonical(*find_config(root / "a" / "b")) == root / "notice-audit.toml");
  std::ofstream(root / "a" / "notice-audit.toml") << "\n";
  CHECK(fs::weakly_canonical(*find_config(root / "a" / "b")) == root / "a" / "notice-audit.toml");
  fs::remove_all(root);
}
