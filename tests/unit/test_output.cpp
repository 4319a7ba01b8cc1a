#include "notice/error.hpp"
#include "notice/output.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace notice;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("notice-audit-test-output-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

} // namespace

TEST_CASE("write_file_atomically replaces the target and leaves no temporary file", "[output]") {
  TempDir dir;
  const auto target = (dir.path / "report.sarif").string();
  write_file_atomically(target, "first");
  write_file_atomically(target, "second");
  CHECK(slurp(target) == "second");
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("write_file_atomically refuses to overwrite an input, however it is spelled", "[output]") {
  TempDir dir;
  const auto input = dir.path / "notice.yaml";
  std::ofstream(input) << "schema: 1\n";
  const auto other_spelling = (dir.path / "." / "notice.yaml").string();
  CHECK_THROWS_WITH(write_file_atomically(other_spelling, "x", {input.string()}),
                    Catch::Contains("refusing to overwrite the input file"));
  CHECK(slurp(input) == "schema: 1\n");
  CHECK_THROWS_WITH(write_file_atomically(dir.path.string(), "x"), Catch::Contains("is a directory"));
  CHECK_THROWS_WITH(write_file_atomically((dir.path / "no-dir" / "x").string(), "x"),
                    Catch::Contains("cannot create a temporary file"));
}

TEST_CASE("collect_notice_files expands directories to sorted *.yaml and *.yml, skipping hidden ones", "[output]") {
  TempDir dir;
  fs::create_directories(dir.path / "sub");
  fs::create_directories(dir.path / ".git");
  for (const char *name : {"b.yaml", "a.yml", "sub/c.yaml", ".git/d.yaml", "readme.md"}) {
    std::ofstream(dir.path / name) << "x";
  }
  const auto files = collect_notice_files({dir.path.string()});
  REQUIRE(files.size() == 3);
  CHECK(fs::path(files[0]).filename() == "a.yml");
  CHECK(fs::path(files[1]).filename() == "b.yaml");
  CHECK(fs::path(files[2]).filename() == "c.yaml");
  CHECK_THROWS_WITH(collect_notice_files({(dir.path / "missing").string()}), Catch::Contains("no such file"));
  fs::create_directories(dir.path / "empty");
  CHECK_THROWS_WITH(collect_notice_files({(dir.path / "empty").string()}), Catch::Contains("no notice files"));
}

TEST_CASE("write_file_atomically streams a large content, and a failing producer leaves the target alone", "[output]") {
  TempDir dir;
  const auto target = (dir.path / "report.json").string();
  write_file_atomically(target, [](std::ostream &out) {
    for (int i = 0; i < 100'000; ++i) {
      out << "line " << i << '\n';
    }
  });
  CHECK(slurp(target).size() == 1'088'890);
  CHECK_THROWS_WITH(write_file_atomically(target,
                                          [](std::ostream &out) {
                                            out << "half a report";
                                            throw Error("a file could not be read");
                                          }),
                    "a file could not be read");
  CHECK(slurp(target).substr(0, 7) == "line 0\n");
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}
