#include "notice/error.hpp"
#include "notice/process.hpp"
#include "notice/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <signal.h>

using namespace notice;
namespace fs = std::filesystem;

namespace {

// No such process, or a zombie on its way out (killed; its parent gone, init reaps it).
bool gone(pid_t pid) {
  if (::kill(pid, 0) != 0) {
    return true;
  }
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string id, name, state;
  stat >> id >> name >> state;
  return state == "Z";
}

// SIGKILL is delivered when the target is next scheduled: on a loaded machine it may still show as
// running just after kill() returned. Waits up to 5 s for it to go; false if it never does.
bool goes_away(pid_t pid) {
  for (int i = 0; i < 500; ++i) {
    if (gone(pid)) {
      return true;
    }
    ::usleep(10'000);
  }
  return false;
}

} // namespace

TEST_CASE("run_process passes arguments verbatim, with no shell in between", "[process]") {
  const auto r = run_process({"printf", "%s|", "a b", "$(echo injected)", "*"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "a b|$(echo injected)|*|");
}

TEST_CASE("run_process feeds stdin and collects large outputs without deadlock", "[process]") {
  const std::string input(1 << 20, 'x');
  const auto r = run_process({"cat"}, {input, {}, {}});
  CHECK(r.exit_code == 0);
  CHECK(r.out.size() == input.size());
}

TEST_CASE("run_process reports exit codes and standard error", "[process]") {
  const auto r = run_process({"sh", "-c", "echo oops >&2; exit 3"});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "oops\n");
}

TEST_CASE("a missing program is an error that names it", "[process]") {
  CHECK_THROWS_WITH(run_process({"notice-audit-no-such-program"}),
                    "`notice-audit-no-such-program` was not found in PATH");
  CHECK_FALSE(find_program("notice-audit-no-such-program"));
  CHECK(find_program("sh"));
}

TEST_CASE("a helper that does not finish in time is killed with its process group", "[process]") {
  ProcessOptions options;
  options.timeout_seconds = 3; // long enough for the shell to start its grandchild on a busy machine
  // The shell starts a grandchild that would outlive it; both must be gone.
  const std::string marker = "/tmp/notice-audit-test-process-" + std::to_string(::getpid());
  try {
    run_process({"sh", "-c", "sleep 30 & echo $! > " + marker + "; wait"}, options);
    FAIL("the helper was not stopped");
  } catch (const ProcessTimeout &e) { // a notice::Error that says which limit passed
    CHECK(e.seconds() == 3);
    CHECK(std::string(e.what()) == "`sh` did not finish within 3 s and was stopped; set NOTICE_AUDIT_HELPER_TIMEOUT "
                                   "(seconds) to allow more time");
  }
  std::ifstream in(marker);
  pid_t grandchild = 0;
  in >> grandchild;
  std::remove(marker.c_str());
  REQUIRE(grandchild > 0);
  CHECK(goes_away(grandchild));
}

TEST_CASE("a helper that exits leaves no process of its group behind", "[process]") {
  const std::string marker = "/tmp/notice-audit-test-process-bg-" + std::to_string(::getpid());
  const auto r = run_process({"sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $! > " + marker});
  CHECK(r.exit_code == 0);
  std::ifstream in(marker);
  pid_t background = 0;
  in >> background;
  std::remove(marker.c_str());
  REQUIRE(background > 0);
  CHECK(goes_away(background));
}

TEST_CASE("a helpers' temporary directory is private and goes away with its files", "[process]") {
  std::string kept;
  {
    const TempDirectory dir("notice-audit-test");
    kept = dir.path();
    CHECK(fs::path(kept).filename().string().starts_with("notice-audit-test-"));
    CHECK((fs::status(kept).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
    const std::string file = dir.write("a.txt", "個人情報");
    CHECK(file == dir.path("a.txt"));
    CHECK(dir.read("a.txt") == "個人情報");
    CHECK_FALSE(dir.read("missing.txt"));
  }
  CHECK_FALSE(fs::exists(kept));
}
