#include "notice/error.hpp"
#include "notice/template.hpp"

#include <catch2/catch.hpp>

using namespace notice;

TEST_CASE("escape_markdown keeps Japanese text and neutralises markup", "[template]") {
  CHECK(escape_markdown("被保険者資格の確認、被扶養者の認定") == "被保険者資格の確認、被扶養者の認定");
  CHECK(escape_markdown("健康増進施設(保養所等)の運営の委託") == "健康増進施設(保養所等)の運営の委託");
  CHECK(escape_markdown("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
  CHECK(escape_markdown("*強調* _a_ `code` [link](x) &amp; $x$ @cite") ==
        "\\*強調\\* \\_a\\_ \\`code\\` \\[link\\](x) \\&amp; \\$x\\$ \\@cite");
  SECTION("markup that only counts at the start of a line") {
    CHECK(escape_markdown("- 項目") == "\\- 項目");
    CHECK(escape_markdown("+ 項目") == "\\+ 項目");
    CHECK(escape_markdown("1. 項目") == "1\\. 項目");
    CHECK(escape_markdown("12) 項目") == "12\\) 項目");
    CHECK(escape_markdown("# 見出し") == "\\# 見出し");
    CHECK(escape_markdown(": 定義") == "\\: 定義");
    CHECK(escape_markdown("a-b 1. c") == "a-b 1. c");
  }
  SECTION("line breaks become one hard break, so a value cannot end its block") {
    CHECK(escape_markdown("一行目\n\n\n- 二行目") == "一行目\\\n\\- 二行目");
    CHECK(escape_markdown("a\r\nb") == "a\\\nb");
  }
}

TEST_CASE("escape_html replaces the five special characters", "[template]") {
  CHECK(escape_html(R"(<a href="x">'&'</a>)") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(escape_html("保険給付") == "保険給付");
  // Control characters become visible text in HTML, SVG labels and the 新旧対照表 too.
  CHECK(escape_html("\x1b[2J<\xc2\x85\n") == "\\x1B[2J&lt;\\u{0085}\n");
}

TEST_CASE("expand_template applies the escape of the output format to {{x}} only", "[template]") {
  const TemplateValue data = TemplateValue()
                                 .set("x", "<b>*")
                                 .set("list", TemplateValue::List{
                                                  TemplateValue().set("t", "一"),
                                                  TemplateValue().set("t", "二"),
                                              });
  CHECK(expand_template("{{x}}|{{{x}}}", "t", data, TemplateEscape::none) == "<b>*|<b>*");
  CHECK(expand_template("{{x}}|{{{x}}}", "t", data, TemplateEscape::markdown) == "\\<b\\>\\*|<b>*");
  CHECK(expand_template("{{x}}|{{{x}}}", "t", data, TemplateEscape::html) == "&lt;b&gt;*|<b>*");
  CHECK(expand_template("{{#list}}{{t}},{{/list}}", "t", data, TemplateEscape::none) == "一,二,");
  SECTION("standalone section tags leave no blank lines") {
    CHECK(expand_template("a\n{{#list}}\n{{t}}\n{{/list}}\nb\n", "t", data, TemplateEscape::none) == "a\n一\n二\nb\n");
  }
  SECTION("booleans show or hide sections") {
    const TemplateValue flags = TemplateValue().set("yes", true).set("no", false);
    CHECK(expand_template("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}", "t", flags, TemplateEscape::none) == "Yn");
  }
}

TEST_CASE("a template that does not parse is an error naming it", "[template]") {
  const TemplateValue data;
  CHECK_THROWS_MATCHES(expand_template("{{#items}}never closed", "my.mustache", data, TemplateEscape::none), Error,
                       Catch::Matchers::Message("my.mustache: not a valid mustache template: "
                                                "Unclosed section \"items\" at 0"));
  CHECK_THROWS_AS(expand_template("{{/stray}}", "my.mustache", data, TemplateEscape::none), Error);
  CHECK_THROWS_AS(expand_template("{{unclosed", "my.mustache", data, TemplateEscape::none), Error);
}

TEST_CASE("the built-in templates are compiled in", "[template]") {
  for (const char *name :
       {"notice.txt.mustache", "notice.md.mustache", "notice.css", "reference.docx", "notice-docx.lua"}) {
    INFO(name);
    const auto text = builtin_template(name);
    REQUIRE(text);
    CHECK(!text->empty());
  }
  CHECK(builtin_template("reference.docx")->substr(0, 2) == "PK");
  CHECK_FALSE(builtin_template("nothing.mustache"));
}

TEST_CASE("read_template_file names the path it cannot read", "[template]") {
  CHECK_THROWS_WITH(read_template_file("/nonexistent/notice.md.mustache"),
                    Catch::Matchers::StartsWith("/nonexistent/notice.md.mustache: cannot read the template"));
  CHECK_THROWS_WITH(read_template_file("/tmp"), "/tmp: is a directory; give the template file");
}

TEST_CASE("TemplateValue::set replaces an existing member", "[template]") {
  TemplateValue v;
  v.set("a", "1").set("a", "2");
  CHECK(expand_template("{{a}}", "t", v, TemplateEscape::none) == "2");
  TemplateValue text("x");
  CHECK_THROWS_AS(text.set("a", "1"), std::logic_error);
}
