#include "notice_text.hpp"

#include "notice/load.hpp"
#include "notice/rules.hpp"

#include <catch2/catch.hpp>

using namespace notice;
using test::k_minimal;
using test::replaced;

namespace {

std::vector<std::string> bidi_findings(const std::string &text) {
  const LoadResult loaded = load_text("a.yaml", text);
  REQUIRE(loaded.notice);
  std::vector<std::string> out;
  for (const auto &d : check_notice(*loaded.notice, {})) {
    if (d.rule_id == "bidi-control") {
      out.push_back(format_diagnostic(d) + (d.suppressed ? " (suppressed)" : ""));
    }
  }
  return out;
}

} // namespace

TEST_CASE("bidi-control: an override in published text is a finding at its own column", "[rules][hygiene]") {
  CHECK(bidi_findings(k_minimal).empty());
  // Written raw: the position is the character's own (line 32, column 23: after `text: ` and 4 characters).
  const std::string raw =
      replaced(k_minimal, "text: 保険給付及び付加給付の実施", "text: 保険給付\u202E及び付加給付の実施");
  CHECK(bidi_findings(raw) ==
        std::vector<std::string>{
            "a.yaml:32:23: warning: bidi control character U+202E (RIGHT-TO-LEFT OVERRIDE) in published text: it makes "
            "the text display in another order than it is written, so readers see something else than the notice "
            "says; remove it [bidi-control]"});
  SECTION("several in one value: one finding that counts them") {
    const std::string two = replaced(k_minimal, "title: テスト", "title: \u2067テスト\u2069");
    CHECK(bidi_findings(two) ==
          std::vector<std::string>{"a.yaml:5:8: warning: bidi control character U+2067 (RIGHT-TO-LEFT ISOLATE) and 1 "
                                   "more in published text: it makes the text display in another order than it is "
                                   "written, so readers see something else than the notice says; remove it "
                                   "[bidi-control]"});
  }
  SECTION("written as a YAML escape: the value's position") {
    const std::string escaped =
        replaced(k_minimal, "text: 保険給付及び付加給付の実施", "text: \"保険給付\\u202D及び\"");
    const auto found = bidi_findings(escaped);
    REQUIRE(found.size() == 1);
    CHECK(found[0].starts_with("a.yaml:32:19: warning: bidi control character U+202D (LEFT-TO-RIGHT OVERRIDE)"));
  }
  SECTION("suppressible next to the item like any other rule") {
    const std::string suppressed =
        replaced(raw, "            data: [applications]\n",
                 "            data: [applications]\n            suppress:\n              - rule: bidi-control\n"
                 "                reason: 意図的（確認済み）\n");
    const auto found = bidi_findings(suppressed);
    REQUIRE(found.size() == 1);
    CHECK(found[0].ends_with("(suppressed)"));
  }
}
