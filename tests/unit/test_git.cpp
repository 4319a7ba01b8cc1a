#include "notice/error.hpp"
#include "notice/git.hpp"
#include "notice/process.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace notice;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temporary directory, removed at the end of the test.
class TempDir {
public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "notice-audit-git-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const fs::path &path() const { return m_path; }

private:
  fs::path m_path;
};

void git(const fs::path &repo, std::vector<std::string> args) {
  std::vector<std::string> argv{
      "git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.working_directory = repo.string();
  const ProcessResult r = run_process(argv, options);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

void write(const fs::path &path, const std::string &text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

} // namespace

TEST_CASE("git_show_file reads a file as committed at a revision", "[git]") {
  TempDir dir;
  const fs::path repo = dir.path();
  git(repo, {"init", "-q"});
  const fs::path file = repo / "notice" / "a.yaml";
  write(file, "first\n");
  git(repo, {"add", "."});
  git(repo, {"commit", "-q", "-m", "first"});
  git(repo, {"tag", "v1"});
  write(file, "second\n");
  git(repo, {"commit", "-q", "-am", "second"});
  write(file, "working tree\n");

  CHECK(git_show_file("v1", file.string()) == "first\n");
  CHECK(git_show_file("HEAD", file.string()) == "second\n");
  CHECK(git_show_file("HEAD~1", file.string()) == "first\n");

  CHECK_THROWS_WITH(git_show_file("no-such-branch", file.string()),
                    Catch::Contains("--git no-such-branch: no such revision in the repository of"));
  const fs::path later = repo / "notice" / "b.yaml";
  write(later, "new\n");
  CHECK_THROWS_WITH(git_show_file("v1", later.string()),
                    Catch::Contains("b.yaml: did not exist at v1 (as notice/b.yaml in the repository)"));
  CHECK_THROWS_WITH(git_show_file("--output=x", file.string()), "--git --output=x: not a revision name");
}

TEST_CASE("git_show_file outside a work tree says so", "[git]") {
  TempDir dir;
  const fs::path file = dir.path() / "a.yaml";
  write(file, "x\n");
  CHECK_THROWS_WITH(git_show_file("HEAD", file.string()), Catch::Contains("a.yaml: not inside a git work tree"));
}
