// What render refuses or contains: templates that multiply, stylesheets that reach outside their
// directory, titles Pandoc would read as booleans, control characters in the text.
#include "notice_text.hpp"

#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/process.hpp"
#include "notice/render.hpp"
#include "notice/template.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace notice;
using test::k_minimal;
using test::replaced;

namespace {

namespace fs = std::filesystem;

Notice notice_from(const std::string &text) {
  LoadResult r = load_text("a.yaml", text);
  REQUIRE(r.notice);
  return *r.notice;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("notice-audit-test-render-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

// A list of `n` objects {x: "abcd"}.
TemplateValue list_of(int n) {
  TemplateValue::List list;
  for (int i = 0; i < n; ++i) {
    list.push_back(TemplateValue().set("x", "abcd"));
  }
  return list;
}

} // namespace

TEST_CASE("a template whose sections multiply is refused before it writes anything", "[template][limits]") {
  const TemplateValue data = TemplateValue().set("a", list_of(10));
  // 10^7 repetitions of 4 bytes: 40 MB from a 70-byte template.
  const std::string bomb = "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{x}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}";
  CHECK_THROWS_WITH(expand_template(bomb, "bomb.mustache", data, TemplateEscape::none),
                    "bomb.mustache: the template would write more than 32 MiB (sections repeated inside each "
                    "other?); refused before expanding it");
  SECTION("nothing written still counts as steps") {
    const std::string empty =
        "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}";
    CHECK_THROWS_WITH(expand_template(empty, "t", data, TemplateEscape::none), Catch::Contains("steps to expand"));
  }
  SECTION("the same template over a short list expands as before") {
    std::string expected;
    for (int i = 0; i < 128; ++i) {
      expected += "abcd";
    }
    CHECK(expand_template(bomb, "t", TemplateValue().set("a", list_of(2)), TemplateEscape::none) == expected);
  }
  SECTION("partials are refused: they would expand text from the notice as a template") {
    CHECK_THROWS_WITH(
        expand_template("{{> title}}", "p.mustache", TemplateValue().set("title", "{{#a}}"), TemplateEscape::none),
        "p.mustache: partials ({{> title}}) are not supported; write the text in place");
  }
  SECTION("changed delimiters are followed") {
    CHECK(expand_template("{{=<% %>=}}<%#a%><%x%>,<%/a%>", "t", TemplateValue().set("a", list_of(2)),
                          TemplateEscape::none) == "abcd,abcd,");
  }
}

TEST_CASE("control characters in notice text are made visible in every rendered format", "[template][limits]") {
  const TemplateValue data = TemplateValue().set("t", "a\x1b[2Jb\nc\td\xc2\x9b");
  CHECK(expand_template("{{t}}|{{{t}}}", "t", data, TemplateEscape::none) ==
        "a\\x1B[2Jb\nc\td\\u{009B}|a\\x1B[2Jb\nc\td\\u{009B}");
  const Notice notice =
      notice_from(replaced(k_minimal, "text: 保険給付及び付加給付の実施", "text: \"保険給付\\e]0;x\\a\""));
  RenderOptions options;
  options.format = RenderFormat::txt;
  const std::string txt = render_notice(notice, {2021, 9, 1}, options);
  CHECK(txt.find("保険給付\\x1B]0;x\\x07") != std::string::npos);
  CHECK(txt.find('\x1b') == std::string::npos);
}

TEST_CASE("templates, stylesheets and configuration-sized inputs are read with a size limit", "[template][limits]") {
  TempDir dir;
  const auto big = dir.path / "big.mustache";
  std::ofstream(big) << std::string((1u << 20) + 1, 'x');
  CHECK_THROWS_WITH(read_template_file(big.string()), big.string() + ": larger than 1024 KiB; is this the right file?");
  CHECK(read_template_file(big.string(), 2u << 20).size() == (1u << 20) + 1);
}

TEST_CASE("a title Pandoc would read as a boolean stays text", "[render][pandoc][limits]") {
  if (!find_program("pandoc")) {
    WARN("pandoc not installed; skipped");
    return;
  }
  const std::pair<std::string, std::string> cases[] = {
      {"true", "true"}, {"False", "False"}, {"*強調* <b>x</b> \"q\" a\\b", "*強調* &lt;b&gt;x&lt;/b&gt; \"q\" a\\b"}};
  for (const auto &[title, shown] : cases) {
    INFO(title);
    const Notice notice = notice_from(replaced(
        k_minimal, "title: テスト健康保険組合が保有する個人情報の利用目的の公表について", "title: '" + title + "'"));
    RenderOptions options;
    options.format = RenderFormat::html;
    const std::string html = render_notice(notice, {2021, 9, 1}, options);
    CHECK(html.find("<title>" + shown + "</title>") != std::string::npos);
  }
}

TEST_CASE("the PDF's stylesheet may load from its own directory and fonts, nothing else",
          "[render][pandoc][pdf][limits]") {
  if (!find_program("pandoc") || !find_program("weasyprint")) {
    WARN("pandoc or weasyprint not installed; skipped");
    return;
  }
  TempDir dir;
  fs::create_directories(dir.path / "style");
  // A 1x1 PNG beside the stylesheet: allowed.
  const unsigned char png[] = {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
                               0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
                               0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78,
                               0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99,
                               0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  std::ofstream(dir.path / "style" / "logo.png", std::ios::binary)
      .write(reinterpret_cast<const char *>(png), sizeof png);
  const Notice notice = notice_from(k_minimal);
  RenderOptions options;
  options.format = RenderFormat::pdf;
  options.css_directory = (dir.path / "style").string();
  options.css = "body { background: url(logo.png); }";
  CHECK(render_notice(notice, {2021, 9, 1}, options).starts_with("%PDF-"));
  options.css = "body { background: url(file:///etc/hostname); } h1 { background: url(../secret.png); }";
  CHECK_THROWS_WITH(render_notice(notice, {2021, 9, 1}, options),
                    Catch::Contains("weasyprint failed (exit status 3) converting to pdf") &&
                        Catch::Contains("refers to file:///etc/hostname, outside the stylesheet's directory") &&
                        Catch::Contains("/secret.png, outside"));
  options.css = "@import url(http://127.0.0.1:9/x.css);";
  CHECK_THROWS_WITH(render_notice(notice, {2021, 9, 1}, options),
                    Catch::Contains("refers to http://127.0.0.1:9/x.css"));
}
