#include "notice/error.hpp"
#include "notice/process.hpp"

#include <catch2/catch.hpp>

using namespace notice;

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
