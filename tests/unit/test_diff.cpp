#include "notice_text.hpp"

#include "notice/diff.hpp"
#include "notice/load.hpp"
#include "notice/process.hpp"
#include "notice/rules.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept> // notice_text.hpp throws std::logic_error
#include <tuple>

using namespace notice;
using notice::test::replaced;

namespace {

// Two categories, internal and external buckets, sensitive and My Number data: enough for every
// change class. Effective 2022-04-01, so the new APPI numbering applies.
const std::string k_base = R"(schema: 1
insurer:
  name: テスト健康保険組合
  kind: kenpo
title: テスト健康保険組合が保有する個人情報の利用目的の公表について
revisions:
  - effective: 2022-04-01
    wording: 令和４年４月１日施行
preamble:
  - id: intro
    text: 当組合は、次のとおり個人情報を利用いたします。
data:
  - id: applications
    name: 各種届出や申請書
  - id: checkups
    name: 健診結果
    sensitive: true
  - id: mynumber
    name: 特定個人情報
    my_number: true
parties:
  - id: employer
    name: 事業主
    kind: employer
  - id: contractors
    name: 外部委託先
    kind: contractor
  - id: federation
    name: 健康保険組合連合会
    kind: federation
categories:
  - id: benefits
    number: 1
    marker: "1．"
    title: 保険給付に必要な利用目的
    buckets:
      - id: benefits-internal
        kind: internal
        heading: 【健保組合等の内部での利用に係る事例】
        items:
          - id: benefit-payment
            text: 保険給付及び付加給付の実施
            data: [applications]
          - id: eligibility
            text: 被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理
            data: [applications]
      - id: benefits-external
        kind: external
        heading: 【他の事業者等への情報提供を伴う事例】
        items:
          - id: translation
            text: 海外療養費に係る翻訳のための外部委託
            flow: outsourcing
            parties: [contractors]
            data: [applications]
          - id: collabo
            text: コラボヘルスの一環である事業者への情報提供
            parties: [employer]
            data: [applications]
  - id: health
    number: 2
    marker: "２．"
    title: 保健事業に必要な利用目的
    buckets:
      - id: health-internal
        kind: internal
        heading: 【健保組合等の内部での利用に係る事例】
        items:
          - id: guidance
            text: 健康の保持・増進のための健診、保健指導及び健康相談
            data: [checkups]
)";

Notice load_ok(const std::string &path, const std::string &yaml) {
  LoadResult r = load_text(path, yaml);
  for (const auto &d : r.diagnostics) {
    INFO(format_diagnostic(d));
    CHECK(d.severity != Severity::error);
  }
  REQUIRE(r.notice);
  return *r.notice;
}

Diff compare(const std::string &old_yaml, const std::string &new_yaml) {
  return diff_notices(load_ok("old.yaml", old_yaml), load_ok("new.yaml", new_yaml));
}

// "kind element id: rule rule …", one line per change, the form the tests assert on.
std::vector<std::string> summary(const Diff &diff) {
  std::vector<std::string> out;
  for (const auto &c : diff.changes) {
    std::string line = std::string(to_string(c.kind)) + " " + std::string(to_string(c.element)) + " " + c.id() + ":";
    for (const auto &f : c.findings) {
      line += " " + f.rule_id + "=" + std::string(to_string(f.severity));
    }
    out.push_back(line);
  }
  return out;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_CASE("diff_text marks changed passages by code point, as whole phrases", "[diff]") {
  using Op = TextSegment::Op;
  CHECK(diff_text("健康保険被保険者証の発行管理", "資格確認書の発行管理") ==
        std::vector<TextSegment>{
            {Op::removed, "健康保険被保険者証"}, {Op::inserted, "資格確認書"}, {Op::equal, "の発行管理"}});
  CHECK(diff_text("特定健診データ", "特定健診等データ") ==
        std::vector<TextSegment>{{Op::equal, "特定健診"}, {Op::inserted, "等"}, {Op::equal, "データ"}});
  CHECK(diff_text("同じ", "同じ") == std::vector<TextSegment>{{Op::equal, "同じ"}});
  CHECK(diff_text("", "新") == std::vector<TextSegment>{{Op::inserted, "新"}});
  // A single unchanged character between two changes is folded into one replaced passage.
  CHECK(diff_text("あいう", "かいけ") == std::vector<TextSegment>{{Op::removed, "あいう"}, {Op::inserted, "かいけ"}});
}

TEST_CASE("text_similarity is the Dice coefficient of code point bigrams", "[diff]") {
  CHECK(text_similarity("特定健診データ", "特定健診データ") == 1.0);
  CHECK(text_similarity("特定健診データ", "特定健診等データ") == Approx(10.0 / 13.0));
  CHECK(text_similarity("あいう", "かきく") == 0.0);
  CHECK(text_similarity("あ", "あ") == 1.0);
}

TEST_CASE("match_elements pairs by id, then replaces, then wording, never twice", "[diff][match]") {
  const std::vector<MatchKey> old_keys{{"a", "保険給付及び付加給付の実施", {}, 0},
                                       {"b", "被保険者資格の確認", {}, 0},
                                       {"c", "医療費分析・疾病分析", {}, 0},
                                       {"d", "健康保険料の徴収", {}, 0}};
  const std::vector<MatchKey> new_keys{{"a", "まったく別の文言", {}, 0},          // same id: paired whatever the text
                                       {"x", "被保険者資格の確認等", {}, 0},      // reworded and renamed
                                       {"y", "無関係", "d", 0},                   // replaces d
                                       {"z", "新しい利用目的の追加事例", {}, 0}}; // added
  const auto m = match_elements(old_keys, new_keys);
  REQUIRE(m.size() == 4);
  CHECK(m[0] == std::optional<std::size_t>{0});
  CHECK(m[1] == std::optional<std::size_t>{1});
  CHECK(m[2] == std::optional<std::size_t>{3});
  CHECK_FALSE(m[3]); // and c (index 2) is removed
}

TEST_CASE("match_elements keeps wording matches inside a group and prefers the best pair", "[diff][match]") {
  const std::vector<MatchKey> old_keys{{"p", "【健保組合等の内部での利用に係る事例】", {}, 1},
                                       {"q", "【健保組合等の内部での利用に係る事例】", {}, 2}};
  const std::vector<MatchKey> new_keys{{"r", "【健保組合等の内部での利用に係る事例】", {}, 2}};
  const auto m = match_elements(old_keys, new_keys);
  CHECK(m[0] == std::optional<std::size_t>{1});

  const std::vector<MatchKey> old2{{"o1", "医療費分析", {}, 0}, {"o2", "医療費分析・疾病分析", {}, 0}};
  const std::vector<MatchKey> new2{{"n1", "医療費分析・疾病分析", {}, 0}, {"n2", "医療費分析等", {}, 0}};
  const auto m2 = match_elements(old2, new2);
  CHECK(m2[0] == std::optional<std::size_t>{1}); // the exact wording wins over document order
  CHECK(m2[1] == std::optional<std::size_t>{0});
}

TEST_CASE("match_elements pairs thousands of renamed elements without comparing all pairs", "[diff][match]") {
  std::vector<std::string> old_ids;
  std::vector<std::string> new_ids;
  std::vector<std::string> texts;
  const std::vector<std::string> words{"保険給付", "資格確認", "健診", "保健指導", "医療費", "通知", "委託",
                                       "審査",     "支払",     "分析", "徴収",     "認定",   "提供", "照会"};
  for (std::size_t i = 0; i < 3000; ++i) {
    old_ids.push_back("old-" + std::to_string(i));
    new_ids.push_back("new-" + std::to_string(i));
    std::string t = "第" + std::to_string(i) + "号";
    for (std::size_t k = 0; k < 4; ++k) {
      t += words[(i * 7 + k * 3 + i / 14) % words.size()];
    }
    texts.push_back(t + "の事務");
  }
  std::vector<MatchKey> old_keys;
  std::vector<MatchKey> new_keys;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    old_keys.push_back({old_ids[i], texts[i], {}, 0});
  }
  for (std::size_t i = texts.size(); i-- > 0;) { // reversed order
    new_keys.push_back({new_ids[i], texts[i], {}, 0});
  }
  const auto m = match_elements(old_keys, new_keys);
  for (std::size_t j = 0; j < m.size(); ++j) {
    REQUIRE(m[j]);
    CHECK(*m[j] == texts.size() - 1 - j);
  }
}

TEST_CASE("two identical notices have no changes", "[diff]") {
  const Diff d = compare(k_base, k_base);
  CHECK(d.changes.empty());
  CHECK(d.legal_date == Date{2022, 4, 1});
}

TEST_CASE("matcher: rename, reword, move, reorder, add, remove, attribute change", "[diff][match]") {
  SECTION("rename: a new id with the same wording is the same use case") {
    const Diff d = compare(k_base, replaced(k_base, "id: benefit-payment", "id: benefits-payment"));
    CHECK(summary(d) == Lines{"changed item benefits-payment: diff/wording-only=info"});
    CHECK(d.changes[0].renamed());
    CHECK(d.changes[0].old_side->id == "benefit-payment");
  }
  SECTION("reword: the same id with new wording, and the changed passage") {
    const Diff d = compare(k_base, replaced(k_base, "健康保険被保険者証の発行管理", "資格確認書の発行管理"));
    CHECK(summary(d) == Lines{"reworded item eligibility: diff/wording-only=info"});
    REQUIRE(d.changes[0].wording.size() == 4);
    CHECK(d.changes[0].wording[1].text == "健康保険被保険者証");
    CHECK(d.changes[0].wording[2].text == "資格確認書");
  }
  SECTION("rename and reword together are matched by wording") {
    const Diff d = compare(k_base, replaced(replaced(k_base, "id: eligibility\n", "id: eligibility-check\n"),
                                            "健康保険被保険者証の発行管理", "資格確認書の発行管理"));
    CHECK(summary(d) == Lines{"reworded item eligibility-check: diff/wording-only=info"});
    CHECK(d.changes[0].renamed());
  }
  SECTION("replaces: the author's word wins over wording") {
    std::string yaml =
        replaced(k_base, "          - id: benefit-payment\n            text: 保険給付及び付加給付の実施",
                 "          - id: payment\n            replaces: benefit-payment\n            text: 給付金の支払");
    const Diff d = compare(k_base, yaml);
    CHECK(summary(d) == Lines{"reworded item payment: diff/wording-only=info"});
  }
  SECTION("move: to another category's bucket of the same kind") {
    std::string yaml = replaced(k_base, R"(          - id: benefit-payment
            text: 保険給付及び付加給付の実施
            data: [applications]
)",
                                "");
    yaml = replaced(
        yaml, "            data: [checkups]\n",
        "            data: [checkups]\n          - id: benefit-payment\n            text: 保険給付及び付加給付の実施\n"
        "            data: [applications]\n");
    const Diff d = compare(k_base, yaml);
    CHECK(summary(d) == Lines{"moved item benefit-payment: diff/moved=info"});
    CHECK(d.changes[0].old_side->bucket == "benefits-internal");
    CHECK(d.changes[0].new_side->bucket == "health-internal");
    REQUIRE(d.changes[0].attributes.size() == 1);
    CHECK(d.changes[0].attributes[0].name == "bucket");
  }
  SECTION("reorder: swapping two neighbours reports one of them, as order only") {
    std::string yaml = replaced(k_base, R"(          - id: benefit-payment
            text: 保険給付及び付加給付の実施
            data: [applications]
)",
                                "");
    yaml = replaced(yaml, "            data: [applications]\n      - id: benefits-external",
                    "            data: [applications]\n          - id: benefit-payment\n            text: "
                    "保険給付及び付加給付の実施\n"
                    "            data: [applications]\n      - id: benefits-external");
    const Diff d = compare(k_base, yaml);
    // Either item could be said to have moved; the one outside the longest kept run is reported.
    CHECK(summary(d) == Lines{"reordered item eligibility: diff/order-only=info"});
  }
  SECTION("add and remove") {
    const Diff added = compare(
        k_base, replaced(k_base, "            data: [checkups]\n",
                         "            data: [checkups]\n          - id: facilities\n"
                         "            text: 健康増進施設（保養所等）の運営\n            data: [applications]\n"));
    CHECK(summary(added) == Lines{"added item facilities: diff/use-added=warning"});
    const Diff removed =
        compare(replaced(k_base, "            data: [checkups]\n",
                         "            data: [checkups]\n          - id: facilities\n"
                         "            text: 健康増進施設（保養所等）の運営\n            data: [applications]\n"),
                k_base);
    CHECK(summary(removed) == Lines{"removed item facilities: diff/use-removed=warning"});
  }
  SECTION("attribute change: the data an internal use involves") {
    const Diff d = compare(
        k_base, replaced(k_base, "            text: 保険給付及び付加給付の実施\n            data: [applications]",
                         "            text: 保険給付及び付加給付の実施\n            data: [applications, checkups]"));
    CHECK(summary(d) == Lines{"changed item benefit-payment: diff/data-changed=info"});
    REQUIRE(d.changes[0].attributes.size() == 1);
    CHECK(d.changes[0].attributes[0].old_value == std::vector<std::string>{"applications"});
    CHECK(d.changes[0].attributes[0].new_value == std::vector<std::string>{"applications", "checkups"});
  }
}

TEST_CASE("change classes", "[diff][classes]") {
  SECTION("diff/new-recipient and diff/recipient-removed") {
    const Diff d = compare(k_base, replaced(k_base, "parties: [employer]", "parties: [federation]"));
    CHECK(summary(d) == Lines{"changed item collabo: diff/new-recipient=warning diff/recipient-removed=info"});
    CHECK(d.changes[0].findings[0].message == "now gives data to 健康保険組合連合会 (provision)");
  }
  SECTION("diff/new-sensitive-provision: an error without a basis, a warning with one") {
    const std::string sensitive =
        replaced(k_base, "            parties: [employer]\n            data: [applications]",
                 "            parties: [employer]\n            data: [applications, checkups]");
    CHECK(summary(compare(k_base, sensitive)) == Lines{"changed item collabo: diff/new-sensitive-provision=error"});
    const std::string with_basis = replaced(sensitive, "data: [applications, checkups]",
                                            "data: [applications, checkups]\n            basis: [{law: consent}]");
    CHECK(summary(compare(k_base, with_basis)) ==
          Lines{"changed item collabo: diff/new-sensitive-provision=warning diff/basis-changed=info"});
  }
  SECTION("adding a recipient of sensitive data is both a new recipient and a new sensitive provision") {
    const std::string old_yaml = replaced(k_base, "            parties: [employer]\n            data: [applications]",
                                          "            parties: [employer]\n            data: [checkups]\n"
                                          "            basis: [{law: consent}]");
    const std::string new_yaml = replaced(old_yaml, "parties: [employer]", "parties: [employer, federation]");
    CHECK(summary(compare(old_yaml, new_yaml)) ==
          Lines{"changed item collabo: diff/new-recipient=warning diff/new-sensitive-provision=warning"});
  }
  SECTION("a data source becoming sensitive shows on the items that provide it") {
    const std::string new_yaml =
        replaced(k_base, "    name: 各種届出や申請書\n", "    name: 各種届出や申請書\n    sensitive: true\n");
    CHECK(summary(compare(k_base, new_yaml)) == Lines{"changed data applications: diff/declaration-changed=info",
                                                      "changed item collabo: diff/new-sensitive-provision=error"});
  }
  SECTION("diff/new-mynumber-provision") {
    const std::string new_yaml =
        replaced(k_base, "            parties: [employer]\n            data: [applications]",
                 "            parties: [employer]\n            data: [applications, mynumber]");
    CHECK(summary(compare(k_base, new_yaml)) == Lines{"changed item collabo: diff/new-mynumber-provision=error"});
  }
  SECTION("diff/internal-to-provision") {
    const std::string new_yaml = replaced(
        k_base, "            text: 保険給付及び付加給付の実施\n            data: [applications]",
        "            text: 保険給付及び付加給付の実施\n            flow: provision\n            parties: [employer]\n"
        "            data: [applications]");
    CHECK(summary(compare(k_base, new_yaml)) ==
          Lines{"changed item benefit-payment: diff/internal-to-provision=error diff/new-recipient=warning"});
  }
  SECTION("diff/new-outsourcing and diff/flow-changed") {
    const std::string outsourced =
        replaced(k_base, "            parties: [employer]\n            data: [applications]",
                 "            flow: outsourcing\n            parties: [employer]\n            data: [applications]");
    CHECK(summary(compare(k_base, outsourced)) == Lines{"changed item collabo: diff/new-outsourcing=warning"});
    CHECK(summary(compare(outsourced, k_base)) == Lines{"changed item collabo: diff/flow-changed=warning"});
  }
  SECTION("diff/new-joint-use, diff/joint-use-incomplete, diff/joint-use-changed") {
    const std::string complete = replaced(k_base, "            parties: [employer]\n            data: [applications]",
                                          R"(            flow: joint_use
            parties: [employer]
            data: [applications]
            joint_use:
              items: 氏名、健診結果
              scope: 事業主
              statement: 次のとおり共同利用します
              purpose: 健康づくり
              responsible: テスト健康保険組合
              address: 東京都
              representative: 理事長)");
    CHECK(summary(compare(k_base, complete)) == Lines{"changed item collabo: diff/new-joint-use=warning"});
    // From 2022-04-01 the address and the representative are required too.
    const std::string no_address = replaced(complete, "              address: 東京都\n", "");
    const Diff incomplete = compare(k_base, no_address);
    CHECK(summary(incomplete) == Lines{"changed item collabo: diff/joint-use-incomplete=error"});
    CHECK(incomplete.changes[0].findings[0].message == "is joint use (共同利用) without address");
    const std::string purpose = replaced(complete, "purpose: 健康づくり", "purpose: 健康づくり及び分析");
    CHECK(summary(compare(complete, purpose)) == Lines{"changed item collabo: diff/joint-use-changed=warning"});
  }
  SECTION("diff/new-foreign-recipient") {
    const std::string abroad = replaced(k_base, "    kind: federation\n", "    kind: federation\n    abroad: true\n");
    const Diff d = compare(abroad, replaced(abroad, "parties: [employer]", "parties: [employer, federation]"));
    CHECK(summary(d) == Lines{"changed item collabo: diff/new-recipient=warning diff/new-foreign-recipient=error"});
  }
  SECTION("diff/purpose-added and diff/purpose-removed, with their buckets and items") {
    const std::string more = k_base + R"(  - id: other
    number: 3
    marker: "３．"
    title: その他
    buckets:
      - id: other-internal
        kind: internal
        heading: 【健保組合等の内部での利用に係る事例】
        items:
          - id: management
            text: 業務の維持・改善のための基礎資料
            data: [applications]
)";
    CHECK(summary(compare(k_base, more)) == Lines{"added category other: diff/purpose-added=warning",
                                                  "added bucket other-internal: diff/structure=info",
                                                  "added item management: diff/use-added=warning"});
    CHECK(summary(compare(more, k_base)) == Lines{"removed category other: diff/purpose-removed=warning",
                                                  "removed bucket other-internal: diff/structure=info",
                                                  "removed item management: diff/use-removed=warning"});
  }
  SECTION("paragraphs, title and closing lines are text changes") {
    std::string yaml = replaced(k_base, "次のとおり", "以下のとおり");
    yaml = replaced(yaml, "    wording: 令和４年４月１日施行\n",
                    "    wording: 令和４年４月１日施行\n  - effective: 2023-04-01\n    wording: "
                    "令和５年４月１日から改正施行する。\n");
    const Diff d = compare(k_base, yaml);
    CHECK(summary(d) ==
          Lines{"reworded paragraph intro: diff/wording-only=info", "added revision 2023-04-01: diff/text-added=info"});
    CHECK(d.legal_date == Date{2023, 4, 1});
  }
  SECTION("category reorder is order only") {
    const auto health = k_base.find("  - id: health\n");
    const auto benefits = k_base.find("  - id: benefits\n");
    const std::string swapped =
        k_base.substr(0, benefits) + k_base.substr(health) + k_base.substr(benefits, health - benefits);
    CHECK(summary(compare(k_base, swapped)) == Lines{"reordered category health: diff/order-only=info"});
  }
}

TEST_CASE("validate and diff read the same law: sensitive data in joint use, implied consent", "[diff][legal]") {
  // The collabo item gives 健診結果 to the employer. The same change is judged by both engines.
  const auto validate_rules = [](const std::string &yaml) {
    std::vector<std::string> out;
    for (const auto &d : check_notice(load_ok("new.yaml", yaml), {})) {
      if (d.rule_id == "sensitive-to-employer" || d.rule_id == "outward-sensitive-without-basis" ||
          d.rule_id == "joint-use-incomplete" || d.rule_id == "implied-consent-objection") {
        out.push_back(d.rule_id);
      }
    }
    return out;
  };
  const auto diff_classes = [](const Diff &d) {
    std::vector<std::string> out;
    for (const auto &c : d.changes) {
      for (const auto &f : c.findings) {
        if (f.rule_id == "diff/new-sensitive-provision" || f.rule_id == "diff/joint-use-incomplete") {
          out.push_back(f.rule_id + "=" + std::string(to_string(f.severity)));
        }
      }
    }
    return out;
  };
  const std::string provided = replaced(k_base, "            parties: [employer]\n            data: [applications]",
                                        "            parties: [employer]\n            data: [checkups]");
  CHECK(validate_rules(provided) == std::vector<std::string>{"sensitive-to-employer"});
  CHECK(diff_classes(compare(k_base, provided)) == std::vector<std::string>{"diff/new-sensitive-provision=error"});

  const std::string joint = replaced(k_base, "            parties: [employer]\n            data: [applications]",
                                     R"(            flow: joint_use
            parties: [employer]
            data: [checkups]
            joint_use:
              statement: 次のとおり共同利用します
              items: 健診結果
              scope: 当組合及び事業主
              purpose: 健康づくり
              responsible: テスト健康保険組合
              address: 東京都
              representative: 理事長)");
  // Joint users are not third parties: neither engine reports a provision of sensitive data.
  CHECK(validate_rules(joint).empty());
  CHECK(diff_classes(compare(k_base, joint)).empty());

  const std::string incomplete = replaced(joint, "              address: 東京都\n", "");
  CHECK(validate_rules(incomplete) == std::vector<std::string>{"joint-use-incomplete"});
  CHECK(diff_classes(compare(k_base, incomplete)) == std::vector<std::string>{"diff/joint-use-incomplete=error"});

  const std::string implied =
      replaced(provided, "            data: [checkups]\n  - id: health",
               "            data: [checkups]\n            basis:\n              - law: implied_consent\n"
               "  - id: health");
  CHECK(validate_rules(implied) == std::vector<std::string>{"implied-consent-objection"});
  CHECK(diff_classes(compare(k_base, implied)) == std::vector<std::string>{"diff/new-sensitive-provision=error"});
  const std::string objectable = replaced(
      implied, "              - law: implied_consent\n",
      "              - law: implied_consent\n            notes:\n              - 希望されない方はお申し出ください。\n");
  CHECK(validate_rules(objectable).empty());
  CHECK(diff_classes(compare(k_base, objectable)) == std::vector<std::string>{"diff/new-sensitive-provision=warning"});
}

TEST_CASE("diff quotes the joint-use basis as numbered before and after 2017-05-30", "[diff][classes]") {
  const auto dated = [](const std::string &date, const std::string &wording) {
    return replaced(k_base, "effective: 2022-04-01\n    wording: 令和４年４月１日施行",
                    "effective: " + date + "\n    wording: " + wording);
  };
  const std::string joint = R"(            flow: joint_use
            parties: [employer]
            data: [applications]
            joint_use:
              statement: 次のとおり共同利用します
              items: 氏名
              scope: 事業主
              purpose: 健康づくり
              responsible: テスト健康保険組合)";
  const std::string from = "            parties: [employer]\n            data: [applications]";
  for (const auto &[date, wording, cite] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"2017-05-29", "平成２９年５月２９日施行", "個人情報保護法第23条第4項第3号"},
           {"2017-05-30", "平成２９年５月３０日施行", "個人情報保護法第23条第5項第3号"}}) {
    const std::string before = dated(date, wording);
    const Diff d = compare(before, replaced(before, from, joint));
    INFO(date);
    REQUIRE(!d.changes.empty());
    bool found = false;
    for (const auto &f : d.changes[0].findings) {
      if (f.rule_id == "diff/new-joint-use") {
        CHECK(f.basis == cite + " (as numbered on " + date + ")");
        found = true;
      }
    }
    CHECK(found);
  }
}

TEST_CASE("legal bases follow the APPI numbering in force on the new side's date", "[diff][classes]") {
  const std::string before = replaced(k_base, "effective: 2022-04-01\n    wording: 令和４年４月１日施行",
                                      "effective: 2021-09-01\n    wording: 令和３年９月１日施行");
  const std::string added = replaced(before, "            data: [checkups]\n",
                                     "            data: [checkups]\n          - id: facilities\n"
                                     "            text: 健康増進施設の運営\n            data: [applications]\n");
  const Diff d = compare(before, added);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].findings[0].basis == "個人情報保護法第15条第1項・第18条第3項 (as numbered on 2021-09-01)");
  const Diff later =
      compare(k_base, replaced(k_base, "            data: [checkups]\n",
                               "            data: [checkups]\n          - id: facilities\n"
                               "            text: 健康増進施設の運営\n            data: [applications]\n"));
  CHECK(later.changes[0].findings[0].basis == "個人情報保護法第17条第1項・第21条第3項 (as numbered on 2022-04-01)");
}

TEST_CASE("every change class is documented in the catalogue", "[diff][classes]") {
  for (const auto &rule : diff_rule_catalog()) {
    CHECK(rule.id.starts_with("diff/"));
    CHECK_FALSE(rule.summary.empty());
    CHECK(find_diff_rule(rule.id) == &rule);
  }
  CHECK(find_diff_rule("new-recipient") == find_diff_rule("diff/new-recipient"));
  CHECK(find_diff_rule("diff/no-such") == nullptr);
}

TEST_CASE("the fail-on policy takes severities and change classes", "[diff]") {
  std::string error;
  const Diff d = compare(k_base, replaced(k_base, "parties: [employer]", "parties: [employer, federation]"));
  const auto fails = [&](std::vector<std::string> values) {
    const auto policy = parse_diff_fail_policy(values, error);
    REQUIRE(policy);
    return diff_fails(d, *policy);
  };
  CHECK_FALSE(fails({"error"}));
  CHECK(fails({"warning"}));
  CHECK(fails({"info"}));
  CHECK_FALSE(fails({"never"}));
  CHECK(fails({"diff/new-recipient"}));
  CHECK(fails({"purpose-added,new-recipient"}));
  CHECK_FALSE(fails({"diff/purpose-added"}));
  CHECK_FALSE(parse_diff_fail_policy({"bogus"}, error));
  CHECK(error ==
        "--fail-on bogus: neither a severity (error, warning, info, never) nor a change class; docs/diff.md lists the "
        "classes");
}

TEST_CASE("the text writer marks changed passages and ends with a summary", "[diff][write]") {
  const Diff d = compare(k_base, replaced(k_base, "健康保険被保険者証の発行管理", "資格確認書の発行管理"));
  std::ostringstream out;
  write_diff_text(out, d, {});
  CHECK(out.str() == R"(--- old.yaml (effective 2022-04-01)
+++ new.yaml (effective 2022-04-01)
Legal bases as in force on 2022-04-01.

reworded item eligibility
  old: old.yaml:44:13
  new: new.yaml:44:13
  in:  1．保険給付に必要な利用目的 【健保組合等の内部での利用に係る事例】
  text: 被保険者資格の確認、被扶養者の認定並びに[-健康保険被保険者証-]{+資格確認書+}の発行管理
  info: reworded [diff/wording-only]
    basis: 個人情報保護法第21条第3項 (as numbered on 2022-04-01)

1 change, 1 finding: 0 errors, 0 warnings, 1 info.
)");
}

namespace {

// k_base with the collabo item as a disclosed joint use (complete from 2022-04-01).
const std::string k_joint = replaced(k_base, "            parties: [employer]\n            data: [applications]",
                                     R"(            flow: joint_use
            parties: [employer]
            data: [applications]
            joint_use:
              statement: 次のとおり共同して利用します
              items: 氏名、健診結果
              scope: 事業主
              purpose: 健康づくり
              responsible: テスト健康保険組合
              address: 東京都
              representative: 理事長　山田一郎)");

// The finding lines of a text report, for checking that its summary adds up to them.
std::size_t finding_lines(const std::string &report) {
  std::size_t n = 0;
  std::istringstream in(report);
  for (std::string line; std::getline(in, line);) {
    for (const char *severity : {"  error: ", "  warning: ", "  info: "}) {
      n += line.rfind(severity, 0) == 0 ? 1 : 0;
    }
  }
  return n;
}

} // namespace

TEST_CASE("the text writer's summary counts the finding lines it printed", "[diff][write]") {
  // One change with two findings: internal use that now provides data to a new recipient.
  const Diff d = compare(k_base, replaced(k_base, "text: 保険給付及び付加給付の実施\n            data: [applications]",
                                          "text: 保険給付及び付加給付の実施\n            flow: provision\n"
                                          "            parties: [employer]\n            data: [applications]"));
  std::ostringstream out;
  write_diff_text(out, d, {});
  REQUIRE(finding_lines(out.str()) == 2);
  CHECK_THAT(out.str(), Catch::EndsWith("\n1 change, 2 findings: 1 error, 1 warning, 0 info.\n"));
}

TEST_CASE("a changed joint use prints the fields that changed, one a line, in the report's language",
          "[diff][write][i18n]") {
  const Diff d =
      compare(k_joint, replaced(k_joint, "representative: 理事長　山田一郎", "representative: 理事長　佐藤花子"));
  std::ostringstream en;
  write_diff_text(en, d, {});
  CHECK_THAT(en.str(), Catch::Contains("\n  joint_use:\n    representative: 理事長　山田一郎 → 理事長　佐藤花子\n"));
  CHECK_THAT(en.str(), !Catch::Contains("items: 氏名"));
  DiffWriteOptions ja;
  ja.lang = Lang::ja;
  std::ostringstream text;
  write_diff_text(text, d, ja);
  CHECK(text.str() == R"(--- old.yaml（2022-04-01 施行）
+++ new.yaml（2022-04-01 施行）
法令の根拠は 2022-04-01 時点の条番号で示します。

変更 事例 collabo
  改正前: old.yaml:56:13
  改正後: new.yaml:56:13
  場所: 1．保険給付に必要な利用目的 【他の事業者等への情報提供を伴う事例】
  文言: コラボヘルスの一環である事業者への情報提供
  共同利用の公表事項:
    その代表者の氏名: 理事長　山田一郎 → 理事長　佐藤花子
  warning: 共同利用の公表事項が変わりました [diff/joint-use-changed]
    根拠: 個人情報保護法第27条第6項（2022-04-01 時点の条番号）

変更 1 件、指摘 1 件（エラー 0 件、警告 1 件、情報 0 件）。
)");
  std::ostringstream md;
  write_diff_markdown(md, d, ja);
  CHECK_THAT(md.str(), Catch::Contains("| 重大度 | 変更 | 要素 | 文言 | 分類 |"));
  CHECK_THAT(md.str(), Catch::Contains("| **警告** | 変更 | 事例 `collabo` |"));
  CHECK_THAT(md.str(), Catch::Contains("<summary>指摘と法令の根拠</summary>"));
  CHECK_THAT(md.str(),
             Catch::Contains("- 共同利用の公表事項:\n  - その代表者の氏名: 理事長　山田一郎 → 理事長　佐藤花子\n"));
  // No internal names (flow kinds) inside Japanese sentences.
  const Diff flow =
      compare(k_base, replaced(k_base, "text: 保険給付及び付加給付の実施\n            data: [applications]",
                               "text: 保険給付及び付加給付の実施\n            flow: provision\n"
                               "            parties: [employer]\n            data: [applications]"));
  std::ostringstream flow_text;
  write_diff_text(flow_text, flow, ja);
  CHECK_THAT(flow_text.str(), Catch::Contains("データの流れ: 内部利用 → 提供"));
  CHECK_THAT(flow_text.str(), Catch::Contains("事業主に新たにデータを出します（提供）"));
  CHECK_THAT(flow_text.str(), !Catch::Contains("（provision）"));
}

TEST_CASE("the golden JSON of the bundled revisions validates against schemas/diff.schema.json", "[diff][schema]") {
  const auto read = [](const std::string &path) {
    std::ifstream in(path);
    REQUIRE(in);
    return nlohmann::json::parse(in);
  };
  const nlohmann::json schema_doc = read(NOTICE_SOURCE_DIR "/schemas/diff.schema.json");
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;

  for (const char *golden :
       {"/tests/e2e/diff/bundled-json/expected.stdout", "/tests/e2e/diff/bundled-one-file/expected.stdout"}) {
    const nlohmann::json doc = read(std::string(NOTICE_SOURCE_DIR) + golden);
    valijson::adapters::NlohmannJsonAdapter doc_adapter(doc);
    valijson::ValidationResults results;
    INFO(golden);
    CHECK(validator.validate(schema, doc_adapter, &results));
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string context;
      for (const auto &c : error.context) {
        context += c;
      }
      FAIL_CHECK(context + ": " + error.description);
    }
  }

  // And the schema does reject what it must: a change without findings.
  nlohmann::json doc = read(std::string(NOTICE_SOURCE_DIR) + "/tests/e2e/diff/bundled-json/expected.stdout");
  doc["changes"][0]["findings"] = nlohmann::json::array();
  valijson::adapters::NlohmannJsonAdapter doc_adapter(doc);
  CHECK_FALSE(validator.validate(schema, doc_adapter, nullptr));
}

TEST_CASE("the comparison table underlines each side's changed passages and escapes text", "[diff][write]") {
  std::string new_yaml = replaced(k_base, "健康保険被保険者証の発行管理", "資格確認書の発行管理");
  new_yaml = replaced(new_yaml, "text: 海外療養費に係る翻訳のための外部委託", "text: 海外療養費に係る翻訳<外部>委託");
  const Diff d = compare(k_base, new_yaml);
  std::ostringstream out;
  write_diff_table_html(out, d, {});
  const std::string html = out.str();
  CHECK_THAT(html, Catch::Contains("<th>項目</th><th>改正後</th><th>改正前</th>"));
  CHECK_THAT(html,
             Catch::Contains("<td>被保険者資格の確認、被扶養者の認定並びに<u>資格確認書</u>の発行管理</td>"
                             "<td>被保険者資格の確認、被扶養者の認定並びに<u>健康保険被保険者証</u>の発行管理</td>"));
  CHECK_THAT(
      html,
      Catch::Contains(
          "海外療養費に係る翻訳<u>&lt;</u>外部<u>&gt;</u>委託</td><td>海外療養費に係る翻訳<u>のための</u>外部委託"));
  CHECK_THAT(html, !Catch::Contains("<外部>"));
}

TEST_CASE("the comparison table shows every printed line that changed: disclosures, notes, closing lines",
          "[diff][write]") {
  const auto table = [](const Diff &d) {
    std::ostringstream out;
    write_diff_table_html(out, d, {});
    return out.str();
  };
  SECTION("a new joint use shows its disclosure lines under the item") {
    const std::string html = table(compare(k_base, k_joint));
    CHECK_THAT(
        html,
        Catch::Contains(
            "<td>コラボヘルスの一環である事業者への情報提供"
            "<div class=\"sub\"><u>次のとおり共同して利用します</u></div>"
            "<div class=\"sub\"><u>共同して利用される個人データの項目：氏名、健診結果</u></div>"
            "<div class=\"sub\"><u>共同して利用する者の範囲：事業主</u></div>"
            "<div class=\"sub\"><u>利用する者の利用目的：健康づくり</u></div>"
            "<div class=\"sub\"><u>個人データの管理について責任を有する者の氏名又は名称：テスト健康保険組合</u></div>"
            "<div class=\"sub\"><u>その住所：東京都</u></div>"
            "<div class=\"sub\"><u>その代表者の氏名：理事長　山田一郎</u></div></td>"
            "<td>コラボヘルスの一環である事業者への情報提供</td>"));
  }
  SECTION("a change to the disclosure alone has its row, the changed passage underlined") {
    const std::string html = table(
        compare(k_joint, replaced(k_joint, "representative: 理事長　山田一郎", "representative: 理事長　佐藤花子")));
    CHECK_THAT(html, Catch::Contains("<div class=\"sub\">その代表者の氏名：理事長　<u>佐藤花子</u></div></td>"));
    CHECK_THAT(html, Catch::Contains("<div class=\"sub\">その代表者の氏名：理事長　<u>山田一郎</u></div></td>"));
    CHECK_THAT(html, Catch::Contains("<td class=\"place\">1．【他の事業者等への情報提供を伴う事例】</td>"));
  }
  SECTION("an added item with its disclosure is underlined whole, the old side says 新設") {
    const std::string added = replaced(k_joint, "  - id: health\n", R"(          - id: stress-check
            text: ストレスチェック結果の共同利用
            flow: joint_use
            parties: [employer]
            data: [applications]
            joint_use:
              items: ストレスチェック結果
              scope: 事業主
              purpose: 職場環境の改善
              responsible: テスト健康保険組合
              address: 東京都
              representative: 理事長　山田一郎
  - id: health
)");
    const std::string html = table(compare(k_joint, added));
    CHECK_THAT(html, Catch::Contains(
                         "<td><u>ストレスチェック結果の共同利用</u>"
                         "<div class=\"sub\"><u>共同して利用される個人データの項目：ストレスチェック結果</u></div>"));
    CHECK_THAT(html, Catch::Contains(
                         "<div class=\"sub\"><u>その代表者の氏名：理事長　山田一郎</u></div></td><td>（新設）</td>"));
  }
  SECTION("a changed note") {
    const std::string noted =
        replaced(k_base, "            text: 保険給付及び付加給付の実施\n",
                 "            text: 保険給付及び付加給付の実施\n            notes: [（高額療養費を含む）]\n");
    const std::string html =
        table(compare(noted, replaced(noted, "（高額療養費を含む）", "（高額療養費及び付加給付を含む）")));
    CHECK_THAT(
        html,
        Catch::Contains(
            "<td>保険給付及び付加給付の実施<div class=\"sub\">（高額療養費<u>及び付加給付</u>を含む）</div></td>"));
  }
  SECTION("a new revision's closing line; the header names the dates in the Japanese era, not the files") {
    const std::string amended = replaced(replaced(k_base, "    wording: 令和４年４月１日施行\n",
                                                  "    wording: 令和４年４月１日施行\n  - effective: 2025-10-01\n"
                                                  "    wording: 令和７年１０月１日から改正施行する。\n"),
                                         "健康保険被保険者証の発行管理", "資格確認書の発行管理");
    const Diff d = diff_notices(at(load_ok("a.yaml", amended), parse_date("2022-04-01").value()),
                                at(load_ok("a.yaml", amended), parse_date("2025-10-01").value()),
                                {"HEAD~1:notice/a.yaml", "notice/a.yaml"});
    const std::string html = table(d);
    CHECK_THAT(html,
               Catch::Contains("<tr><td class=\"place\">施行日</td><td><u>令和７年１０月１日から改正施行する。</u></td>"
                               "<td>（新設）</td></tr>"));
    CHECK_THAT(html, Catch::Contains("<p>改正後（令和７年１０月１日施行）／改正前（令和４年４月１日施行）</p>"));
    CHECK_THAT(html, Catch::Contains("<h1>テスト健康保険組合　個人情報の利用目的の公表　新旧対照表</h1>"));
    // The files compared only in the small print at the end, in a typewriter face (a ~ stays a tilde).
    const auto sources = html.find("<div class=\"sources\">");
    REQUIRE(sources != std::string::npos);
    CHECK(html.find("HEAD~1:notice/a.yaml") > sources);
    CHECK_THAT(html, Catch::Contains("<code>HEAD~1:notice/a.yaml</code>"));
  }
}

TEST_CASE("the comparison table converts to docx and pdf through Pandoc", "[diff][write][pandoc]") {
  const Diff d = compare(k_base, replaced(k_base, "健康保険被保険者証の発行管理", "資格確認書の発行管理"));
  const std::string docx = render_diff_table(d, "docx");
  CHECK(docx.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(render_diff_table(d, "docx") == docx); // reproducible: file times from the effective date
  // The header row is centred, as in HTML and PDF; the body keeps its columns' left alignment.
  const auto path =
      std::filesystem::temp_directory_path() / ("notice-audit-table-" + std::to_string(::getpid()) + ".docx");
  std::ofstream(path, std::ios::binary) << docx;
  const ProcessResult xml = run_process({"unzip", "-p", path.string(), "word/document.xml"}, ProcessOptions{});
  std::filesystem::remove(path);
  REQUIRE(xml.exit_code == 0);
  const std::size_t header = xml.out.find("<w:tblHeader");
  REQUIRE(header != std::string::npos);
  const std::size_t header_end = xml.out.find("</w:tr>", header);
  const std::string header_row = xml.out.substr(header, header_end - header);
  std::size_t centred = 0;
  for (auto at = header_row.find("<w:jc w:val=\"center\""); at != std::string::npos;
       at = header_row.find("<w:jc w:val=\"center\"", at + 1)) {
    ++centred;
  }
  CHECK(centred == 3);
  CHECK(xml.out.find("<w:jc w:val=\"center\"", header_end) == std::string::npos);

  const std::string pdf = render_diff_table(d, "pdf");
  REQUIRE(pdf.substr(0, 5) == "%PDF-");
  ProcessOptions input;
  input.input = pdf;
  const ProcessResult text = run_process({"pdftotext", "-raw", "-", "-"}, input);
  REQUIRE(text.exit_code == 0);
  // Cells wrap: compare the text without line breaks and spaces.
  std::string flat;
  for (const char ch : text.out) {
    if (ch != '\n' && ch != ' ') {
      flat += ch;
    }
  }
  CHECK_THAT(flat, Catch::Contains("改正後"));
  CHECK_THAT(flat, Catch::Contains("改正前"));
  CHECK_THAT(flat, Catch::Contains("資格確認書の発行管理"));
  CHECK_THAT(flat, Catch::Contains("健康保険被保険者証の発行管理"));
}

TEST_CASE("in the DOCX table the lines under an item are paragraphs one character in", "[diff][write][pandoc]") {
  const std::string docx = render_diff_table(compare(k_base, k_joint), "docx");
  const auto path =
      std::filesystem::temp_directory_path() / ("notice-audit-sub-" + std::to_string(::getpid()) + ".docx");
  std::ofstream(path, std::ios::binary) << docx;
  const ProcessResult xml = run_process({"unzip", "-p", path.string(), "word/document.xml"}, ProcessOptions{});
  const ProcessResult styles = run_process({"unzip", "-p", path.string(), "word/styles.xml"}, ProcessOptions{});
  std::filesystem::remove(path);
  REQUIRE(xml.exit_code == 0);
  std::size_t sub_lines = 0;
  for (auto at = xml.out.find("<w:pStyle w:val=\"TableSubLine\""); at != std::string::npos;
       at = xml.out.find("<w:pStyle w:val=\"TableSubLine\"", at + 1)) {
    ++sub_lines;
  }
  CHECK(sub_lines == 7); // the statement and the six entries of the joint-use disclosure
  CHECK(xml.out.find("　次のとおり") == std::string::npos); // the indent is the style's, not a space
  CHECK_THAT(styles.out, Catch::Contains("w:styleId=\"TableSubLine\"") &&
                             Catch::Contains("<w:ind w:hanging=\"0\" w:left=\"210\" />"));
}

TEST_CASE("every finding of the bundled diff has its message in English and Japanese", "[diff][i18n]") {
  const auto loaded = notice::load_file(std::string(NOTICE_SOURCE_DIR) + "/notice/acom-kenpo.yaml");
  REQUIRE(loaded.notice);
  const auto diff = notice::diff_notices(notice::at(*loaded.notice, notice::Date{2021, 9, 1}),
                                         notice::at(*loaded.notice, notice::Date{2021, 10, 29}));
  int findings = 0;
  for (const auto &c : diff.changes) {
    for (const auto &f : c.findings) {
      INFO(f.rule_id << ": " << f.message);
      CHECK_FALSE(f.message.empty());
      CHECK(std::any_of(f.message_ja.begin(), f.message_ja.end(), [](char ch) { return (ch & 0x80) != 0; }));
      ++findings;
    }
  }
  CHECK(findings >= 11);
}
