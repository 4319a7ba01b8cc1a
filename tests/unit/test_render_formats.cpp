// End-to-end checks of the Pandoc formats: the HTML is parsed, the PDF's text extracted and the DOCX
// unzipped, and each must hold every line of the text rendering, in order.
#include "notice_text.hpp"
#include "seed_compare.hpp"

#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/process.hpp"
#include "notice/render.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

using namespace notice;

namespace {

constexpr Date k_published{2021, 10, 29};

Notice bundled_notice() {
  LoadResult r = load_file(NOTICE_SOURCE_DIR "/notice/acom-kenpo.yaml");
  REQUIRE(r.notice);
  return *r.notice;
}

RenderOptions options_for(RenderFormat format) {
  RenderOptions options;
  options.format = format;
  return options;
}

// A scratch file removed at the end of the test.
struct ScratchFile {
  std::string path;
  explicit ScratchFile(const std::string &name, const std::string &content) {
    path = (std::filesystem::temp_directory_path() / ("notice-audit-test-" + std::to_string(::getpid()) + "-" + name))
               .string();
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  ~ScratchFile() { std::filesystem::remove(path); }
};

std::string run(const std::vector<std::string> &argv) {
  const ProcessResult r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string xpath(const std::string &path, const std::string &expression) {
  std::string out = run({"xmllint", "--html", "--xpath", expression, path});
  if (out.ends_with('\n')) {
    out.pop_back();
  }
  return out;
}

// The text of each heading, paragraph and list item of an HTML file, in document order, as xmllint's
// HTML parser sees it.
std::vector<std::string> html_blocks(const std::string &path) {
  const std::string blocks = "//body//*[self::h1 or self::h2 or self::h3 or self::p or self::li]";
  const int count = std::stoi(xpath(path, "count(" + blocks + ")"));
  std::vector<std::string> texts;
  for (int i = 1; i <= count; ++i) {
    texts.push_back(xpath(path, "string((" + blocks + ")[" + std::to_string(i) + "])"));
  }
  return texts;
}

std::string xml_unescape(std::string text) {
  for (const auto &[entity, c] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + c.size())) {
      text.replace(at, entity.size(), c);
    }
  }
  return text;
}

// The text of each paragraph of a DOCX file's body.
std::vector<std::string> docx_paragraphs(const std::string &path) {
  const std::string xml = run({"unzip", "-p", path, "word/document.xml"});
  const std::regex paragraph("<w:p[ >][\\s\\S]*?</w:p>");
  const std::regex run_text("<w:t(?: [^>]*)?>([^<]*)</w:t>");
  std::vector<std::string> texts;
  for (auto p = std::sregex_iterator(xml.begin(), xml.end(), paragraph); p != std::sregex_iterator(); ++p) {
    const std::string body = p->str();
    std::string text;
    for (auto t = std::sregex_iterator(body.begin(), body.end(), run_text); t != std::sregex_iterator(); ++t) {
      text += xml_unescape((*t)[1].str());
    }
    texts.push_back(text);
  }
  return texts;
}

std::vector<std::string> normalized(const std::vector<std::string> &texts) {
  std::vector<std::string> out;
  for (const auto &text : texts) {
    std::string line = notice::test::without_whitespace(text);
    if (!line.empty()) {
      out.push_back(line);
    }
  }
  return out;
}

} // namespace

TEST_CASE("HTML: standalone, lang=ja, real headings and lists holding every line", "[render][pandoc]") {
  const Notice notice = bundled_notice();
  const std::string html = render_notice(notice, k_published, options_for(RenderFormat::html));
  CHECK(html == render_notice(notice, k_published, options_for(RenderFormat::html)));
  const ScratchFile file("notice.html", html);
  CHECK(xpath(file.path, "string(/html/@lang)") == "ja");
  CHECK(xpath(file.path, "string(//head/title)") == "アコム健康保険組合が保有する個人情報の利用目的の公表について");
  CHECK(xpath(file.path, "count(//head/meta[@name='viewport'])") == "1");
  CHECK(xpath(file.path, "count(//head/style[contains(., 'notice-audit render')])") == "1");
  CHECK(xpath(file.path, "count(//h1)") == "1");
  CHECK(xpath(file.path, "count(//h2)") == "8");
  CHECK(xpath(file.path, "string(//h2[@id='mynumber-linkage-purposes'])") == "７．特定個人情報");
  CHECK(xpath(file.path, "count(//h3)") == "16");
  CHECK(xpath(file.path, "count(//ul/li)") == "38");
  const std::string text = render_notice(notice, k_published, options_for(RenderFormat::txt));
  const auto expected = notice::test::normalized_lines(text);
  const auto actual = normalized(html_blocks(file.path));
  const std::string difference = notice::test::compare_lines(expected, actual);
  INFO(difference);
  CHECK(difference.empty());
}

TEST_CASE("HTML: markup in a YAML field comes out escaped", "[render][pandoc]") {
  const std::string yaml =
      notice::test::replaced(notice::test::k_minimal, "text: 保険給付及び付加給付の実施",
                             "text: \"<script>alert('x')</script><img src=x onerror=alert(1)> & *強調*\"");
  const std::string title_yaml = notice::test::replaced(
      yaml, "title: テスト健康保険組合が保有する個人情報の利用目的の公表について",
      "title: \"<script>document.title</script>テスト健康保険組合が保有する個人情報の利用目的の公表について\"");
  LoadResult r = load_text("test.yaml", title_yaml);
  REQUIRE(r.notice);
  const std::string html = render_notice(*r.notice, {2021, 9, 1}, options_for(RenderFormat::html));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(’x’)") == std::string::npos); // no smart quotes either
  CHECK(html.find("&lt;script&gt;alert('x')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; *強調*") !=
        std::string::npos);
  const ScratchFile file("script.html", html);
  CHECK(xpath(file.path, "count(//script)") == "0");
  CHECK(xpath(file.path, "count(//img)") == "0");
  CHECK(xpath(file.path, "string(//li[1])") == "・<script>alert('x')</script><img src=x onerror=alert(1)> & *強調*");
  CHECK(xpath(file.path, "string(//title)") ==
        "<script>document.title</script>テスト健康保険組合が保有する個人情報の利用目的の公表について");
}

TEST_CASE("PDF: Japanese fonts embedded and every line in the extracted text, in order", "[render][pandoc][pdf]") {
  const Notice notice = bundled_notice();
  const std::string pdf = render_notice(notice, k_published, options_for(RenderFormat::pdf));
  REQUIRE(pdf.starts_with("%PDF-"));
  const ScratchFile file("notice.pdf", pdf);
  const std::string fonts = run({"pdffonts", file.path});
  CHECK(fonts.find("IPAexMincho") != std::string::npos);
  CHECK(fonts.find("IPAexGothic") != std::string::npos);
  // The PDF wraps lines wherever the page ends, so compare without any whitespace and look for each line
  // after the previous one.
  const std::string extracted = notice::test::without_whitespace(run({"pdftotext", file.path, "-"}));
  std::string flat;
  for (const char c : extracted) {
    if (c != '\n') {
      flat += c;
    }
  }
  const std::string text = render_notice(notice, k_published, options_for(RenderFormat::txt));
  std::size_t position = 0;
  for (const auto &line : notice::test::normalized_lines(text)) {
    INFO(line);
    const auto found = flat.find(line, position);
    REQUIRE(found != std::string::npos);
    position = found + line.size();
  }
}

TEST_CASE("DOCX: its paragraphs are the lines of the text rendering, in Japanese fonts", "[render][pandoc]") {
  const Notice notice = bundled_notice();
  const std::string docx = render_notice(notice, k_published, options_for(RenderFormat::docx));
  REQUIRE(docx.starts_with("PK"));
  CHECK(docx == render_notice(notice, k_published, options_for(RenderFormat::docx)));
  const ScratchFile file("notice.docx", docx);
  const std::string text = render_notice(notice, k_published, options_for(RenderFormat::txt));
  const std::string difference =
      notice::test::compare_lines(notice::test::normalized_lines(text), normalized(docx_paragraphs(file.path)));
  INFO(difference);
  CHECK(difference.empty());
  const std::string styles = run({"unzip", "-p", file.path, "word/styles.xml"});
  CHECK(styles.find("w:eastAsia=\"游明朝\"") != std::string::npos); // with fallbacks: see test_documents.cpp
  CHECK(styles.find("w:eastAsia=\"ja-JP\"") != std::string::npos);
  const std::string document = run({"unzip", "-p", file.path, "word/document.xml"});
  CHECK(document.find("<w:numPr>") == std::string::npos); // items carry their own marker, no Word bullets
}

TEST_CASE("a failing pandoc is reported with its standard error", "[render][pandoc]") {
  PandocJob job;
  job.to = "no-such-format";
  CHECK_THROWS_WITH(convert_with_pandoc("x", job), Catch::Matchers::StartsWith("pandoc failed (exit status ") &&
                                                       Catch::Matchers::Contains("converting to no-such-format:") &&
                                                       Catch::Matchers::Contains("no-such-format"));
}

TEST_CASE("convert_with_pandoc leaves no temporary directory behind", "[render][pandoc]") {
  const auto dir = std::filesystem::temp_directory_path() / ("notice-audit-tmpdir-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const char *saved = std::getenv("TMPDIR");
  const std::string previous = saved ? saved : "";
  ::setenv("TMPDIR", dir.c_str(), 1);
  PandocJob job;
  job.to = "docx";
  CHECK(convert_with_pandoc("# 見出し\n", job).starts_with("PK"));
  job.to = "no-such-format";
  CHECK_THROWS_AS(convert_with_pandoc("x", job), Error);
  if (saved) {
    ::setenv("TMPDIR", previous.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  CHECK(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}
