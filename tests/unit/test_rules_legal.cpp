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

Lines findings(const std::string &text, std::string_view rule, const RuleOptions &options = {}) {
  const LoadResult loaded = load_text("a.yaml", text);
  INFO(loaded.diagnostics.size());
  REQUIRE(loaded.diagnostics.empty());
  Lines out;
  for (const auto &d : check_notice(*loaded.notice, options)) {
    if (d.rule_id == rule && !d.suppressed) {
      out.push_back(format_diagnostic(d));
    }
  }
  return out;
}

// `text` without its `published_elsewhere:` block (the last key of k_minimal).
std::string without_elsewhere(const std::string &text) {
  return text.substr(0, text.find("published_elsewhere:"));
}

// Options that judge the latest revision until `date` ("today").
RuleOptions as_of(Date date) {
  RuleOptions o;
  o.as_of = date;
  return o;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Citations: judged by the concept their sentence names, as numbered on the date judged.

TEST_CASE("citation-stale: 番号法第19条第7号 for linkage from 2021-09-01", "[rules][legal][citation]") {
  const std::string text = "番号法第19条第7号に基づく情報連携";
  CHECK(findings(notice_on("2021-09-01", text), "citation-stale") ==
        Lines{"a.yaml:30:22: warning: 番号法第19条第7号 is cited for information linkage through the "
              "情報提供ネットワークシステム (情報提供ネットワークシステムを使用した情報連携), but that was its number "
              "until 2021-08-31; since 2021-09-01 it is 第19条第8号 [citation-stale]"});
  CHECK(findings(notice_on("2021-08-31", text), "citation-stale").empty());
  CHECK(findings(notice_on("2021-09-01", "番号法第19条第8号に基づく情報連携"), "citation-stale").empty());
  // The sentence names no concept: the number alone is not judged.
  CHECK(findings(notice_on("2022-01-01", "番号法第19条第7号の事務"), "citation-stale").empty());
  SECTION("full-width, kanji and spaced digits are read too") {
    CHECK(findings(notice_on("2022-01-01", "番号法第１９条第７号による情報連携"), "citation-stale").size() == 1);
    CHECK(findings(notice_on("2022-01-01", "番号法第十九条第七号による情報連携"), "citation-stale").size() == 1);
    CHECK(findings(notice_on("2022-01-01", "\"番号法第 19条第 7号による情報連携\""), "citation-stale").size() == 1);
  }
  SECTION("a structured basis is judged like the prose, and once when the notice prints the same citation") {
    std::string n = notice_on("2022-01-01", "情報連携による資格確認");
    n = replaced(n, "            data: [applications]\n",
                 "            data: [applications]\n            basis:\n              - law: mynumber_act\n"
                 "                article: \"19\"\n                item: \"7\"\n");
    CHECK(findings(n, "citation-stale").size() == 1);
    CHECK(
        findings(replaced(n, "text: 情報連携による資格確認", "text: 番号法第19条第7号に基づく情報連携"),
                 "citation-stale") ==
        Lines{"a.yaml:30:22: warning: 番号法第19条第7号 is cited for information linkage through the "
              "情報提供ネットワークシステム (情報提供ネットワークシステムを使用した情報連携), but that was its number "
              "until 2021-08-31; since 2021-09-01 it is 第19条第8号 [citation-stale]"});
  }
  SECTION("（…という。） inside a sentence does not end it") {
    CHECK(findings(notice_on("2022-01-01",
                             "番号法第19条第7号において定められた行政機関（以下「他機関」という。）との情報連携"),
                   "citation-stale")
              .size() == 1);
  }
}

TEST_CASE("citation-anachronistic: 番号法第19条第8号 for linkage before 2021-09-01", "[rules][legal][citation]") {
  const std::string text = "番号法第19条第8号に基づく情報連携";
  CHECK(findings(notice_on("2021-08-31", text), "citation-anachronistic") ==
        Lines{"a.yaml:30:22: warning: 番号法第19条第8号 is cited for information linkage through the "
              "情報提供ネットワークシステム (情報提供ネットワークシステムを使用した情報連携), but it has that number "
              "only from 2021-09-01; on 2021-08-31 it was 第19条第7号 [citation-anachronistic]"});
  CHECK(findings(notice_on("2021-09-01", text), "citation-anachronistic").empty());
}

TEST_CASE("citation-paragraph-for-item: 項 written for 号", "[rules][legal][citation]") {
  // The suggestion is the number the named concept has on the date: 第7号 before 2021-09-01, 第8号 from then.
  CHECK(findings(notice_on("2022-01-01", "番号法第19条第7項に基づく情報連携"), "citation-paragraph-for-item") ==
        Lines{"a.yaml:30:22: warning: 番号法第19条第7項 cites a paragraph (項), but 第19条 has no paragraphs: its "
              "cases are items (号); write 第19条第8号, its number for information linkage through the "
              "情報提供ネットワークシステム on 2022-01-01 [citation-paragraph-for-item]"});
  CHECK(findings(notice_on("2021-08-31", "番号法第19条第7項に基づく情報連携"), "citation-paragraph-for-item",
                 as_of(Date{2021, 8, 31})) ==
        Lines{"a.yaml:30:22: warning: 番号法第19条第7項 cites a paragraph (項), but 第19条 has no paragraphs: its "
              "cases are items (号); write 第19条第7号, its number for information linkage through the "
              "情報提供ネットワークシステム on 2021-08-31 [citation-paragraph-for-item]"});
  // Without a concept to go by, the same number as an item.
  CHECK(findings(notice_on("2022-01-01", "番号法第19条第3項による提供"), "citation-paragraph-for-item") ==
        Lines{"a.yaml:30:22: warning: 番号法第19条第3項 cites a paragraph (項), but 第19条 has no paragraphs: its "
              "cases are items (号); write 第19条第3号 if that item is meant [citation-paragraph-for-item]"});
  CHECK(findings(notice_on("2022-01-01", "番号法第19条第8号に基づく情報連携"), "citation-paragraph-for-item").empty());
  // A paragraph of an article that has them is fine.
  CHECK(findings(notice_on("2022-01-01", "個人情報保護法第27条第5項に基づく委託"), "citation-paragraph-for-item")
            .empty());
}

TEST_CASE("APPI on 2022-04-01: old numbers stale, new numbers anachronistic before", "[rules][legal][citation]") {
  const std::string outsourcing = "個人情報保護法第23条第5項第1号に基づく委託";
  CHECK(findings(notice_on("2022-04-01", outsourcing), "citation-stale") ==
        Lines{"a.yaml:30:26: warning: 個人情報保護法第23条第5項第1号 is cited for provision that comes with "
              "outsourcing (委託に伴う提供), but that was its number until 2022-03-31; since 2022-04-01 it is "
              "第27条第5項第1号 [citation-stale]"});
  CHECK(findings(notice_on("2022-03-31", outsourcing), "citation-stale").empty());
  const std::string joint = "個人情報の保護に関する法律第27条第5項第3号による共同利用";
  CHECK(findings(notice_on("2022-03-31", joint), "citation-anachronistic").size() == 1);
  CHECK(findings(notice_on("2022-04-01", joint), "citation-anachronistic").empty());
}

TEST_CASE("a number is judged by its meaning on the date: 28条, 32条, 23条, 24条", "[rules][legal][citation]") {
  // 2017-05-30 … 2022-03-31: 第28条 was 開示 and 第32条 the request procedure.
  CHECK(findings(notice_on("2019-06-01", "個人情報保護法第28条に基づく開示"), "citation-anachronistic").empty());
  CHECK(findings(notice_on("2019-06-01", "個人情報保護法第28条に基づく開示"), "citation-stale").empty());
  CHECK(findings(notice_on("2019-06-01", "個人情報保護法第32条に定める開示等の請求等に応じる手続"), "citation-stale")
            .empty());
  // From 2022-04-01 the same words cite the wrong article.
  CHECK(findings(notice_on("2022-04-01", "個人情報保護法第28条に基づく開示"), "citation-stale") ==
        Lines{"a.yaml:30:26: warning: 個人情報保護法第28条 is cited for disclosure on request (開示), but that was its "
              "number until 2022-03-31; since 2022-04-01 it is 第33条 (第28条 is now 外国にある第三者への提供の制限) "
              "[citation-stale]"});
  CHECK(findings(notice_on("2022-04-01", "個人情報保護法第32条に定める開示等の請求等に応じる手続"), "citation-stale")
            .size() == 1);
  // From 2022-04-01, 第23条 is 安全管理措置 and 第24条 従業者の監督: valid citations.
  CHECK(findings(notice_on("2022-04-01", "個人情報保護法第23条に基づく安全管理措置"), "citation-stale").empty());
  CHECK(findings(notice_on("2022-04-01", "個人情報保護法第24条に基づく従業者の監督"), "citation-stale").empty());
  CHECK(
      findings(notice_on("2022-04-01", "個人情報保護法第24条に基づく従業者の監督"), "citation-anachronistic").empty());
  // … but not before: 安全管理措置 was 第20条.
  CHECK(
      findings(notice_on("2022-03-31", "個人情報保護法第23条に基づく安全管理措置"), "citation-anachronistic").size() ==
      1);
  // 第28条 for foreign provision: anachronistic before 2022-04-01 (it was 第24条), right after.
  CHECK(findings(notice_on("2022-03-31", "外国にある第三者への提供は個人情報保護法第28条による"),
                 "citation-anachronistic")
            .size() == 1);
  CHECK(findings(notice_on("2022-04-01", "外国にある第三者への提供は個人情報保護法第28条による"),
                 "citation-anachronistic")
            .empty());
}

TEST_CASE("APPI before 2017-05-30: 23条4項, 24条 and no 要配慮 or foreign rule", "[rules][legal][citation]") {
  const std::string outsourcing = "個人情報保護法第23条第4項第1号に基づく委託";
  CHECK(findings(notice_on("2017-05-29", outsourcing), "citation-stale").empty());
  CHECK(findings(notice_on("2017-05-30", outsourcing), "citation-stale") ==
        Lines{"a.yaml:30:26: warning: 個人情報保護法第23条第4項第1号 is cited for provision that comes with "
              "outsourcing (委託に伴う提供), but that was its number until 2017-05-29; since 2017-05-30 it is "
              "第23条第5項第1号 [citation-stale]"});
  const std::string joint = "個人情報保護法第23条第5項第3号による共同利用";
  CHECK(findings(notice_on("2017-05-29", joint), "citation-anachronistic").size() == 1);
  CHECK(findings(notice_on("2017-05-30", joint), "citation-anachronistic").empty());
  const std::string retained = "保有個人データに関する事項の公表（個人情報保護法第24条）";
  CHECK(findings(notice_on("2017-05-29", retained), "citation-stale").empty());
  CHECK(findings(notice_on("2017-05-30", retained), "citation-stale").size() == 1);
  // 外国にある第三者 did not exist before 2017-05-30.
  CHECK(
      findings(notice_on("2017-05-29", "外国にある第三者への提供は個人情報保護法第24条による"),
               "citation-anachronistic") ==
      Lines{"a.yaml:30:39: warning: 個人情報保護法第24条 is cited for provision to third parties in foreign countries "
            "(外国にある第三者への提供の制限), but it has that number only from 2017-05-30; provision to third parties "
            "in "
            "foreign countries did not exist before 2017-05-30 [citation-anachronistic]"});
}

TEST_CASE("former rule ids still configure and suppress their rules", "[rules][legal]") {
  RuleOptions off;
  off.severity["citation-stale"] = std::nullopt;
  CHECK(findings(notice_on("2021-09-01", "番号法第19条第7号に基づく情報連携"), "citation-stale", off).empty());
  REQUIRE(find_rule("mynumber-19-stale-item"));
  CHECK(find_rule("mynumber-19-stale-item")->id == "citation-stale");
  CHECK(find_rule("appi-article-anachronistic")->id == "citation-anachronistic");
  RuleOptions external;
  external.suppressions.push_back({"mynumber-19-stale-item", "", "", "公表文の改訂予定"});
  CHECK(findings(notice_on("2021-09-01", "番号法第19条第7号に基づく情報連携"), "citation-stale", external).empty());
}

// ---------------------------------------------------------------------------------------------
// Dated facts

TEST_CASE("insurance-card-abolished: issue ended 2024-12-02, old cards lapsed after 2025-12-01", "[rules][legal]") {
  const std::string text = "被保険者資格の確認並びに健康保険被保険者証の発行管理";
  CHECK(findings(notice_on("2024-12-02", text), "insurance-card-abolished").size() == 1);
  CHECK(findings(notice_on("2024-12-01", text), "insurance-card-abolished").empty());
  const std::string with_certificate = "被保険者証及び資格確認書の発行管理";
  CHECK(findings(notice_on("2024-12-02", with_certificate), "insurance-card-abolished").empty());
  CHECK(findings(notice_on("2025-12-01", with_certificate), "insurance-card-abolished").empty());
  CHECK(
      findings(notice_on("2025-12-02", with_certificate), "insurance-card-abolished") ==
      Lines{"a.yaml:30:19: warning: no 被保険者証 is valid any more: new cards stopped on 2024-12-02 and the old ones "
            "lapsed on 2025-12-01, but this revision still describes issuing or managing them; describe the "
            "資格確認書 and 資格情報のお知らせ instead [insurance-card-abolished]"});
  // 共済組合 issue 組合員証.
  CHECK(findings(notice_on("2024-12-02", "組合員証の交付"), "insurance-card-abolished").size() == 1);
  // Collecting the old cards is not using them.
  CHECK(findings(notice_on("2025-12-02", "被保険者証の回収"), "insurance-card-abolished").empty());
}

TEST_CASE("a revision is judged for its whole period of force", "[rules][legal][period]") {
  const std::string text = "被保険者資格の確認並びに健康保険被保険者証の発行管理";
  const std::string n = notice_on("2021-10-29", text);
  // On its effective date only: clean.
  CHECK(findings(n, "insurance-card-abolished").empty());
  // Still in force today: the problem starts on 2024-12-02, and is described as it stands today.
  CHECK(
      findings(n, "insurance-card-abolished", as_of({2026, 12, 1})) ==
      Lines{"a.yaml:30:35: warning: since 2024-12-02: no 被保険者証 is valid any more: new cards stopped on 2024-12-02 "
            "and the old ones lapsed on 2025-12-01, but this revision still describes issuing or managing them; "
            "describe the 資格確認書 and 資格情報のお知らせ instead [insurance-card-abolished]"});
  CHECK(findings(n, "insurance-card-abolished", as_of({2024, 12, 1})).empty());
  // A later revision ends the period: the earlier one is not judged after it.
  const std::string later = replaced(replaced(n, "    wording: 令和４年４月１日から改正施行する。\n",
                                              "    wording: 令和３年１０月２９日施行\n  - effective: 2023-01-01\n"
                                              "    wording: 令和５年１月１日から改正施行する。\n"),
                                     "text: " + text, "text: 被保険者資格の確認");
  CHECK(findings(later, "insurance-card-abolished", as_of({2026, 12, 1})).empty());
  SECTION("the JSON-facing fields say when it starts") {
    const LoadResult loaded = load_text("a.yaml", n);
    REQUIRE(loaded.notice);
    bool found = false;
    for (const auto &d : check_notice(*loaded.notice, as_of({2026, 12, 1}))) {
      if (d.rule_id == "insurance-card-abolished") {
        CHECK(d.since == "2024-12-02");
        CHECK(d.until.empty());
        found = true;
      }
    }
    CHECK(found);
  }
  SECTION("a finding that ends inside the period says until when") {
    const std::string online = notice_on("2021-09-01", "オンライン資格確認等システムへの資格情報の登録");
    CHECK(findings(online, "online-qualification-trial", as_of({2026, 12, 1})).at(0).find("warning") ==
          std::string::npos);
    CHECK(findings(online, "online-qualification-trial", as_of({2026, 12, 1})).at(0).find("until 2021-10-19: ") !=
          std::string::npos);
  }
}

TEST_CASE("online-qualification: legal basis 2020-10-01, trial 2021-03-04, full operation 2021-10-20",
          "[rules][legal]") {
  const std::string text = "オンライン資格確認等システムへの資格情報の登録";
  CHECK(findings(notice_on("2020-09-30", text), "online-qualification-anachronistic").size() == 1);
  CHECK(findings(notice_on("2020-10-01", text), "online-qualification-anachronistic").empty());
  // Between the legal basis and the trial: information, not an error.
  CHECK(
      findings(notice_on("2020-10-01", text), "online-qualification-trial") ==
      Lines{"a.yaml:30:19: info: the オンライン資格確認等システム had its legal basis but had not started (trial from "
            "2021-03-04); full operation began on 2021-10-20 [online-qualification-trial]"});
  CHECK(findings(notice_on("2021-03-03", text), "online-qualification-trial").size() == 1);
  CHECK(findings(notice_on("2021-03-04", text), "online-qualification-trial").size() == 1);
  CHECK(findings(notice_on("2021-10-19", text), "online-qualification-trial").size() == 1);
  CHECK(findings(notice_on("2021-10-20", text), "online-qualification-trial").empty());
}

TEST_CASE("guideline-superseded: the ガイダンス applies from 2017-05-30", "[rules][legal]") {
  const std::string text = "厚生労働省が示したガイドラインに基づく事務";
  CHECK(findings(notice_on("2017-05-30", text), "guideline-superseded").size() == 1);
  CHECK(findings(notice_on("2017-05-29", text), "guideline-superseded").empty());
  CHECK(findings(notice_on("2017-04-14", text), "guideline-superseded").empty());
  CHECK(findings(notice_on("2021-01-01", "個人情報保護委員会・厚生労働省が示したガイダンスに基づく事務"),
                 "guideline-superseded")
            .empty());
}

TEST_CASE("processed-information: 匿名加工情報 from 2017-05-30, 仮名加工情報 from 2022-04-01", "[rules][legal]") {
  CHECK(findings(notice_on("2022-03-31", "仮名加工情報を作成し、医療費分析の目的で利用"), "processed-information")
            .size() == 1);
  CHECK(findings(notice_on("2022-04-01", "仮名加工情報を作成し、医療費分析の目的で利用"), "processed-information")
            .empty());
  CHECK(findings(notice_on("2017-05-29", "匿名加工情報の作成"), "processed-information").size() == 1);
  // From 2017-05-30 it exists, but the items it contains must be published.
  CHECK(findings(notice_on("2017-05-30", "匿名加工情報の作成"), "processed-information").size() == 1);
  CHECK(findings(notice_on("2017-05-30", "匿名加工情報の作成（含まれる項目：年齢、性別、傷病名）"),
                 "processed-information")
            .empty());
}

TEST_CASE("retained-data-matters: what must be published about retained data, by date", "[rules][legal]") {
  CHECK(findings(k_minimal, "retained-data-matters").empty()); // published_elsewhere names them
  const auto after = findings(without_elsewhere(notice_on("2022-04-01", "保険給付の実施")), "retained-data-matters");
  REQUIRE(after.size() == 1);
  CHECK(after[0].find("個人情報保護法第32条") != std::string::npos);
  CHECK(after[0].find("its address") != std::string::npos);
  CHECK(after[0].find("security measures") != std::string::npos);
  const auto before = findings(without_elsewhere(notice_on("2022-03-31", "保険給付の実施")), "retained-data-matters");
  REQUIRE(before.size() == 1);
  CHECK(before[0].find("個人情報保護法第27条") != std::string::npos);
  CHECK(before[0].find("its address") == std::string::npos);
  CHECK(before[0].find("security measures") == std::string::npos);
  // Printed in the notice itself.
  const std::string printed =
      without_elsewhere(notice_on("2022-04-01", "保険給付の実施")) +
      "postscript:\n  - 当組合の所在地：東京都…　理事長：山田太郎。安全管理措置、開示等の請求の手続、"
      "苦情の申出先は次のとおりです。\n";
  CHECK(findings(printed, "retained-data-matters").empty());
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
  return replaced(n, "text: コラボヘルスの一環である健診結果の事業者への提供",
                  "text: コラボヘルスの一環である健診結果の事業者との共同利用");
}

const std::string k_full_disclosure = "            joint_use:\n"
                                      "              items: 健診結果\n"
                                      "              scope: 当組合及び事業主\n"
                                      "              purpose: 加入者の健康の保持増進\n"
                                      "              responsible: テスト健康保険組合\n"
                                      "              address: 東京都千代田区…\n"
                                      "              representative: 理事長 山田太郎\n";

} // namespace

TEST_CASE("joint-use-incomplete: the disclosure, その旨, and address/representative from 2022-04-01",
          "[rules][flows]") {
  CHECK(findings(joint_use("2022-04-01", k_full_disclosure), "joint-use-incomplete").empty());
  CHECK(findings(joint_use("2022-04-01", ""), "joint-use-incomplete").size() == 1);
  const std::string no_address = replaced(replaced(k_full_disclosure, "              address: 東京都千代田区…\n", ""),
                                          "              representative: 理事長 山田太郎\n", "");
  // One finding per disclosure, listing everything missing.
  CHECK(
      findings(joint_use("2022-04-01", no_address), "joint-use-incomplete") ==
      Lines{
          "a.yaml:43:15: error: the joint-use disclosure of `collabo-health` lacks what 個人情報保護法第27条第5項第3号 "
          "requires: that party's address (`address`, required since 2022-04-01); for a corporation, its "
          "representative's name (`representative`, required since 2022-04-01) [joint-use-incomplete]"});
  CHECK(findings(joint_use("2022-03-31", no_address), "joint-use-incomplete").empty());
  const std::string no_scope = replaced(k_full_disclosure, "              scope: 当組合及び事業主\n", "");
  CHECK(findings(joint_use("2022-03-31", no_scope), "joint-use-incomplete")
            .at(0)
            .find("個人情報保護法第23条第5項第3号") != std::string::npos);
  CHECK(findings(joint_use("2017-05-29", no_scope), "joint-use-incomplete")
            .at(0)
            .find("個人情報保護法第23条第4項第3号") != std::string::npos);
  SECTION("the statement that joint use takes place (その旨)") {
    // Nothing printed around it says 共同利用: the statement is missing.
    std::string silent =
        replaced(joint_use("2022-04-01", k_full_disclosure),
                 "text: コラボヘルスの一環である健診結果の事業者との共同利用", "text: 健診結果の事業者との活用");
    silent = replaced(silent, "items: 健診結果", "items: 健診結果の数値");
    CHECK(findings(silent, "joint-use-incomplete").size() == 1);
    CHECK(findings(silent, "joint-use-incomplete").at(0).find("`statement`") != std::string::npos);
    CHECK(findings(replaced(silent, "              items:",
                            "              statement: 以下のとおり共同利用します。\n"
                            "              items:"),
                   "joint-use-incomplete")
              .empty());
    CHECK(findings(replaced(silent, "text: 健診結果の事業者との活用", "text: 健診結果の事業者との共同利用"),
                   "joint-use-incomplete")
              .empty());
  }
}

TEST_CASE("joint users are not third parties: sensitive data in a complete joint use", "[rules][flows]") {
  const std::string complete = joint_use("2022-04-01", k_full_disclosure);
  CHECK(findings(complete, "sensitive-to-employer").empty());
  CHECK(findings(complete, "outward-sensitive-without-basis").empty());
  // An incomplete one is reported once, as incomplete.
  const std::string incomplete = joint_use("2022-04-01", "");
  CHECK(findings(incomplete, "joint-use-incomplete").size() == 1);
  CHECK(findings(incomplete, "sensitive-to-employer").empty());
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
  // The wording itself names a case of 第19条: 「番号法に定める情報連携」.
  CHECK(findings(replaced(n, "text: コラボヘルスの一環である健診結果の事業者への提供", "text: 番号法に定める情報連携"),
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
  // Before 2017-05-30 there was no 要配慮個人情報.
  const std::string old =
      replaced(notice_on("2017-05-29", "保険給付の実施"), "            basis:\n              - law: consent\n", "");
  CHECK(findings(old, "sensitive-to-employer").empty());
  const std::string from =
      replaced(notice_on("2017-05-30", "保険給付の実施"), "            basis:\n              - law: consent\n", "");
  CHECK(findings(from, "sensitive-to-employer").size() == 1);
}

TEST_CASE("implied-consent-objection: implied consent needs a published way to object", "[rules][flows]") {
  const std::string implied = replaced(k_minimal, "            basis:\n              - law: consent\n",
                                       "            basis:\n              - law: implied_consent\n");
  CHECK(findings(implied, "implied-consent-objection").size() == 1);
  // Implied consent is a ground: the flow is not reported as unlawful.
  CHECK(findings(implied, "sensitive-to-employer").empty());
  CHECK(findings(replaced(implied, "              - law: implied_consent\n",
                          "              - law: implied_consent\n            notes:\n"
                          "              - 希望されない方は当組合までお申し出ください。\n"),
                 "implied-consent-objection")
            .empty());
}

TEST_CASE("outward-sensitive-without-basis: family members are data subjects of their own", "[rules][flows]") {
  std::string to_members = replaced(k_minimal, "    kind: employer\n", "    kind: data_subject\n");
  to_members = replaced(to_members, "            basis:\n              - law: consent\n", "");
  CHECK(findings(to_members, "outward-sensitive-without-basis").size() == 1);
  CHECK(findings(replaced(to_members, "            data: [checkups]\n",
                          "            data: [checkups]\n            basis:\n              - law: implied_consent\n"),
                 "outward-sensitive-without-basis")
            .empty());
}

TEST_CASE("employer-checkup-receipt: the law under which employers provide health-check records", "[rules][flows]") {
  std::string received =
      replaced(k_minimal, "            basis:\n              - law: consent\n", "            flow: received\n");
  CHECK(findings(received, "employer-checkup-receipt").size() == 1);
  CHECK(findings(received, "employer-checkup-receipt").at(0).find("高確法第27条第3項") != std::string::npos);
  CHECK(findings(received, "employer-checkup-receipt").at(0).find("健康保険法第150条第2項") != std::string::npos);
  CHECK(findings(replaced(received, "            flow: received\n",
                          "            flow: received\n            basis:\n              - law: elderly_medical_act\n"
                          "                article: \"27\"\n                paragraph: \"3\"\n"),
                 "employer-checkup-receipt")
            .empty());
}

TEST_CASE("processing-abroad", "[rules][flows]") {
  const std::string abroad =
      replaced(k_minimal, "    kind: employer\n", "    kind: employer\n    abroad: true\n    country: シンガポール\n");
  CHECK(findings(abroad, "processing-abroad").size() == 1);
  CHECK(findings(k_minimal, "processing-abroad").empty());
  const std::string stated =
      replaced(abroad, "parties:\n",
               "postscript:\n  - 外国にある第三者への提供については、本人の同意を得て行います。\nparties:\n");
  CHECK(findings(stated, "processing-abroad").empty());
  // A bare 「28条」 is not a statement on foreign provision (before 2022 it was 開示).
  const std::string bare =
      replaced(abroad, "parties:\n", "postscript:\n  - 開示の請求は個人情報保護法第28条によります。\nparties:\n");
  CHECK(findings(bare, "processing-abroad").size() == 1);
  // From 2022-04-01 the country must be named.
  CHECK(findings(replaced(stated, "    country: シンガポール\n", ""), "processing-abroad").size() == 1);
  const std::string before = replaced(notice_on("2022-03-31", "保険給付の実施"), "    kind: employer\n",
                                      "    kind: employer\n    abroad: true\n");
  CHECK(findings(replaced(before, "parties:\n",
                          "postscript:\n  - 外国にある第三者への提供は同意を得て行います。\nparties:\n"),
                 "processing-abroad")
            .empty());
  // Before 2017-05-30 there was no rule on foreign third parties.
  CHECK(findings(replaced(notice_on("2017-05-29", "保険給付の実施"), "    kind: employer\n",
                          "    kind: employer\n    abroad: true\n"),
                 "processing-abroad")
            .empty());
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

TEST_CASE("one finding per citation: a basis that records the printed 第19条第7項 as 第7号 is judged there once",
          "[rules][legal][citation]") {
  std::string n = notice_on("2022-01-01", "番号法第19条第7項に基づく情報連携");
  n = replaced(n, "text: 番号法第19条第7項に基づく情報連携\n",
               "text: 番号法第19条第7項に基づく情報連携\n            basis: [{law: mynumber_act, article: \"19\", "
               "item: \"7\"}]\n");
  const LoadResult loaded = load_text("a.yaml", n);
  REQUIRE(loaded.diagnostics.empty());
  std::vector<std::string> citation_rules;
  for (const auto &d : check_notice(*loaded.notice, {})) {
    if (d.rule_id.rfind("citation-", 0) == 0) {
      citation_rules.push_back(d.rule_id);
    }
  }
  CHECK(citation_rules == std::vector<std::string>{"citation-paragraph-for-item"});
}
