#include "notice/report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace notice;

namespace {

Diagnostic finding(std::string rule, Severity severity, std::vector<std::string> revisions = {}) {
  Diagnostic d;
  d.severity = severity;
  d.rule_id = std::move(rule);
  d.path = "x.yaml";
  d.pos = {1, 1};
  d.message = "m";
  d.message_ja = "m";
  d.revisions = std::move(revisions);
  return d;
}

// Three societies: one cites superseded law in its revision in force, one only in an older
// revision, one cannot be read.
std::vector<FileReport> federation() {
  FileReport a{"a.yaml", nullptr, {}, "A健康保険組合", "2021-10-29"};
  a.diagnostics = {finding("guideline-superseded", Severity::warning, {"2021-09-01", "2021-10-29"}),
                   finding("mynumber-19-stale-item", Severity::warning, {"2021-10-29"}),
                   finding("mynumber-19-stale-item", Severity::warning, {"2021-10-29"}),
                   finding("unused-party", Severity::warning)};
  FileReport b{"b.yaml", nullptr, {}, "B健康保険組合", "2022-04-01"};
  b.diagnostics = {finding("guideline-superseded", Severity::warning, {"2021-09-01"}),
                   finding("joint-use-incomplete", Severity::error, {"2022-04-01"})};
  Diagnostic suppressed = finding("unused-party", Severity::warning);
  suppressed.suppressed = "board decision";
  b.diagnostics.push_back(suppressed);
  FileReport c{"c.yaml", nullptr, {finding("yaml-syntax", Severity::error)}};
  return {a, b, c};
}

std::string write(ReportFormat format, Lang lang = Lang::en) {
  std::ostringstream out;
  ReportOptions options;
  options.tool_version = "0.1.0";
  options.lang = lang;
  write_report(out, format, federation(), options);
  return out.str();
}

} // namespace

TEST_CASE("summary: notices per rule, findings per insurer, stale law in the revision in force", "[summary]") {
  CHECK(write(ReportFormat::summary) ==
        "Federation summary: 3 notices from 3 insurers; 2 errors, 5 warnings, 0 infos (1 suppressed).\n"
        "\n"
        "By rule (notices affected)\n"
        "  rule                    severity  notices  findings\n"
        "  guideline-superseded    warning         2         2\n"
        "  mynumber-19-stale-item  warning         1         2\n"
        "  joint-use-incomplete    error           1         1\n"
        "  unused-party            warning         1         1\n"
        "  yaml-syntax             error           1         1\n"
        "\n"
        "By insurer (findings by severity)\n"
        "  insurer                notices  errors  warnings  infos\n"
        "  B健康保険組合                1       1         1      0\n"
        "  (not a notice) c.yaml        1       1         0      0\n"
        "  A健康保険組合                1       0         4      0\n"
        "\n"
        "Notices whose revision in force today still cites superseded law\n"
        "  notice  insurer        in force    findings  rules\n"
        "  a.yaml  A健康保険組合  2021-10-29         3  guideline-superseded, mynumber-19-stale-item\n");
}

TEST_CASE("summary in Japanese", "[summary]") {
  const std::string text = write(ReportFormat::summary, Lang::ja);
  CHECK(text.find("連合会向け集計: 公表文 3 件（保険者 3）、エラー 2 件、警告 5 件、情報 0 件（抑止 1 件）\n") == 0);
  CHECK(text.find("  （公表文として読めない）c.yaml") != std::string::npos);
  CHECK(text.find("現在施行中の版が改正前の法令・指針を引用している公表文\n") != std::string::npos);
}

TEST_CASE("summary-json carries the same tables", "[summary]") {
  const auto j = nlohmann::json::parse(write(ReportFormat::summary_json));
  CHECK(j["report"] == "summary");
  CHECK(j["notices"] == 3);
  CHECK(j["rules"][0] == nlohmann::json{{"rule", "guideline-superseded"},
                                        {"severity", "warning"},
                                        {"notices", 2},
                                        {"findings", 2},
                                        {"stale_law", true}});
  CHECK(j["insurers"][1]["insurer"].is_null());
  CHECK(j["insurers"][1]["path"] == "c.yaml");
  REQUIRE(j["stale_law"].size() == 1);
  CHECK(j["stale_law"][0]["path"] == "a.yaml");
  CHECK(j["stale_law"][0]["in_force"] == "2021-10-29");
}

TEST_CASE("summary-html is one page with sortable, escaped tables", "[summary]") {
  auto files = federation();
  files[0].insurer = "<script>alert(1)</script>";
  std::ostringstream out;
  write_report(out, ReportFormat::summary_html, files, {});
  const std::string html = out.str();
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(html.find("<script>alert(1)</script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<table class=\"sortable\">") != std::string::npos);
  CHECK(html.find("</html>\n") == html.size() - 8);
}

TEST_CASE("summary text: names and paths from input cannot drive the terminal or start a line", "[summary]") {
  FileReport hostile{"dir/\n::error file=x::owned.yaml",
                     nullptr,
                     {},
                     "\x1b]0;title\x07"
                     "B健保\u202E",
                     "2022-04-01"};
  hostile.diagnostics = {finding("guideline-superseded", Severity::warning, {"2022-04-01"})};
  FileReport unreadable{"\x1b[2Jgone.yaml", nullptr, {finding("yaml-syntax", Severity::error)}};
  std::ostringstream out;
  write_report(out, ReportFormat::summary, {hostile, unreadable}, ReportOptions{});
  const std::string text = out.str();
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("\n::") == std::string::npos);
  CHECK(text.find("\\x1B]0;title\\x07B健保\\u{202E}") != std::string::npos);
  CHECK(text.find("dir/\\n::error file=x::owned.yaml") != std::string::npos);
  CHECK(text.find("\\x1B[2Jgone.yaml") != std::string::npos);
}
