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
  fs::permissions(root, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  std::ofstream(root / "notice-audit.toml") << "format = \"json\"\n";
  CHECK(fs::weakly_canonical(*find_config(root / "a" / "b")) == root / "notice-audit.toml");
  std::ofstream(root / "a" / "notice-audit.toml") << "\n";
  CHECK(fs::weakly_canonical(*find_config(root / "a" / "b")) == root / "a" / "notice-audit.toml");
  fs::remove_all(root);
}

namespace {

namespace fs = std::filesystem;

struct Tree {
  fs::path root = fs::temp_directory_path() / ("notice-audit-test-config-tree-" + std::to_string(::getpid()));
  Tree() {
    fs::remove_all(root);
    fs::create_directories(root);
    // /tmp itself is world-writable; the tree under it is the user's own.
    fs::permissions(root, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  }
  ~Tree() { fs::remove_all(root); }
  void file(const fs::path &relative, const std::string &text) const {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative) << text;
  }
};

} // namespace

TEST_CASE("the search stops at the repository root", "[config]") {
  Tree t;
  t.file("notice-audit.toml", "format = \"json\"\n"); // outside the repository
  t.file("repo/.git/HEAD", "ref: refs/heads/main\n");
  t.file("repo/notice/a.yaml", "");
  CHECK_FALSE(find_config(t.root / "repo" / "notice"));
  t.file("repo/notice-audit.toml", "\n");
  CHECK(fs::weakly_canonical(*find_config(t.root / "repo" / "notice")) == t.root / "repo" / "notice-audit.toml");
}

TEST_CASE("the search never enters a directory anyone may write to", "[config]") {
  Tree t;
  t.file("shared/notice-audit.toml", "[rules]\nunused-party = \"off\"\n");
  t.file("shared/team/notice/a.yaml", "");
  fs::permissions(t.root / "shared", fs::perms::all);
  CHECK_FALSE(find_config(t.root / "shared" / "team" / "notice"));
  fs::permissions(t.root / "shared", fs::perms::owner_all);
  CHECK(find_config(t.root / "shared" / "team" / "notice"));
}

TEST_CASE("each notice gets the configuration nearest to it, not the one of the working directory", "[config]") {
  Tree t;
  t.file("a/notice-audit.toml", "format = \"json\"\n");
  t.file("a/notice/n.yaml", "");
  t.file("b/notice/n.yaml", "");
  t.file("c/.git", "gitdir: elsewhere\n"); // a worktree's .git is a file
  t.file("c/n.yaml", "");
  ConfigFinder finder("", false);
  const Config &a = finder.for_notice((t.root / "a" / "notice" / "n.yaml").string());
  CHECK(fs::weakly_canonical(a.path) == t.root / "a" / "notice-audit.toml");
  CHECK(a.format == "json");
  CHECK(finder.for_notice((t.root / "b" / "notice" / "n.yaml").string()).path.empty());
  CHECK(finder.for_notice((t.root / "c" / "n.yaml").string()).path.empty());
  CHECK(ConfigFinder("", true).for_notice((t.root / "a" / "notice" / "n.yaml").string()).path.empty());
  const std::string explicit_path = (t.root / "a" / "notice-audit.toml").string();
  CHECK(ConfigFinder(explicit_path, false).for_notice((t.root / "b" / "notice" / "n.yaml").string()).path ==
        explicit_path);
}

TEST_CASE("a configuration file larger than 1 MiB is refused before it is read", "[config]") {
  Tree t;
  t.file("notice-audit.toml", "# " + std::string(1u << 20, 'x') + "\n");
  const std::string path = (t.root / "notice-audit.toml").string();
  CHECK_THROWS_WITH(load_config(path), path + ": larger than 1024 KiB; a configuration file is a few lines: is "
                                              "this the right file?");
}
