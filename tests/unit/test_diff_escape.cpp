// diff's text and Markdown writers with hostile labels and texts: nothing reaches a terminal, a CI log
// or a pull-request comment as markup or as a command.
#include "notice_text.hpp"

#include "notice/diff.hpp"
#include "notice/load.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace notice;
using test::k_minimal;
using test::replaced;

namespace {

Diff hostile_diff() {
  const LoadResult old_notice = load_text("old.yaml", k_minimal);
  const LoadResult new_notice = load_text(
      "new.yaml", replaced(k_minimal, "text: 保険給付及び付加給付の実施", "text: \"保険給付\\e[2J\\n::error::x\""));
  REQUIRE(old_notice.notice);
  REQUIRE(new_notice.notice);
  DiffOptions options;
  options.old_label = "a`<img src=x onerror=alert(1)>`\n::error file=a::b.yaml";
  options.new_label = "![x](https://example.invalid/t.png)\x1b]0;t\x07.yaml";
  return diff_notices(at(*old_notice.notice, {2022, 4, 1}), at(*new_notice.notice, {2022, 4, 1}), options);
}

} // namespace

TEST_CASE("diff text: labels and texts are escaped, no line starts a workflow command", "[diff][escape]") {
  std::ostringstream out;
  write_diff_text(out, hostile_diff(), {});
  const std::string text = out.str();
  INFO(text);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\n::") == std::string::npos);
  CHECK(text.find("--- a`<img src=x onerror=alert(1)>`\\n::error file=a::b.yaml (effective 2022-04-01)") !=
        std::string::npos);
  CHECK(text.find("{+\\x1B[2J\\n::error::x+}") != std::string::npos);
}

TEST_CASE("diff md: file names and texts cannot become markup", "[diff][escape]") {
  std::ostringstream out;
  write_diff_markdown(out, hostile_diff(), {});
  const std::string md = out.str();
  INFO(md);
  CHECK(md.find("<img") == std::string::npos);
  CHECK(md.find("![x](") == std::string::npos);
  CHECK(md.find('\x1b') == std::string::npos);
  CHECK(md.find("\n::") == std::string::npos);
  CHECK(md.find("a\\`&lt;img src=x onerror=alert(1)&gt;\\`\\\\n::error file=a::b.yaml (effective 2022-04-01) → "
                "!\\[x\\](https://example.invalid/t.png)\\\\x1B\\]0;t\\\\x07.yaml") != std::string::npos);
}
