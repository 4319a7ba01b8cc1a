// The documents that leave the office, read as Word and a PDF viewer read them: the DOCX parts are
// unzipped and queried with XPath (page size and orientation, fonts and their fallbacks, styles,
// table borders and column widths), the PDF's words located on the page.
#include "notice_text.hpp"

#include "notice/diff.hpp"
#include "notice/load.hpp"
#include "notice/process.hpp"
#include "notice/render.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept> // notice_text.hpp throws std::logic_error

using namespace notice;
using notice::test::replaced;

namespace {

// A notice with a joint use (共同利用) on an item and on a bucket, and two revisions.
const std::string k_joint_notice = R"(schema: 1
insurer:
  name: テスト健康保険組合
  kind: kenpo
title: テスト健康保険組合が保有する個人情報の利用目的の公表について
revisions:
  - effective: 2022-04-01
    wording: 令和４年４月１日施行
  - effective: 2025-10-01
    wording: 令和７年１０月１日から改正施行する。
preamble:
  - id: intro
    text: 当組合は、次のとおり個人情報を利用いたします。
data:
  - id: applications
    name: 各種届出や申請書
  - id: checkups
    name: 健診結果
    sensitive: true
parties:
  - id: employer
    name: 事業主
    kind: employer
categories:
  - id: health
    number: 1
    marker: "1．"
    title: 保健事業に必要な利用目的
    buckets:
      - id: health-internal
        kind: internal
        heading: 【健保組合等の内部での利用に係る事例】
        items:
          - id: guidance
            text: 健康の保持・増進のための健診、保健指導及び健康相談
            data: [checkups]
      - id: health-joint
        kind: joint_use
        heading: 【共同利用】
        joint_use:
          items: 健診結果
          scope: 事業主
          purpose: 従業員の健康管理
          responsible: テスト健康保険組合
          address: 東京都千代田区
          representative: 理事長　山田一郎
        items:
          - id: collabo
            text: コラボヘルスの一環である事業主との健診結果の共同利用
            parties: [employer]
            data: [checkups]
            basis:
              - law: consent
          - id: stress-check
            text: ストレスチェック結果の共同利用
            parties: [employer]
            data: [checkups]
            added: 2025-10-01
            basis:
              - law: consent
            joint_use:
              items: ストレスチェック結果
              scope: 事業主
              purpose: 職場環境の改善
              responsible: テスト健康保険組合
              address: 東京都千代田区
              representative: 理事長　山田一郎
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

// A scratch directory removed at the end of the test.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    path = std::filesystem::temp_directory_path() / ("notice-audit-documents-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string &name, const std::string &content) const {
    const std::string file = (path / name).string();
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file;
  }
};

std::string run(const std::vector<std::string> &argv) {
  const ProcessResult r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// One part of a DOCX package, written out so that xmllint can query it.
class DocxPart {
public:
  DocxPart(const ScratchDir &dir, const std::string &docx_path, const std::string &part) {
    m_path = dir.write(std::filesystem::path(part).filename().string(), run({"unzip", "-p", docx_path, part}));
  }
  // The XPath `expression` (elements by local name: w:pgSz is *[local-name()='pgSz']) as a string.
  std::string query(const std::string &expression) const {
    std::string out = run({"xmllint", "--xpath", "string(" + expression + ")", m_path});
    while (!out.empty() && out.back() == '\n') {
      out.pop_back();
    }
    return out;
  }
  int count(const std::string &expression) const { return std::stoi(query("count(" + expression + ")")); }

private:
  std::string m_path;
};

// `//w:name` for XPath without namespace bindings: `w("style")` → `*[local-name()='style']`.
std::string w(const std::string &name) {
  return "*[local-name()='" + name + "']";
}
std::string attr(const std::string &name) {
  return "@*[local-name()='" + name + "']";
}

// The checks both DOCX files share: Japanese faces Word has, with fallbacks, and black headings.
void check_fonts(const DocxPart &styles, const DocxPart &fonts) {
  const std::string defaults = "//" + w("docDefaults") + "//" + w("rFonts") + "/";
  CHECK(styles.query(defaults + attr("eastAsia")) == "游明朝");
  CHECK(styles.query(defaults + attr("ascii")) == "游明朝");
  for (const char *heading : {"Heading1", "Heading2", "Heading3", "Title"}) {
    INFO(heading);
    CHECK(styles.query("//" + w("style") + "[" + attr("styleId") + "='" + heading + "']//" + w("rFonts") + "/" +
                       attr("eastAsia")) == "游ゴシック");
  }
  // Word's default headings are blue (accent1, 4F81BD); the PDF's are black.
  CHECK(styles.count("//" + w("color") + "[" + attr("val") + "='4F81BD']") == 0);
  CHECK(styles.count("//" + w("color") + "[" + attr("themeColor") + "]") == 0);
  // Fallbacks: Word substitutes the alternative name, then any Shift-JIS face of the same PANOSE class.
  const auto font = [&](const std::string &name) { return "//" + w("font") + "[" + attr("name") + "='" + name + "']"; };
  CHECK(fonts.query(font("游明朝") + "/" + w("altName") + "/" + attr("val")) == "MS 明朝");
  CHECK(fonts.query(font("游ゴシック") + "/" + w("altName") + "/" + attr("val")) == "MS ゴシック");
  CHECK(fonts.query(font("游明朝") + "/" + w("charset") + "/" + attr("val")) == "80");
  CHECK(fonts.count(font("MS 明朝")) == 1);
  CHECK(fonts.count(font("MS ゴシック")) == 1);
  CHECK(styles.query("//" + w("docDefaults") + "//" + w("lang") + "/" + attr("eastAsia")) == "ja-JP");
}

std::string style_of_paragraph_with(const DocxPart &document, const std::string &text) {
  return document.query("//" + w("p") + "[contains(string(.), '" + text + "')]/" + w("pPr") + "/" + w("pStyle") + "/" +
                        attr("val"));
}

} // namespace

TEST_CASE("documents: the notice as DOCX is A4, in 游明朝/游ゴシック with MS fallbacks, styled like the PDF",
          "[documents][pandoc]") {
  const Notice notice = load_ok("notice.yaml", k_joint_notice);
  RenderOptions options;
  options.format = RenderFormat::docx;
  const ScratchDir dir;
  const std::string docx = dir.write("notice.docx", render_notice(notice, *parse_date("2025-10-01"), options));
  const DocxPart document(dir, docx, "word/document.xml");
  const DocxPart styles(dir, docx, "word/styles.xml");
  const DocxPart fonts(dir, docx, "word/fontTable.xml");

  // A4 portrait in twips (210 × 297 mm); Word's default without a size is US Letter (12240 × 15840).
  const std::string size = "//" + w("body") + "/" + w("sectPr") + "/" + w("pgSz") + "/";
  CHECK(document.query(size + attr("w")) == "11906");
  CHECK(document.query(size + attr("h")) == "16838");
  CHECK(document.query(size + attr("orient")).empty());
  check_fonts(styles, fonts);

  // The closing lines stand apart, right-aligned.
  CHECK(style_of_paragraph_with(document, "令和４年４月１日施行") == "Closing");
  CHECK(style_of_paragraph_with(document, "令和７年１０月１日から改正施行する。") == "Closing");
  const std::string closing = "//" + w("style") + "[" + attr("styleId") + "='Closing']";
  CHECK(styles.query(closing + "//" + w("jc") + "/" + attr("val")) == "right");
  // Items hang on their marker; a joint-use disclosure is indented under its item or bucket.
  CHECK(style_of_paragraph_with(document, "・コラボヘルスの一環") == "Compact");
  CHECK(style_of_paragraph_with(document, "共同して利用される個人データの項目：ストレスチェック結果") == "ItemNote");
  CHECK(style_of_paragraph_with(document, "共同して利用される個人データの項目：健診結果") == "Disclosure");
  const auto indent = [&](const std::string &style) {
    return std::stoi(styles.query("//" + w("style") + "[" + attr("styleId") + "='" + style + "']//" + w("ind") + "/" +
                                  attr("left")));
  };
  CHECK(indent("ItemNote") == 420);   // two ems: under the item's text, one further in
  CHECK(indent("Disclosure") == 210); // one em: where the items' text starts
  // Page numbers in the footer.
  CHECK(run({"unzip", "-p", docx, "word/footer1.xml"}).find(" PAGE ") != std::string::npos);
}

TEST_CASE("documents: the 新旧対照表 as DOCX is A4 landscape with a ruled table and its disclosure rows",
          "[documents][pandoc]") {
  const Notice notice = load_ok("notice.yaml", k_joint_notice);
  const Diff diff = diff_notices(at(notice, *parse_date("2022-04-01")), at(notice, *parse_date("2025-10-01")),
                                 {"HEAD~1:notice/notice.yaml", "notice/notice.yaml"});
  const ScratchDir dir;
  const std::string docx = dir.write("table.docx", render_diff_table(diff, "docx"));
  const DocxPart document(dir, docx, "word/document.xml");
  const DocxPart styles(dir, docx, "word/styles.xml");
  const DocxPart fonts(dir, docx, "word/fontTable.xml");

  const std::string size = "//" + w("body") + "/" + w("sectPr") + "/" + w("pgSz") + "/";
  CHECK(document.query(size + attr("w")) == "16838");
  CHECK(document.query(size + attr("h")) == "11906");
  CHECK(document.query(size + attr("orient")) == "landscape");
  check_fonts(styles, fonts);

  // Every cell ruled: the table style draws all six borders.
  const std::string borders = "//" + w("style") + "[" + attr("styleId") + "='Table']//" + w("tblBorders") + "/";
  for (const char *edge : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    INFO(edge);
    CHECK(styles.query(borders + w(edge) + "/" + attr("val")) == "single");
  }
  CHECK(document.query("//" + w("tbl") + "/" + w("tblPr") + "/" + w("tblStyle") + "/" + attr("val")) == "Table");
  // 項目 narrow, the two sides alike.
  const auto grid = [&](int i) {
    return std::stod(document.query("(//" + w("gridCol") + ")[" + std::to_string(i) + "]/" + attr("w")));
  };
  const double total = grid(1) + grid(2) + grid(3);
  CHECK(grid(1) / total == Approx(0.18).margin(0.01));
  CHECK(grid(2) == Approx(grid(3)));

  // The header names the dates as a board reads them; the files only in the small print.
  CHECK(style_of_paragraph_with(document, "改正後（令和７年１０月１日施行）／改正前（令和４年４月１日施行）") ==
        "TableSides");
  CHECK(style_of_paragraph_with(document, "HEAD~1:notice/notice.yaml") == "TableSources");
  // The new item's row carries its disclosure; the new closing line has its row.
  const std::string table = document.query("//" + w("tbl"));
  CHECK_THAT(table, Catch::Contains("ストレスチェック結果の共同利用"));
  CHECK_THAT(table, Catch::Contains("共同して利用される個人データの項目：ストレスチェック結果"));
  CHECK_THAT(table, Catch::Contains("その代表者の氏名：理事長　山田一郎"));
  CHECK_THAT(table, Catch::Contains("令和７年１０月１日から改正施行する。"));
}

TEST_CASE("documents: the PDF sets the closing lines apart, right-aligned", "[documents][pandoc]") {
  const Notice notice = load_ok("notice.yaml", k_joint_notice);
  RenderOptions options;
  options.format = RenderFormat::pdf;
  const ScratchDir dir;
  const std::string pdf = dir.write("notice.pdf", render_notice(notice, *parse_date("2025-10-01"), options));
  // pdftotext's word boxes, in points on an A4 page (595 wide, 20 mm margins).
  const std::string boxes = run({"pdftotext", "-bbox", pdf, "-"});
  const std::regex word(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>)re");
  struct Box {
    double left, top, right;
    std::string text;
  };
  std::vector<Box> words;
  for (auto it = std::sregex_iterator(boxes.begin(), boxes.end(), word); it != std::sregex_iterator(); ++it) {
    words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), (*it)[4]});
  }
  const auto find = [&](const std::string &text) {
    const auto it = std::find_if(words.begin(), words.end(), [&](const Box &b) { return b.text == text; });
    REQUIRE(it != words.end());
    return *it;
  };
  const Box first = find("令和４年４月１日施行");
  const Box second = find("令和７年１０月１日から改正施行する。");
  for (const Box &line : {first, second}) {
    INFO(line.text);
    CHECK(line.right > 530); // at the right margin (595 − 57)
    CHECK(line.left > 250);  // not flush left
  }
  // Set apart: more than a line's pitch (about 18 pt) above the first closing line is empty.
  double above = 0;
  for (const Box &b : words) {
    if (b.top < first.top - 1) {
      above = std::max(above, b.top);
    }
  }
  CHECK(first.top - above > 30);
}
