// check-published's core: normalisation, alignment and the reports.
#include "notice/document_text.hpp"
#include "notice/load.hpp"
#include "notice/published.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace notice;

namespace {

Notice bundled() {
  LoadResult r = load_file(NOTICE_SOURCE_DIR "/notice/acom-kenpo.yaml");
  REQUIRE(r.notice);
  return *r.notice;
}

DocumentText published_lines(const std::vector<std::string> &lines) {
  DocumentText d;
  d.path = "published.txt";
  d.format = DocumentFormat::text;
  d.encoding = "UTF-8";
  int n = 0;
  for (const auto &text : lines) {
    LogicalLine line;
    line.text = text;
    line.pos.line = ++n;
    d.lines.push_back(line);
  }
  return d;
}

std::vector<ExpectedLine> expected_of(const std::vector<std::string> &lines) {
  std::vector<ExpectedLine> out;
  int n = 10;
  for (const auto &text : lines) {
    out.push_back({text, {n++, 5}});
  }
  return out;
}

std::string kinds(const PublishedComparison &c) {
  std::string out;
  for (const auto &d : c.differences) {
    out += std::string(to_string(d.kind)) + " ";
  }
  return out;
}

} // namespace

TEST_CASE("normalisation: what is ignored and what is not", "[published]") {
  CHECK(normalise_line("・被保険者資格の確認") == "被保険者資格の確認");
  CHECK(normalise_line("  • 被保険者 資格の　確認 ") == "被保険者資格の確認");
  CHECK(normalise_line("令和３年１０月２９日") == "令和3年10月29日");
  CHECK(normalise_line("第 19条第 8号") == "第19条第8号");
  CHECK(normalise_line("①〜③") == normalise_line("①～③"));
  CHECK(normalise_line("⽤途") == "用途");
  CHECK(normalise_line("My   Number card") == "My Number card");
  // Not normalised: brackets, punctuation, kana width, letters.
  CHECK(normalise_line("健康増進施設(保養所等)") != normalise_line("健康増進施設（保養所等）"));
  CHECK(normalise_line("１．") != normalise_line("1."));
  CHECK(normalise_line("ｱｲｳ") != normalise_line("アイウ"));
}

TEST_CASE("compare_published: equal, changed, missing, extra and re-wrapped lines", "[published]") {
  const auto expected = expected_of(
      {"表題", "・一つ目の項目です", "・二つ目の項目です", "・三つ目の長い項目の文です", "・四つ目", "結び"});
  SECTION("the same lines") {
    const auto c = compare_published(published_lines({"表題", "一つ目の項目です", "・二つ目の項目です",
                                                      "・三つ目の長い項目の文です", "・四つ目", "結び"}),
                                     expected);
    CHECK(c.same());
    CHECK(c.equal == 6);
  }
  SECTION("a line split in two and two lines joined count as equal") {
    const auto c = compare_published(published_lines({"表題", "・一つ目の項目です・二つ目の項目です", "・三つ目の長い",
                                                      "項目の文です", "・四つ目", "結び"}),
                                     expected);
    CHECK(c.same());
    CHECK(c.equal == 6);
    CHECK(c.rewrapped == 3);
  }
  SECTION("one changed, one missing, one extra") {
    const auto c = compare_published(published_lines({"表題", "・一つ目の項目でした", "・三つ目の長い項目の文です",
                                                      "・新しい行", "・四つ目", "結び"}),
                                     expected);
    CHECK(kinds(c) == "changed missing extra ");
    REQUIRE(c.differences.size() == 3);
    CHECK(*c.differences[0].published == 1);
    CHECK(*c.differences[0].expected == 1);
    CHECK(*c.differences[1].expected == 2);
    CHECK(*c.differences[1].after == 1);
    CHECK(*c.differences[2].published == 3);
    CHECK(c.equal == 4);
  }
  SECTION("a missing first line has no published line before it") {
    const auto c = compare_published(
        published_lines({"・一つ目の項目です", "・二つ目の項目です", "・三つ目の長い項目の文です", "・四つ目", "結び"}),
        expected);
    REQUIRE(c.differences.size() == 1);
    CHECK(c.differences[0].kind == DifferenceKind::missing);
    CHECK_FALSE(c.differences[0].after);
  }
}

TEST_CASE("compare_published aligns long documents through unique lines", "[published]") {
  std::vector<std::string> lines;
  for (int i = 0; i < 5000; ++i) {
    lines.push_back("・項目" + std::to_string(i) + "の利用目的");
  }
  std::vector<std::string> published = lines;
  published[2500] = "・項目2500の利用目的を変えた";
  published.erase(published.begin() + 4000);
  published.insert(published.begin() + 100, "・追加された項目");
  const auto c = compare_published(published_lines(published), expected_of(lines));
  CHECK(kinds(c) == "extra changed missing ");
  CHECK(c.equal == 4998);
}

TEST_CASE("expected lines carry the position of the YAML value they print", "[published]") {
  const Notice notice = bundled();
  const auto lines = expected_lines(notice, Date{2021, 10, 29});
  REQUIRE(lines.size() == 70);
  CHECK(lines[0].text == "アコム健康保険組合が保有する個人情報の利用目的の公表について");
  CHECK(lines[0].pos.known());
  const auto item = std::find_if(lines.begin(), lines.end(), [](const ExpectedLine &l) {
    return l.text == "・高額療養費及び一部負担金還元金等の自動払いにおける給与口座（事業主）への支払い";
  });
  REQUIRE(item != lines.end());
  CHECK(item->pos == Position{206, 19});
  CHECK(lines.back().text == "令和３年１０月２９日から改正施行する。");
  CHECK(lines.back().pos.known());
  for (const auto &line : lines) {
    INFO(line.text);
    CHECK(line.pos.known());
  }
}

TEST_CASE("the text and JSON reports", "[published]") {
  const auto expected = expected_of({"表題", "・給与口座（事業主）への支払い", "・医療費通知"});
  DocumentText published = published_lines({"表題", "・給与口座への支払い", "・生命保険会社への提供"});
  const auto c = compare_published(published, expected);
  const PublishedReportContext context{"n.yaml", Date{2026, 12, 1}, Date{2021, 10, 29}};
  std::ostringstream text;
  write_published_text(text, published, expected, c, context);
  CHECK(text.str() == "read published.txt: text, UTF-8, 3 lines\n"
                      "published.txt: line 2: changed line (n.yaml:11:5)\n"
                      "  published: ・給与口座への支払い\n"
                      "  notice:    ・給与口座（事業主）への支払い\n"
                      "  passage:   給与口座{+（事業主）+}への支払い\n"
                      "published.txt: line 3: extra line, not in the notice\n"
                      "  published: ・生命保険会社への提供\n"
                      "published.txt: after line 3: missing line (n.yaml:12:5)\n"
                      "  notice:    ・医療費通知\n"
                      "published.txt differs from n.yaml as in force on 2026-12-01 (revision 2021-10-29): 1 changed, "
                      "1 missing, 1 extra; 1 line equal.\n");
  std::ostringstream json;
  write_published_json(json, published, expected, c, context);
  const auto doc = nlohmann::json::parse(json.str());
  CHECK(doc["same"] == false);
  CHECK(doc["summary"]["changed"] == 1);
  CHECK(doc["differences"][0]["kind"] == "changed");
  CHECK(doc["differences"][0]["published"]["position"]["line"] == 2);
  CHECK(doc["differences"][0]["notice"]["line"] == 11);
  CHECK(doc["differences"][0]["segments"][1] == nlohmann::json({{"op", "notice"}, {"text", "（事業主）"}}));
  CHECK(doc["differences"][2]["published"]["after"]["line"] == 3);
  CHECK(doc["notice"]["revision"] == "2021-10-29");
}

TEST_CASE("the text report escapes what a published copy holds: no terminal codes, no line of its own", "[published]") {
  DocumentText published = published_lines({"表題", "・\x1b[2J\x1b]0;owned\x07項目", "\n::error ::x"});
  published.path = "page\n::warning ::y.txt";
  published.notes = {"removed 1 line\x1b[8m"};
  const std::vector<ExpectedLine> expected = expected_of({"表題", "・項目"});
  const auto c = compare_published(published, expected);
  const PublishedReportContext context{"n\x1b.yaml", Date{2026, 12, 1}, Date{2021, 10, 29}};
  std::ostringstream out;
  write_published_text(out, published, expected, c, context);
  const std::string text = out.str();
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("\n::") == std::string::npos);
  CHECK(text.find("page\\n::warning ::y.txt") != std::string::npos);
  CHECK(text.find("・\\x1B[2J\\x1B]0;owned\\x07項目") != std::string::npos);
  CHECK(text.find("removed 1 line\\x1B[8m") != std::string::npos);
  CHECK(text.find("n\\x1B.yaml") != std::string::npos);
}
