// The legal and flow rule families: for every rule a case that triggers it, one that must not,
// and for date-dependent rules one on each side of the date.
#include "notice_text.hpp"

#include "notice/load.hpp"
#include "notice/rules.hpp"

#include <catch2/catch.hpp>

using namespace notice;
using test::k_minimal;
using test::replaced;

namespace {

using Lines = std::vector<std::string>;

// k_minimal with its revisions replaced by one effective on `date`, and `text` as the text of
// the internal item benefit-payment.
std::string notice_on(const std::string &date, const std::string &text) {
  std::string n = replaced(k_minimal, "  - effective: 2021-09-01\n    wording: 令和３年９月１日施行\n", "");
  n = replaced(n, "effective: 2022-04-01", "effective: " + date);
  n = replaced(n, "added: 2022-04-01", "added: " + date);
  n = replaced(n, "added: 2022-04-01", "added: " + date);
  return replaced(n, "text: 保険給付及び付加給付の実施", "text: " + text);
}

Lines findings(const std::string &text, std::string_view rule) {
  const LoadResult loaded = load_text("a.yaml", text);
  INFO(loaded.diagnostics.size());
  REQUIRE(loaded.diagnostics.empty());
  Lines out;
  for (const auto &d : check_notice(*loaded.notice, {})) {
    if (d.rule_id == rule && !d.suppressed) {
      out.push_back(format_diagnostic(d));
    }
  }
  return out;
}

} // namespace

TEST_CASE("mynumber-19-stale-item: 第7号 for linkage from 2021-09-01", "[rules][legal]") {
  const std::string text = "番号法第19条第7号に基づく情報連携";
  CHECK(findings(notice_on("2021-09-01", text), "mynumber-19-stale-item") ==
        Lines{"a.yaml:30:22: warning: information linkage is cited as 番号法第19条第7号, but since 2021-09-01 it is "
              "第8号 (an item was inserted before it): cite 第19条第8号 [mynumber-19-stale-item]"});
  CHECK(findings(notice_on("2021-08-31", text), "mynumber-19-stale-item").empty());
  CHECK(findings(notice_on("2021-09-01", "番号法第19条第8号に基づく情報連携"), "mynumber-19-stale-item").empty());
  // Not about linkage: another item of 第19条 is not judged.
  CHECK(findings(notice_on("2022-01-01", "番号法第19条第7号の事務"), "mynumber-19-stale-item").empty());
  SECTION("full-width, kanji and spaced digits are read too") {
    CHECK(findings(notice_on("2022-01-01", "番号法第１９条第７号による情報連携"), "mynumber-19-stale-item").size() ==
          1);
    CHECK(findings(notice_on("2022-01-01", "番号法第十九条第七号による情報連携"), "mynumber-19-stale-item").size() ==
          1);
    CHECK(findings(notice_on("2022-01-01", "\"番号法第 19条第 7号による情報連携\""), "mynumber-19-stale-item").size() ==
          1);
  }
  SECTION("a structured basis is judged like the prose") {
    std::string n = notice_on("2022-01-01", "情報連携による資格確認");
    n = replaced(n, "            data: [applications]\n",
                 "            data: [applications]\n            basis:\n              - law: mynumber_act\n"
                 "                article: \"19\"\n                item: \"7\"\n");
    CHECK(findings(n, "mynumber-19-stale-item").size() == 1);
  }
}

TEST_CASE("mynumber-19-anachronistic-item: 第8号 for linkage before 2021-09-01", "[rules][legal]") {
  const std::string text = "番号法第19条第8号に基づく情報連携";
  CHECK(findings(notice_on("2021-08-31", text), "mynumber-19-anachronistic-item").size() == 1);
  CHECK(findings(notice_on("2021-09-01", text), "mynumber-19-anachronistic-item").empty());
}

TEST_CASE("mynumber-19-paragraph: 項 written for 号", "[rules][legal]") {
  CHECK(findings(notice_on("2022-01-01", "番号法第19条第7項に基づく情報連携"), "mynumber-19-paragraph").size() == 1);
  CHECK(findings(notice_on("2022-01-01", "番号法第19条第8号に基づく情報連携"), "mynumber-19-paragraph").empty());
}

TEST_CASE("appi-article-stale and appi-article-anachronistic: the 2022-04-01 renumbering", "[rules][legal]") {
  const std::string old_number = "個人情報保護法第23条第5項第1号に基づく委託";
  CHECK(findings(notice_on("2022-04-01", old_number), "appi-article-stale") ==
        Lines{"a.yaml:30:26: warning: 個人情報保護法第23条第5項第1号 is the numbering before 2022-04-01 (third-party "
              "provision); since then it is 第27条 [appi-article-stale]"});
  CHECK(findings(notice_on("2022-03-31", old_number), "appi-article-stale").empty());
  // 17 and 18 exist in both numberings: not judged.
  CHECK(findings(notice_on("2022-04-01", "個人情報保護法第17条による利用目的の特定"), "appi-article-stale").empty());
  const std::string new_number = "個人情報の保護に関する法律第27条第5項第3号による共同利用";
  CHECK(findings(notice_on("2022-03-31", new_number), "appi-article-anachronistic").size() == 1);
  CHECK(findings(notice_on("2022-04-01", new_number), "appi-article-anachronistic").empty());
}

TEST_CASE("insurance-card-abolished: 被保険者証 issue from 2024-12-02 without 資格確認書", "[rules][legal]") {
  const std::string text = "被保険者資格の確認並びに健康保険被保険者証の発行管理";
  CHECK(findings(notice_on("2024-12-02", text), "insurance-card-abolished").size() == 1);
  CHECK(findings(notice_on("2024-12-01", text), "insurance-card-abolished").empty());
  CHECK(findings(notice_on("2024-12-02", "被保険者証及び資格確認書の発行管理"), "insurance-card-abolished").empty());
}

TEST_CASE("online-qualification: before the trial, during it, after full operation", "[rules][legal]") {
  const std::string text = "オンライン資格確認等システムへの資格情報の登録";
  CHECK(findings(notice_on("2021-02-28", text), "online-qualification-anachronistic").size() == 1);
  CHECK(findings(notice_on("2021-03-01", text), "online-qualification-anachronistic").empty());
  CHECK(findings(notice_on("2021-03-01", text), "online-qualification-trial").size() == 1);
  CHECK(findings(notice_on("2021-10-20", text), "online-qualification-trial").empty());
}

TEST_CASE("guideline-superseded: the MHLW ガイドライン from 2017-04-14", "[rules][legal]") {
  const std::string text = "厚生労働省が示したガイドラインに基づく事務";
  CHECK(findings(notice_on("2017-04-14", text), "guideline-superseded").size() == 1);
  CHECK(findings(notice_on("2017-04-13", text), "guideline-superseded").empty());
  CHECK(findings(notice_on("2021-01-01", "個人情報保護委員会・厚生労働省が示したガイダンスに基づく事務"),
                 "guideline-superseded")
            .empty());
}

TEST_CASE("law-title: official titles", "[rules][legal]") {
  CHECK(findings(
            notice_on("2022-01-01", "行政手続きにおける特定の個人を識別するための番号の利用等に関する法律に定める事務"),
            "law-title")
            .size() == 1);
  CHECK(findings(
            notice_on("2022-01-01", "行政手続における特定の個人を識別するための番号の利用等に関する法律に定める事務"),
            "law-title")
            .empty());
  CHECK(findings(notice_on("2022-01-01", "高齢者の医療の確保に関する法律に基づく報告"), "law-title").empty());
}

TEST_CASE("internal-wording-suggests-flow and review-body-internal", "[rules][flows]") {
  CHECK(findings(notice_on("2022-01-01", "海外療養費に係る翻訳のための外部委託"), "internal-wording-suggests-flow") ==
        Lines{"a.yaml:30:35: warning: item `benefit-payment` is filed as internal use, but its wording says 「委託」; "
              "if data leaves the insurer, set `flow: outsourcing` and name the parties "
              "[internal-wording-suggests-flow]"});
  CHECK(findings(notice_on("2022-01-01", "保険給付の実施"), "internal-wording-suggests-flow").empty());
  CHECK(findings(notice_on("2022-01-01", "支払基金による再審査"), "review-body-internal").size() == 1);
  CHECK(findings(notice_on("2022-01-01", "保険給付の実施"), "review-body-internal").empty());
}

namespace {

// k_minimal with the collabo-health item turned into joint use, disclosure given by `disclosure`.
std::string joint_use(const std::string &date, const std::string &disclosure) {
  std::string n = notice_on(date, "保険給付及び付加給付の実施");
  n = replaced(n, "            basis:\n              - law: consent\n", "            flow: joint_use\n" + disclosure);
  return n;
}

const std::string k_full_disclosure = "            joint_use:\n"
                                      "              items: 健診結果\n"
                                      "              scope: 当組合及び事業主\n"
                                      "              purpose: 加入者の健康の保持増進\n"
                                      "              responsible: テスト健康保険組合\n"
                                      "              address: 東京都千代田区…\n"
                                      "              representative: 理事長 山田太郎\n";

} // namespace

TEST_CASE("joint-use-incomplete: the disclosure, and address/representative from 2022-04-01", "[rules][flows]") {
  CHECK(findings(joint_use("2022-04-01", k_full_disclosure), "joint-use-incomplete").empty());
  CHECK(findings(joint_use("2022-04-01", ""), "joint-use-incomplete").size() == 1);
  const std::string no_address = replaced(replaced(k_full_disclosure, "              address: 東京都千代田区…\n", ""),
                                          "              representative: 理事長 山田太郎\n", "");
  CHECK(findings(joint_use("2022-04-01", no_address), "joint-use-incomplete").size() == 2);
  CHECK(findings(joint_use("2022-03-31", no_address), "joint-use-incomplete").empty());
  const std::string no_scope = replaced(k_full_disclosure, "              scope: 当組合及び事業主\n", "");
  CHECK(findings(joint_use("2022-03-31", no_scope), "joint-use-incomplete").size() == 1);
}

TEST_CASE("mynumber-outside-article19", "[rules][flows]") {
  std::string n = replaced(k_minimal, "    sensitive: true\n", "    my_number: true\n");
  n = replaced(n, "            basis:\n              - law: consent\n", "");
  CHECK(findings(n, "mynumber-outside-article19").size() == 1);
  CHECK(findings(replaced(n, "            data: [checkups]\n",
                          "            data: [checkups]\n            basis:\n              - law: mynumber_act\n"
                          "                article: \"19\"\n                item: \"8\"\n"),
                 "mynumber-outside-article19")
            .empty());
  CHECK(findings(replaced(n, "            data: [checkups]\n",
                          "            data: [checkups]\n            flow: "
                          "joint_use\n" +
                              k_full_disclosure),
                 "mynumber-outside-article19")
            .size() == 1);
}

TEST_CASE("sensitive-to-employer", "[rules][flows]") {
  CHECK(findings(k_minimal, "sensitive-to-employer").empty()); // consent is recorded
  const std::string no_basis = replaced(k_minimal, "            basis:\n              - law: consent\n", "");
  CHECK(findings(no_basis, "sensitive-to-employer").size() == 1);
  // The general rule stays quiet where the specific one speaks.
  CHECK(findings(no_basis, "outward-sensitive-without-basis").empty());
}

TEST_CASE("processing-abroad", "[rules][flows]") {
  const std::string abroad = replaced(k_minimal, "    kind: employer\n", "    kind: employer\n    abroad: true\n");
  CHECK(findings(abroad, "processing-abroad").size() == 1);
  CHECK(findings(k_minimal, "processing-abroad").empty());
  const std::string stated =
      replaced(abroad, "parties:\n",
               "postscript:\n  - 外国にある第三者への提供については、個人情報保護法第28条に従います。\nparties:\n");
  CHECK(findings(stated, "processing-abroad").empty());
  // 海外療養費 is a benefit, not processing abroad.
  std::string benefit = replaced(k_minimal, "text: コラボヘルスの一環である健診結果の事業者への提供",
                                 "text: 海外療養費の支給に係る事業者への照会");
  CHECK(findings(benefit, "processing-abroad").empty());
}

TEST_CASE("vague-purpose, empty-bucket and category-numbering", "[rules][flows]") {
  CHECK(findings(notice_on("2022-01-01", "医療保険事務に関すること"), "vague-purpose").size() == 1);
  CHECK(findings(notice_on("2022-01-01", "保険給付の実施"), "vague-purpose").empty());

  const std::string empty = replaced(k_minimal,
                                     "        items:\n          - id: benefit-payment\n            text: "
                                     "保険給付及び付加給付の実施\n            data: [applications]\n",
                                     "        items: []\n");
  CHECK(findings(empty, "empty-bucket").size() == 1);
  CHECK(findings(k_minimal, "empty-bucket").empty());

  CHECK(findings(replaced(k_minimal, "number: 1", "number: 2"), "category-numbering").size() == 2);
  CHECK(findings(replaced(k_minimal, "marker: \"1．\"", "marker: \"２．\""), "category-numbering").size() == 1);
  CHECK(findings(replaced(k_minimal, "marker: \"1．\"", "marker: \"１．\""), "category-numbering").empty());
  CHECK(findings(k_minimal, "category-numbering").empty());
}

TEST_CASE("revision-wording-date: the closing line names the effective date", "[rules][legal]") {
  CHECK(findings(k_minimal, "revision-wording-date").empty());
  CHECK(findings(replaced(k_minimal, "wording: 令和４年４月１日から改正施行する。",
                          "wording: 令和４年４月２日から改正施行する。"),
                 "revision-wording-date") ==
        Lines{"a.yaml:10:14: error: the closing line says 令和４年４月２日 (2022-04-02), but the revision is effective "
              "2022-04-01 (令和４年４月１日) [revision-wording-date]"});
  CHECK(findings(replaced(k_minimal, "wording: 令和３年９月１日施行", "wording: 令和3年9月1日施行"),
                 "revision-wording-date")
            .empty());
}
