#include "notice_text.hpp"

#include "notice/load.hpp"
#include "notice/rules.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace notice;
using test::k_minimal;
using test::replaced;

namespace {

using Lines = std::vector<std::string>;

// The unsuppressed findings of rule `rule` for `text`, as the lines a user reads.
Lines findings(const std::string &text, std::string_view rule, const RuleOptions &options = {}) {
  const LoadResult loaded = load_text("a.yaml", text);
  REQUIRE(loaded.diagnostics.empty());
  Lines out;
  for (const auto &d : check_notice(*loaded.notice, options)) {
    if (d.rule_id == rule && !d.suppressed) {
      out.push_back(format_diagnostic(d));
    }
  }
  return out;
}

const std::string k_party_line = "            parties: [employer]\n";

// The collabo-health item without its consent basis, given to a federation instead of the
// employer (the employer has its own rule, sensitive-to-employer).
const std::string k_no_basis = replaced(replaced(k_minimal, "            basis:\n              - law: consent\n", ""),
                                        "    kind: employer\n", "    kind: federation\n");

} // namespace

TEST_CASE("the minimal notice is clean", "[rules]") {
  const LoadResult loaded = load_text("a.yaml", k_minimal);
  CHECK(check_notice(*loaded.notice, {}).empty());
}

TEST_CASE("duplicate-id", "[rules]") {
  CHECK(findings(k_minimal, "duplicate-id").empty());
  CHECK(findings(replaced(k_minimal, "id: collabo-health", "id: benefit-payment"), "duplicate-id") ==
        Lines{"a.yaml:39:13: error: id `benefit-payment` is already used at line 31; ids must be unique in the file "
              "[duplicate-id]"});
}

TEST_CASE("unresolved-ref", "[rules]") {
  CHECK(findings(k_minimal, "unresolved-ref").empty());
  CHECK(findings(replaced(k_minimal, "parties: [employer]", "parties: [employer, insurers]"), "unresolved-ref") ==
        Lines{"a.yaml:41:33: error: no party has id `insurers`; declare it under `parties:` [unresolved-ref]"});
  CHECK(findings(replaced(k_minimal, "data: [applications]", "data: [aplications]"), "unresolved-ref") ==
        Lines{"a.yaml:33:20: error: no data source has id `aplications`; declare it under `data:` [unresolved-ref]"});
  CHECK(findings(replaced(k_minimal, "            added: 2022-04-01\n",
                          "            added: 2022-04-01\n            replaces: old-item\n"),
                 "unresolved-ref") ==
        Lines{"a.yaml:39:13: error: `replaces: old-item` names no item of this file [unresolved-ref]"});
}

TEST_CASE("unused-party and unused-data", "[rules]") {
  CHECK(findings(k_minimal, "unused-party").empty());
  CHECK(findings(k_minimal, "unused-data").empty());
  const std::string unused =
      replaced(replaced(k_minimal, k_party_line, ""), "data: [checkups]", "data: [applications]");
  CHECK(findings(unused, "unused-party") ==
        Lines{"a.yaml:18:5: warning: party `employer` (事業主) is declared but no item names it; reference it in an "
              "item's `parties:` or remove it [unused-party]"});
  CHECK(findings(unused, "unused-data") ==
        Lines{"a.yaml:14:5: warning: data source `checkups` is declared but no item names it; reference it in an "
              "item's `data:` or remove it [unused-data]"});
}

TEST_CASE("revision-order", "[rules]") {
  CHECK(findings(k_minimal, "revision-order").empty());
  const std::string swapped = replaced(k_minimal, "effective: 2022-04-01", "effective: 2021-08-01");
  CHECK(findings(replaced(swapped, "added: 2022-04-01", "added: 2021-08-01"), "revision-order") ==
        Lines{"a.yaml:9:5: error: revision 2021-08-01 does not come after 2021-09-01; list revisions oldest first, "
              "one per effective date [revision-order]"});
}

TEST_CASE("unknown-revision and empty-validity", "[rules]") {
  CHECK(findings(k_minimal, "unknown-revision").empty());
  CHECK(findings(replaced(k_minimal, "added: 2022-04-01", "added: 2022-05-01"), "unknown-revision") ==
        Lines{"a.yaml:36:16: error: `added: 2022-05-01` is not the effective date of a revision under `revisions:` "
              "[unknown-revision]"});
  const std::string empty = replaced(k_minimal, "            added: 2022-04-01\n",
                                     "            added: 2022-04-01\n            removed: 2021-09-01\n");
  CHECK(findings(empty, "empty-validity") ==
        Lines{"a.yaml:46:22: error: removed on 2021-09-01 but added on 2022-04-01: the element is in no revision "
              "[empty-validity]"});
}

TEST_CASE("internal-with-parties and flow-without-parties", "[rules]") {
  CHECK(findings(k_minimal, "internal-with-parties").empty());
  CHECK(findings(k_minimal, "flow-without-parties").empty());
  CHECK(findings(replaced(k_minimal, "            data: [applications]\n",
                          "            data: [applications]\n            parties: [employer]\n"),
                 "internal-with-parties") ==
        Lines{"a.yaml:34:23: error: item `benefit-payment` is internal use but names parties; set its `flow:` "
              "(provision, outsourcing, joint_use, received) or move it to a provision bucket "
              "[internal-with-parties]"});
  // Findings of revision rules name the revisions they hold in; this one holds from 2022-04-01 only.
  const std::string no_party = replaced(k_minimal, k_party_line, "");
  CHECK(findings(no_party, "flow-without-parties") ==
        Lines{"a.yaml:39:13: error: item `collabo-health` is provision but names no party; list who receives (or "
              "sends) the data under `parties:` [flow-without-parties]"});
  const auto loaded = load_text("a.yaml", no_party);
  for (const auto &d : check_notice(*loaded.notice, {})) {
    if (d.rule_id == "flow-without-parties") {
      CHECK(d.revisions == std::vector<std::string>{"2022-04-01"});
    }
  }
}

TEST_CASE("outward-sensitive-without-basis", "[rules]") {
  CHECK(findings(k_minimal, "outward-sensitive-without-basis").empty());
  const std::string no_basis = k_no_basis;
  CHECK(findings(no_basis, "outward-sensitive-without-basis") ==
        Lines{"a.yaml:42:20: warning: item `collabo-health` provides sensitive data (要配慮個人情報) `checkups` to a "
              "third party without a `basis:`; 個人情報保護法第27条 needs the person's consent or a legal exception "
              "(never opt-out): state the law, the consent, or `implied_consent` for a published use members can "
              "object to [outward-sensitive-without-basis]"});
  SECTION("outsourcing is not a provision (APPI 27条5項1号)") {
    CHECK(findings(replaced(no_basis, "            parties: [employer]\n",
                            "            parties: [employer]\n            flow: outsourcing\n"),
                   "outward-sensitive-without-basis")
              .empty());
  }
  SECTION("a complete joint use is not a provision (APPI 27条5項3号)") {
    CHECK(findings(
              replaced(no_basis, "            parties: [employer]\n",
                       "            parties: [employer]\n            flow: joint_use\n            joint_use:\n"
                       "              items: 健診結果\n              scope: 当組合及び健保連\n"
                       "              purpose: 高額医療給付の共同事業\n              responsible: テスト健康保険組合\n"
                       "              address: 東京都…\n              representative: 理事長 山田太郎\n"),
              "outward-sensitive-without-basis")
              .empty());
  }
}

TEST_CASE("suppressions in the notice need a real rule and are reported when unused", "[rules][suppress]") {
  const std::string no_basis = k_no_basis;
  const std::string suppressed =
      replaced(no_basis, "            added: 2022-04-01\n",
               "            added: 2022-04-01\n            suppress:\n              - rule: "
               "outward-sensitive-without-basis\n                reason: 共同利用として別途公表済み\n");
  const auto loaded = load_text("a.yaml", suppressed);
  REQUIRE(loaded.diagnostics.empty());
  const auto all = check_notice(*loaded.notice, {});
  REQUIRE(all.size() == 1);
  CHECK(all[0].rule_id == "outward-sensitive-without-basis");
  CHECK(all[0].suppressed == std::optional<std::string>("共同利用として別途公表済み"));

  CHECK(findings(replaced(suppressed, "rule: outward-sensitive-without-basis", "rule: no-such-rule"),
                 "unknown-suppressed-rule") ==
        Lines{"a.yaml:45:17: warning: `no-such-rule` is not a rule; `notice-audit rules` lists them (suppression on "
              "`collabo-health`) [unknown-suppressed-rule]"});
  RuleOptions party_off;
  party_off.severity["unused-party"] = std::nullopt;
  CHECK(findings(replaced(suppressed, "rule: outward-sensitive-without-basis", "rule: unused-party"),
                 "unused-suppression", party_off)
            .empty());
  CHECK(findings(replaced(suppressed, "rule: outward-sensitive-without-basis", "rule: unused-party"),
                 "unused-suppression") ==
        Lines{"a.yaml:45:17: info: this suppression of `unused-party` matches no finding; remove it "
              "[unused-suppression]"});
}

TEST_CASE("options re-grade, turn off and suppress findings", "[rules][options]") {
  const std::string no_basis = k_no_basis;
  RuleOptions options;
  options.severity["outward-sensitive-without-basis"] = Severity::error;
  CHECK(findings(no_basis, "outward-sensitive-without-basis", options).at(0).find(": error: ") != std::string::npos);
  options.severity["outward-sensitive-without-basis"] = std::nullopt;
  CHECK(findings(no_basis, "outward-sensitive-without-basis", options).empty());

  RuleOptions external;
  external.suppressions.push_back({"outward-sensitive-without-basis", "a.yaml", "collabo-health", "理事会承認済み"});
  CHECK(findings(no_basis, "outward-sensitive-without-basis", external).empty());
  external.suppressions[0].element = "another-item";
  CHECK(findings(no_basis, "outward-sensitive-without-basis", external).size() == 1);
}

TEST_CASE("every rule in the catalogue has a documentation page", "[rules][docs]") {
  for (const RuleInfo &rule : rule_catalog()) {
    INFO(rule.id);
    const std::string page = std::string(NOTICE_SOURCE_DIR) + "/docs/rules/" + std::string(rule.id) + ".md";
    CHECK(std::ifstream(page).good());
  }
}

TEST_CASE("every finding of every fixture has its message in English and Japanese", "[rules][i18n]") {
  namespace fs = std::filesystem;
  int seen = 0;
  for (const auto &entry : fs::recursive_directory_iterator(std::string(NOTICE_SOURCE_DIR) + "/tests/e2e")) {
    if (entry.path().filename() != "input.yaml") {
      continue;
    }
    const auto loaded = load_file(entry.path().string());
    auto all = loaded.diagnostics;
    if (loaded.notice) {
      const auto rules = check_notice(*loaded.notice, {});
      all.insert(all.end(), rules.begin(), rules.end());
    }
    for (const auto &d : all) {
      INFO(entry.path().string() << ": " << format_diagnostic(d));
      CHECK_FALSE(d.message.empty());
      // Japanese text has bytes outside ASCII; an untranslated message would not.
      CHECK(std::any_of(d.message_ja.begin(), d.message_ja.end(), [](char c) { return (c & 0x80) != 0; }));
      ++seen;
    }
  }
  CHECK(seen > 20);
}
