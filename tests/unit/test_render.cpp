#include "notice_text.hpp"
#include "seed_compare.hpp"

#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/render.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace notice;
using notice::test::k_minimal;
using notice::test::replaced;

namespace {

Notice load_notice(const std::string &text) {
  LoadResult r = load_text("test.yaml", text);
  for (const auto &d : r.diagnostics) {
    INFO(format_diagnostic(d));
  }
  REQUIRE(r.notice);
  return *r.notice;
}

Notice bundled_notice() {
  LoadResult r = load_file(NOTICE_SOURCE_DIR "/notice/acom-kenpo.yaml");
  REQUIRE(r.notice);
  return *r.notice;
}

std::string read_seed() {
  std::ifstream in(NOTICE_SOURCE_DIR "/tests/data/seed-acom-2021-10-29.txt", std::ios::binary);
  REQUIRE(in);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

constexpr Date k_published{2021, 10, 29};

} // namespace

TEST_CASE("the view model holds one revision's elements in document order", "[render]") {
  const Notice notice = load_notice(k_minimal);
  SECTION("the first revision leaves out what was added later") {
    const NoticeView view = make_view(notice, {2021, 9, 1});
    CHECK(view.title == "テスト健康保険組合が保有する個人情報の利用目的の公表について");
    CHECK(view.insurer == "テスト健康保険組合");
    CHECK(view.effective == "2021-09-01");
    CHECK(view.effective_ja == "令和３年９月１日");
    REQUIRE(view.categories.size() == 1);
    CHECK(view.categories[0].heading == "1．被保険者等に対する保険給付に必要な利用目的");
    REQUIRE(view.categories[0].buckets.size() == 1); // benefits-external comes with 2022-04-01
    CHECK(view.categories[0].buckets[0].heading == "【健保組合等の内部での利用に係る事例】");
    REQUIRE(view.categories[0].buckets[0].items.size() == 1);
    CHECK(view.categories[0].buckets[0].items[0].marker == "・");
    CHECK(view.categories[0].buckets[0].items[0].text == "保険給付及び付加給付の実施");
    CHECK(view.revision_lines == std::vector<std::string>{"令和３年９月１日施行"});
  }
  SECTION("a later date selects the later revision and prints every closing line up to it") {
    const NoticeView view = make_view(notice, {2023, 1, 1});
    CHECK(view.effective == "2022-04-01");
    REQUIRE(view.categories[0].buckets[1].items.size() == 1);
    CHECK(view.categories[0].buckets[1].items[0].text == "コラボヘルスの一環である健診結果の事業者への提供");
    CHECK(view.revision_lines ==
          std::vector<std::string>{"令和３年９月１日施行", "令和４年４月１日から改正施行する。"});
  }
  SECTION("a date before the first revision is an error") {
    CHECK_THROWS_WITH(make_view(notice, {2020, 1, 1}),
                      "test.yaml: no revision is in force on 2020-01-01; its revisions start on 2021-09-01");
  }
}

TEST_CASE("the view model renders every printed part of the format", "[render]") {
  std::string text = k_minimal;
  text = replaced(text, "revisions:", R"(preamble:
  - 前文の段落です。
  - id: preamble-second
    text: 二つ目の段落です。
postscript:
  - 保存期間は別に定めます。
style:
  item_marker: ○
revisions:)");
  text = replaced(text, "    wording: 令和３年９月１日施行\n", "");
  text = replaced(text, "    wording: 令和４年４月１日から改正施行する。\n", "");
  text = replaced(text, "    buckets:", "    intro:\n      - 区分の説明です。\n    buckets:");
  text = replaced(text, "            data: [applications]\n",
                  "            data: [applications]\n"
                  "            notes: [※付記一, ※付記二]\n");
  const NoticeView view = make_view(load_notice(text), {2022, 4, 1});
  CHECK(view.preamble == std::vector<std::string>{"前文の段落です。", "二つ目の段落です。"});
  CHECK(view.postscript == std::vector<std::string>{"保存期間は別に定めます。"});
  CHECK(view.categories[0].intro == std::vector<std::string>{"区分の説明です。"});
  const ItemView &item = view.categories[0].buckets[0].items[0];
  CHECK(item.marker == "○");
  CHECK(item.notes == std::vector<std::string>{"※付記一", "※付記二"});
  SECTION("absent wordings are generated in the Japanese era") {
    CHECK(view.revision_lines ==
          std::vector<std::string>{"令和３年９月１日施行", "令和４年４月１日から改正施行する。"});
  }
  SECTION("the text template prints them all") {
    RenderOptions options;
    options.format = RenderFormat::txt;
    const std::string out = render_notice(load_notice(text), {2022, 4, 1}, options);
    CHECK(out == "テスト健康保険組合が保有する個人情報の利用目的の公表について\n"
                 "\n"
                 "前文の段落です。\n"
                 "二つ目の段落です。\n"
                 "\n"
                 "1．被保険者等に対する保険給付に必要な利用目的\n"
                 "区分の説明です。\n"
                 "【健保組合等の内部での利用に係る事例】\n"
                 "○保険給付及び付加給付の実施\n"
                 "　※付記一\n"
                 "　※付記二\n"
                 "【他の事業者等への情報提供を伴う事例】\n"
                 "○コラボヘルスの一環である健診結果の事業者への提供\n"
                 "\n"
                 "保存期間は別に定めます。\n"
                 "\n"
                 "令和３年９月１日施行\n"
                 "令和４年４月１日から改正施行する。\n");
  }
  SECTION("the Markdown template prints them all, notes as hard line breaks") {
    RenderOptions options;
    options.format = RenderFormat::md;
    const std::string out = render_notice(load_notice(text), {2022, 4, 1}, options);
    CHECK(out == "# テスト健康保険組合が保有する個人情報の利用目的の公表について\n"
                 "\n"
                 "前文の段落です。\n"
                 "\n"
                 "二つ目の段落です。\n"
                 "\n"
                 "## 1．被保険者等に対する保険給付に必要な利用目的 {#benefits}\n"
                 "\n"
                 "区分の説明です。\n"
                 "\n"
                 "### 【健保組合等の内部での利用に係る事例】 {#benefits-internal}\n"
                 "\n"
                 "- ○保険給付及び付加給付の実施\\\n"
                 "  ※付記一\\\n"
                 "  ※付記二\n"
                 "\n"
                 "### 【他の事業者等への情報提供を伴う事例】 {#benefits-external}\n"
                 "\n"
                 "- ○コラボヘルスの一環である健診結果の事業者への提供\n"
                 "\n"
                 "保存期間は別に定めます。\n"
                 "\n"
                 "令和３年９月１日施行\n"
                 "\n"
                 "令和４年４月１日から改正施行する。\n"
                 "\n");
  }
}

TEST_CASE("joint-use disclosures are printed under their bucket", "[render]") {
  std::string text = replaced(k_minimal, "        kind: external\n", R"(        kind: joint_use
        joint_use:
          items: 氏名、健診結果
          scope: 当組合及び事業主
          responsible: テスト健康保険組合
)");
  text = replaced(text, "            parties: [employer]\n",
                  "            parties: [employer]\n            flow: joint_use\n");
  LoadResult r = load_text("test.yaml", text);
  REQUIRE(r.notice);
  const NoticeView view = make_view(*r.notice, {2022, 4, 1});
  CHECK(view.categories[0].buckets[1].details ==
        std::vector<std::string>{"共同して利用される個人データの項目：氏名、健診結果",
                                 "共同して利用する者の範囲：当組合及び事業主",
                                 "個人データの管理について責任を有する者の氏名又は名称：テスト健康保険組合"});
  // With the society's own labels, the entries as printed (and the statutory fields they fill, not again).
  const std::string labelled = replaced(text, R"(          items: 氏名、健診結果
          scope: 当組合及び事業主
          responsible: テスト健康保険組合
)",
                                        R"(          heading: 健診結果の共同利用
          entries:
            - {label: 1. 共同利用の趣旨, text: 事後指導のため}
            - {label: 2. 共同利用する項目, lines: [氏名, 健診結果]}
)");
  CHECK(make_view(load_notice(labelled), {2022, 4, 1}).categories[0].buckets[1].details ==
        std::vector<std::string>{"健診結果の共同利用", "1. 共同利用の趣旨", "事後指導のため", "2. 共同利用する項目",
                                 "氏名", "健診結果"});
}

TEST_CASE("the seed comparison notices any missing, extra, reordered or altered line", "[render][seed]") {
  using notice::test::compare_lines;
  using notice::test::seed_lines;
  const std::vector<std::string> seed = seed_lines(read_seed());
  REQUIRE(seed.size() > 60);
  CHECK(seed.front() == "アコム健康保険組合が保有する個人情報の利用目的の公表について");
  CHECK(seed[2] ==
        "当組合の個人情報の利用目的は、大きな意味では、健康保険法に定める「加入者の業務災害以外の疾病、負傷もしくは"
        "死亡または出産に関する保険給付を行う」ことを目的とし、「加入者の健康の保持増進のために必要な事業を行う」"
        "こととなります。");
  CHECK(seed.back() == "令和３年１０月２９日から改正施行する。");
  CHECK(compare_lines(seed, seed).empty());
  std::vector<std::string> changed = seed;
  changed.erase(changed.begin() + 20);
  CHECK_FALSE(compare_lines(seed, changed).empty());
  changed = seed;
  changed.insert(changed.begin() + 20, "・余分な項目");
  CHECK_FALSE(compare_lines(seed, changed).empty());
  changed = seed;
  std::swap(changed[20], changed[21]);
  CHECK_FALSE(compare_lines(seed, changed).empty());
  changed = seed;
  changed[30] += "等";
  CHECK_FALSE(compare_lines(seed, changed).empty());
  changed = seed;
  changed.pop_back();
  CHECK(compare_lines(seed, changed) ==
        "line " + std::to_string(seed.size()) + " missing: 令和３年１０月２９日から改正施行する。");
}

TEST_CASE("rendering the 2021-10-29 revision reproduces every line of the published notice", "[render][seed]") {
  const Notice notice = bundled_notice();
  const std::vector<std::string> seed = notice::test::seed_lines(read_seed());
  SECTION("txt") {
    const std::string out = render_notice(notice, k_published, RenderOptions{RenderFormat::txt, {}, {}, {}, {}});
    const auto rendered = notice::test::normalized_lines(out);
    const std::string difference = notice::test::compare_lines(seed, rendered);
    INFO(difference);
    CHECK(difference.empty());
  }
  SECTION("md") {
    const std::string out = render_notice(notice, k_published, RenderOptions{RenderFormat::md, {}, {}, {}, {}});
    const auto rendered = notice::test::markdown_lines(out);
    const std::string difference = notice::test::compare_lines(seed, rendered);
    INFO(difference);
    CHECK(difference.empty());
  }
  SECTION("the date lines are printed in the Japanese era with full-width digits") {
    const NoticeView view = make_view(notice, k_published);
    CHECK(view.revision_lines ==
          std::vector<std::string>{"令和３年９月１日施行", "令和３年１０月２９日から改正施行する。"});
  }
}

TEST_CASE("the reconstructed 2021-09-01 revision drops what came with online eligibility", "[render]") {
  const Notice notice = bundled_notice();
  const std::string out = render_notice(notice, {2021, 9, 1}, RenderOptions{RenderFormat::txt, {}, {}, {}, {}});
  CHECK(out.find("オンライン資格確認等システム") == std::string::npos);
  CHECK(out.find("７．特定個人情報") != std::string::npos);
  CHECK(out.ends_with("\n令和３年９月１日施行\n"));
}

TEST_CASE("txt and md are byte-identical across runs", "[render]") {
  const Notice notice = bundled_notice();
  for (const auto format : {RenderFormat::txt, RenderFormat::md}) {
    const RenderOptions options{format, {}, {}, {}, {}};
    CHECK(render_notice(notice, k_published, options) == render_notice(notice, k_published, options));
  }
}

TEST_CASE("a user template replaces the built-in one and its errors name it", "[render]") {
  const Notice notice = bundled_notice();
  RenderOptions options{RenderFormat::txt, "{{title}} / {{effective_ja}}\n", "mine.mustache", {}, {}};
  CHECK(render_notice(notice, k_published, options) ==
        "アコム健康保険組合が保有する個人情報の利用目的の公表について / 令和３年１０月２９日\n");
  options.template_text = "{{#categories}}{{heading}}";
  CHECK_THROWS_WITH(render_notice(notice, k_published, options),
                    Catch::Matchers::StartsWith("mine.mustache: not a valid mustache template: Unclosed section"));
}

TEST_CASE("Markdown syntax in a field stays text", "[render]") {
  const std::string text =
      replaced(k_minimal, "text: 保険給付及び付加給付の実施", "text: \"<script>alert('x')</script> *強調* [a](b)\"");
  const std::string out =
      render_notice(load_notice(text), {2021, 9, 1}, RenderOptions{RenderFormat::md, {}, {}, {}, {}});
  CHECK(out.find("- ・\\<script\\>alert('x')\\</script\\> \\*強調\\* \\[a\\](b)\n") != std::string::npos);
}

TEST_CASE("without pandoc, html, pdf and docx fail clearly and txt and md still work", "[render]") {
  const Notice notice = bundled_notice();
  const char *saved = std::getenv("PATH");
  const std::string path = saved ? saved : "";
  ::setenv("PATH", "/nonexistent", 1);
  CHECK_THROWS_WITH(render_notice(notice, k_published, RenderOptions{RenderFormat::html, {}, {}, {}, {}}),
                    "--format html needs pandoc, which was not found in PATH; install the Debian package `pandoc` "
                    "(apt install pandoc). --format txt and md work without it");
  CHECK_THROWS_WITH(render_notice(notice, k_published, RenderOptions{RenderFormat::docx, {}, {}, {}, {}}),
                    Catch::Matchers::Contains("`pandoc`"));
  CHECK_NOTHROW(render_notice(notice, k_published, RenderOptions{RenderFormat::txt, {}, {}, {}, {}}));
  CHECK_NOTHROW(render_notice(notice, k_published, RenderOptions{RenderFormat::md, {}, {}, {}, {}}));
  ::setenv("PATH", path.c_str(), 1);
}

namespace {

// A schema-2 notice with every printed structure of format 2, for the tests below.
const std::string k_format2 = R"yaml(schema: 2
insurer:
  name: テスト共済組合
  kind: kyosai_local
title:
  - 個人情報の取扱いについて
  - テスト共済組合
revisions:
  - effective: 2021-06-01
    wording: "更新日: 2021年06月01日"
    wording_at: top
preamble:
  - 前文です。
style:
  item_marker: ""
body:
  - fields:
      - label: 個人情報取扱事業者の名称
        value: テスト共済組合
  - heading: 保有個人データの利用目的
  - purposes: true
  - section:
      marker: "第1 "
      heading: 開示等の手続き
      role: request-procedure
      blocks:
        - 申出書を送付してください。
        - list:
            - text: 本人の場合
              marker: "1. "
              items: [運転免許証の写し]
            - {marker: "2. ", text: 代理人の場合}
          marker: "・"
  - joint_use:
      heading: 健診結果の共同利用
      intro: [事業主と共同して利用します。]
      entries:
        - label: 1. 共同利用の趣旨
          text: コラボヘルスのため
        - label: 2. 共同して利用する個人データの項目
          lines: [氏名, 健診結果]
  - table:
      caption: 改訂履歴
      header: [版数, 改訂内容]
      rows: [["1.0", 新規制定]]
categories:
  - id: membership
    marker: (1)
    title: 組合員資格関係
    item_marker: ・
    buckets:
      - id: membership-uses
        items:
          - {id: eligibility, text: 組合員資格の確認}
          - {id: numbered, marker: ①, text: 番号のある項目, notes: [{marker: "1)", text: 内容の説明}]}
        notes:
          - 区分の後の注記です。
  - id: unheaded
    buckets:
      - id: received
        heading: 【他機関より情報を受ける場合】
        item_marker: "○"
        items:
          - {id: tax, text: 課税情報}
    notes:
      - fields:
          - label: 注記1:提供する個人データ
            value: 組合員情報
)yaml";

} // namespace

TEST_CASE("format 2: every printed structure in document order, nothing invented", "[render]") {
  const Notice notice = load_notice(k_format2);
  SECTION("the view holds title lines, the top date line, blocks split at the purposes, notes") {
    const NoticeView view = make_view(notice, {2026, 12, 1});
    CHECK(view.title == "個人情報の取扱いについて");
    CHECK(view.title_lines == std::vector<std::string>{"テスト共済組合"});
    CHECK(view.top_revision_lines == std::vector<std::string>{"更新日: 2021年06月01日"});
    CHECK(view.revision_lines.empty());
    REQUIRE(view.body_before.size() == 3);
    CHECK(view.body_before[0].kind == LineView::Kind::label);
    CHECK(view.body_before[1].kind == LineView::Kind::value);
    CHECK(view.body_before[2].kind == LineView::Kind::heading);
    CHECK(view.categories[0].heading == "(1)組合員資格関係");
    CHECK(view.categories[0].buckets[0].items[0].marker == "・");
    CHECK(view.categories[0].buckets[0].items[1].marker == "①");
    CHECK(view.categories[0].buckets[0].items[1].notes == std::vector<std::string>{"1)内容の説明"});
    CHECK(view.categories[1].heading.empty());
    CHECK(view.categories[1].buckets[0].items[0].marker == "○");
  }
  SECTION("txt") {
    const std::string out = render_notice(notice, {2026, 12, 1}, RenderOptions{RenderFormat::txt, {}, {}, {}, {}});
    CHECK(out == "個人情報の取扱いについて\n"
                 "テスト共済組合\n"
                 "更新日: 2021年06月01日\n"
                 "\n"
                 "前文です。\n"
                 "\n"
                 "個人情報取扱事業者の名称\n"
                 "　テスト共済組合\n"
                 "保有個人データの利用目的\n"
                 "(1)組合員資格関係\n"
                 "・組合員資格の確認\n"
                 "①番号のある項目\n"
                 "　1)内容の説明\n"
                 "区分の後の注記です。\n"
                 "【他機関より情報を受ける場合】\n"
                 "○課税情報\n"
                 "注記1:提供する個人データ\n"
                 "　組合員情報\n"
                 "第1 開示等の手続き\n"
                 "申出書を送付してください。\n"
                 "1. 本人の場合\n"
                 "　・運転免許証の写し\n"
                 "2. 代理人の場合\n"
                 "健診結果の共同利用\n"
                 "事業主と共同して利用します。\n"
                 "1. 共同利用の趣旨\n"
                 "　コラボヘルスのため\n"
                 "2. 共同して利用する個人データの項目\n"
                 "　氏名\n"
                 "　健診結果\n"
                 "改訂履歴\n"
                 "版数　改訂内容　\n"
                 "1.0　新規制定　\n"
                 "\n"
                 "\n");
  }
  SECTION("md") {
    const std::string out = render_notice(notice, {2026, 12, 1}, RenderOptions{RenderFormat::md, {}, {}, {}, {}});
    CHECK(out == "# 個人情報の取扱いについて\n"
                 "\n"
                 "テスト共済組合\n"
                 "\n"
                 "更新日: 2021年06月01日\n"
                 "\n"
                 "前文です。\n"
                 "\n"
                 "個人情報取扱事業者の名称\n"
                 ":   テスト共済組合\n"
                 "\n"
                 "## 保有個人データの利用目的\n"
                 "\n"
                 "## (1)組合員資格関係 {#membership}\n"
                 "\n"
                 "- ・組合員資格の確認\n"
                 "- ①番号のある項目\\\n"
                 "  1\\)内容の説明\n"
                 "\n"
                 "区分の後の注記です。\n"
                 "\n"
                 "### 【他機関より情報を受ける場合】 {#received}\n"
                 "\n"
                 "- ○課税情報\n"
                 "\n"
                 "注記1:提供する個人データ\n"
                 ":   組合員情報\n"
                 "\n"
                 "## 第1 開示等の手続き\n"
                 "\n"
                 "申出書を送付してください。\n"
                 "\n"
                 "- 1\\. 本人の場合\n"
                 "  - ・運転免許証の写し\n"
                 "- 2\\. 代理人の場合\n"
                 "\n"
                 "\n"
                 "## 健診結果の共同利用\n"
                 "\n"
                 "事業主と共同して利用します。\n"
                 "\n"
                 "1\\. 共同利用の趣旨\n"
                 ":   コラボヘルスのため\n"
                 "\n"
                 "2\\. 共同して利用する個人データの項目\n"
                 ":   氏名\\\n"
                 "    健診結果\n"
                 "\n"
                 "改訂履歴\n"
                 "\n"
                 "| 版数 | 改訂内容 |\n"
                 "| --- | --- |\n"
                 "| 1\\.0 | 新規制定 |\n"
                 "\n"
                 "\n");
  }
}

TEST_CASE("format 2: a revision prints its date line only when it has printed wording", "[render]") {
  std::string text = replaced(k_format2, R"(  - effective: 2021-06-01
    wording: "更新日: 2021年06月01日"
    wording_at: top
)",
                              "  - seen: 2026-12-01\n");
  SECTION("seen: no date line anywhere, nothing made from the date") {
    const NoticeView view = make_view(load_notice(text), {2026, 12, 1});
    CHECK(view.top_revision_lines.empty());
    CHECK(view.above_title_lines.empty());
    CHECK(view.revision_lines.empty());
  }
  SECTION("effective without wording: none either (schema 1 would make one)") {
    text = replaced(text, "  - seen: 2026-12-01\n", "  - effective: 2021-09-01\n");
    CHECK(make_view(load_notice(text), {2026, 12, 1}).revision_lines.empty());
  }
  SECTION("wording at the end, each revision's in turn; above the title only the selected one's") {
    text = replaced(text, "  - seen: 2026-12-01\n",
                    "  - {effective: 2021-09-01, wording: 令和３年９月１日施行}\n"
                    "  - {effective: 2022-04-01, wording: 令和４年４月１日改正}\n"
                    "  - {effective: 2023-01-10, wording: 2023年1月10日, wording_at: above}\n");
    const NoticeView view = make_view(load_notice(text), {2026, 12, 1});
    CHECK(view.revision_lines == std::vector<std::string>{"令和３年９月１日施行", "令和４年４月１日改正"});
    CHECK(view.above_title_lines == std::vector<std::string>{"2023年1月10日"});
    const std::string out =
        render_notice(load_notice(text), {2026, 12, 1}, RenderOptions{RenderFormat::txt, {}, {}, {}, {}});
    CHECK(out.starts_with("2023年1月10日\n個人情報の取扱いについて\n"));
    CHECK(out.ends_with("\n令和３年９月１日施行\n令和４年４月１日改正\n"));
  }
}

TEST_CASE("format 2: a page with no title and no categories prints only its blocks", "[render]") {
  const std::string text = R"(schema: 2
insurer: {name: テスト健康保険組合, kind: kenpo}
revisions: [{seen: 2026-12-01}]
body:
  - |-
    一行目、
    二行目。
)";
  CHECK(render_notice(load_notice(text), {2026, 12, 1}, RenderOptions{RenderFormat::txt, {}, {}, {}, {}}) ==
        "\n\n\n\n一行目、\n二行目。\n\n\n");
  CHECK(render_notice(load_notice(text), {2026, 12, 1}, RenderOptions{RenderFormat::md, {}, {}, {}, {}}) ==
        "\n一行目、\\\n二行目。\n\n");
}
