#include "notice/report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace notice;

namespace {

std::vector<FileReport> sample() {
  auto source = std::make_shared<Source>("n.yaml", "schema: 1\ntitle: 公表について\n");
  Diagnostic warning{Severity::warning,
                     "unused-party",
                     "n.yaml",
                     {2, 8},
                     "party `x` is unused",
                     "相手方 `x` は使われていません",
                     {"2021-09-01"},
                     {},
                     {},
                     {}};
  Diagnostic suppressed{
      Severity::error, "duplicate-id", "n.yaml", {1, 1}, "id `a` again", "id `a` が重複", {}, {}, {}, "理由"};
  return {FileReport{"n.yaml", source, {suppressed, warning}}};
}

std::string write(ReportFormat format, const std::vector<FileReport> &files, ReportOptions options = {}) {
  std::ostringstream out;
  options.tool_version = "0.1.0";
  write_report(out, format, files, options);
  return out.str();
}

} // namespace

TEST_CASE("text: GNU location, the source line, and a caret under wide characters", "[report]") {
  CHECK(write(ReportFormat::text, sample()) == "n.yaml:2:8: warning: party `x` is unused [unused-party]\n"
                                               " 2 | title: 公表について\n"
                                               "   |        ^\n"
                                               "Found 1 warning in 1 file (1 suppressed).\n");
  auto files = sample();
  files[0].diagnostics[1].pos = {2, 10}; // the third character of 公表について: two wide characters before it
  CHECK(write(ReportFormat::text, files).find("   |            ^\n") != std::string::npos);
}

TEST_CASE("text: suppressed findings are shown on request, the summary can be left out", "[report]") {
  ReportOptions options;
  options.show_suppressed = true;
  options.summary = false;
  const std::string text = write(ReportFormat::text, sample(), options);
  CHECK(text.find("n.yaml:1:1: error: id `a` again [duplicate-id] (suppressed: 理由)\n") == 0);
  CHECK(text.find("Found") == std::string::npos);
  CHECK(write(ReportFormat::text, {}) == "No findings in 0 files.\n");
}

TEST_CASE("json keeps everything, suppressions with their reasons", "[report]") {
  const auto j = nlohmann::json::parse(write(ReportFormat::json, sample()));
  CHECK(j["summary"]["warnings"] == 1);
  CHECK(j["summary"]["suppressed"] == 1);
  const auto &d = j["files"][0]["diagnostics"];
  CHECK(d[0]["suppressed"]["reason"] == "理由");
  CHECK(d[1]["rule"] == "unused-party");
  CHECK(d[1]["revisions"][0] == "2021-09-01");
}

TEST_CASE("sarif 2.1.0 names rules, levels, regions and in-source suppressions", "[report]") {
  const auto j = nlohmann::json::parse(write(ReportFormat::sarif, sample()));
  CHECK(j["version"] == "2.1.0");
  const auto &run = j["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "notice-audit");
  CHECK(run["columnKind"] == "unicodeCodePoints");
  const auto &results = run["results"];
  REQUIRE(results.size() == 2);
  CHECK(results[0]["suppressions"][0]["justification"] == "理由");
  CHECK(results[1]["level"] == "warning");
  CHECK(results[1]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 8);
  const auto index = results[1]["ruleIndex"].get<std::size_t>();
  CHECK(run["tool"]["driver"]["rules"][index]["id"] == "unused-party");
}

TEST_CASE("junit: a failure per finding, escaped; a passing case per clean file", "[report]") {
  auto files = sample();
  files[0].diagnostics[1].message = "a <b> & \"c\"";
  files.push_back(FileReport{"clean.yaml", nullptr, {}});
  const std::string xml = write(ReportFormat::junit, files);
  CHECK(xml.find("<testsuites name=\"notice-audit\">\n  <testsuite name=\"n.yaml\" tests=\"1\" failures=\"1\">") !=
        std::string::npos);
  CHECK(xml.find("<testsuite name=\"clean.yaml\" tests=\"1\" failures=\"0\">") != std::string::npos);
  CHECK(xml.find("message=\"a &lt;b&gt; &amp; &quot;c&quot;\"") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"clean.yaml\" name=\"validate\"/>") != std::string::npos);
}

TEST_CASE("json and sarif written file by file are the bytes of the document dumped whole", "[report]") {
  auto two = sample();
  two.push_back(FileReport{"clean.yaml", nullptr, {}});
  two.push_back(sample()[0]);
  for (const auto format : {ReportFormat::json, ReportFormat::sarif}) {
    for (const auto &files : {std::vector<FileReport>{}, sample(), two}) {
      const std::string streamed = write(format, files);
      CHECK(nlohmann::json::parse(streamed).dump(2) + "\n" == streamed);
    }
  }
}

TEST_CASE("a writer writes each file as it is added", "[report]") {
  for (const auto format :
       {ReportFormat::text, ReportFormat::json, ReportFormat::sarif, ReportFormat::junit, ReportFormat::github}) {
    std::ostringstream out;
    const auto writer = make_report_writer(out, format, {});
    const std::size_t before = out.str().size();
    writer->add(sample()[0]);
    CHECK(out.str().size() > before);
    writer->finish();
  }
}

TEST_CASE("github annotations escape what the workflow-command syntax reserves", "[report]") {
  auto files = sample();
  files[0].diagnostics[1].message = "50% done\nnext: a, b";
  CHECK(write(ReportFormat::github, files) ==
        "::warning file=n.yaml,line=2,col=8,title=unused-party::50%25 done%0Anext: a, b\n");
}

TEST_CASE("display width counts East Asian wide characters twice", "[report]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("公表") == 4);
  CHECK(display_width("１．") == 4);
  CHECK(display_width("ｱ") == 1); // half-width katakana
}

TEST_CASE("text: nothing from input can drive the terminal or start a line of its own", "[report]") {
  const std::string hostile_line = "title: \x1b]0;owned\x07\x1b[2J公表\xc2\x9b"
                                   "31m\u202Eabc";
  auto source = std::make_shared<Source>("n.yaml", "schema: 1\n" + hostile_line + "\n");
  Diagnostic d;
  d.rule_id = "schema";
  d.path = "a\n::error file=x::owned.yaml";
  d.pos = {2, 22};
  d.message = "unknown key `\x1b[31mk`";
  const std::string text = write(ReportFormat::text, {FileReport{"a\n::error file=x::owned.yaml", source, {d}}});
  CHECK(text == "a\\n::error file=x::owned.yaml:2:22: error: unknown key `\\x1B[31mk` [schema]\n"
                " 2 | title: \\x1B]0;owned\\x07\\x1B[2J公表\\u{009B}31m\\u{202E}abc\n"
                "   | " +
                    std::string(30, ' ') +
                    "^\n" // under 公: the escapes before it count as shown
                    "Found 1 error in 1 file.\n");
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\n::") == std::string::npos);
}

TEST_CASE("the configuration used is named in the text footer, JSON and SARIF", "[report]") {
  auto files = sample();
  files[0].config = "conf dir/notice-audit.toml";
  CHECK(write(ReportFormat::text, files)
            .ends_with("Configuration: conf dir/notice-audit.toml\n"
                       "Found 1 warning in 1 file (1 suppressed).\n"));
  CHECK(nlohmann::json::parse(write(ReportFormat::json, files))["files"][0]["config"] == "conf dir/notice-audit.toml");
  CHECK(nlohmann::json::parse(write(ReportFormat::json, sample()))["files"][0]["config"].is_null());
  const auto sarif = nlohmann::json::parse(write(ReportFormat::sarif, files));
  CHECK(sarif["runs"][0]["invocations"][0]["properties"]["configurations"][0] == "conf%20dir/notice-audit.toml");
  CHECK(sarif["runs"][0]["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("sarif: artifact URIs are percent-encoded (RFC 3986)", "[report]") {
  CHECK(uri_from_path("notice/acom-kenpo.yaml") == "notice/acom-kenpo.yaml");
  CHECK(uri_from_path("a b/#x?%.yaml") == "a%20b/%23x%3F%25.yaml");
  CHECK(uri_from_path("公表.yaml") == "%E5%85%AC%E8%A1%A8.yaml");
  CHECK(uri_from_path("a\nb") == "a%0Ab");
  auto files = sample();
  files[0].diagnostics[1].path = "my notices/#1.yaml";
  const auto j = nlohmann::json::parse(write(ReportFormat::sarif, files));
  CHECK(j["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "my%20notices/%231.yaml");
}

TEST_CASE("github annotations escape control characters in file names and messages", "[report]") {
  auto files = sample();
  files[0].diagnostics[1].path = "x\n::error::y.yaml";
  files[0].diagnostics[1].message = "\x1b[2Jgone";
  CHECK(write(ReportFormat::github, files) ==
        "::warning file=x\\n%3A%3Aerror%3A%3Ay.yaml,line=2,col=8,title=unused-party::\\x1B[2Jgone\n");
}
