#include "notice/error.hpp"
#include "notice/output.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

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
                    Catch::Contains("no-dir does not exist"));
}

TEST_CASE("write_file_atomically keeps the permissions of the file it replaces", "[output]") {
  TempDir dir;
  const auto target = dir.path / "report.txt";
  std::ofstream(target) << "old";
  ::chmod(target.c_str(), 0640);
  write_file_atomically(target.string(), "new");
  struct stat st {};
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(slurp(target) == "new");
}

TEST_CASE("a symbolic link is followed: its target is replaced, the link stays", "[output]") {
  TempDir dir;
  fs::create_directories(dir.path / "real");
  std::ofstream(dir.path / "real" / "notice.md") << "old";
  fs::create_symlink("real/notice.md", dir.path / "link.md");
  write_file_atomically((dir.path / "link.md").string(), "new");
  CHECK(fs::is_symlink(dir.path / "link.md"));
  CHECK(slurp(dir.path / "real" / "notice.md") == "new");
  // The temporary file was made beside the target, and is gone.
  CHECK(std::distance(fs::directory_iterator(dir.path / "real"), fs::directory_iterator()) == 1);
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);
}

TEST_CASE("a dangling symbolic link is refused and nothing is created", "[output]") {
  TempDir dir;
  fs::create_symlink("elsewhere/out.md", dir.path / "link.md");
  CHECK_THROWS_WITH(
      write_file_atomically((dir.path / "link.md").string(), "x"),
      Catch::Contains("which does not exist; notice-audit does not create files through a dangling link"));
  CHECK(fs::is_symlink(dir.path / "link.md"));
  CHECK_FALSE(fs::exists(dir.path / "elsewhere"));
  CHECK(entry_exists((dir.path / "link.md").string()));
  CHECK_FALSE(entry_exists((dir.path / "nothing").string()));
}

TEST_CASE("a link to an input is refused like the input itself", "[output]") {
  TempDir dir;
  std::ofstream(dir.path / "notice.yaml") << "schema: 1\n";
  fs::create_symlink("notice.yaml", dir.path / "out.yaml");
  CHECK_THROWS_WITH(check_output_path((dir.path / "out.yaml").string(), {(dir.path / "notice.yaml").string()}),
                    Catch::Contains("refusing to overwrite the input file"));
  CHECK(slurp(dir.path / "notice.yaml") == "schema: 1\n");
}

TEST_CASE("a FIFO is written in place, not replaced by a file", "[output]") {
  TempDir dir;
  const auto fifo = dir.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] {
    std::ifstream in(fifo, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    received = text.str();
  });
  write_file_atomically(fifo.string(), "through the pipe");
  reader.join();
  CHECK(received == "through the pipe");
  struct stat st {};
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("a character device is written in place and stays a device", "[output]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot make a device node; skipped");
    return;
  }
  // A node with /dev/null's numbers (1, 3), made in a temporary directory: never the real /dev.
  TempDir dir;
  const auto node = dir.path / "null";
  REQUIRE(::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
  struct stat before {};
  REQUIRE(::lstat(node.c_str(), &before) == 0);
  write_file_atomically(node.string(), "the notice");
  struct stat st {};
  REQUIRE(::lstat(node.c_str(), &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  CHECK(st.st_mode == before.st_mode);
  CHECK(st.st_ino == before.st_ino);
  CHECK(st.st_rdev == makedev(1, 3));
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("/dev/fd/N and /proc/self/fd/N write to the descriptor this process holds", "[output]") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  write_file_atomically("/dev/fd/" + std::to_string(fds[1]), "one ");
  write_file_atomically("/proc/self/fd/" + std::to_string(fds[1]), "two");
  ::close(fds[1]);
  char buffer[64] = {};
  const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
  ::close(fds[0]);
  CHECK(std::string(buffer, static_cast<std::size_t>(std::max<ssize_t>(n, 0))) == "one two");
  CHECK_THROWS_WITH(check_output_path("/dev/stdin"), Catch::Contains("is standard input"));
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
