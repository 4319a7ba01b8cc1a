#include "cmd_check_published.hpp"

#include "exit_codes.hpp"

#include "notice/document_text.hpp"
#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/published.hpp"
#include "notice/report.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <ostream>
#include <tuple>

namespace notice::cli {

CLI::App *add_check_published(CLI::App &app, CheckPublishedOptions &o) {
  CLI::App *cmd = app.add_subcommand(
      "check-published", "Compare a published copy (PDF, HTML, DOCX, text) with the notice in force and list every "
                         "difference");
  cmd->add_option("published", o.published, "The published copy: a PDF, an HTML page, a DOCX, Markdown or text file")
      ->required();
  cmd->add_option("notice", o.notice,
                  "The notice (YAML); NOTICE@YYYY-MM-DD compares with the revision in force on that date "
                  "(default: today)")
      ->required();
  cmd->add_option("-f,--format", o.format, "Report format: text or json (default: text)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--read-as", o.read_as,
                  "Read the published copy as this format instead of guessing from its content and extension")
      ->check(CLI::IsMember({"text", "markdown", "html", "pdf", "docx"}));
  cmd->add_flag("--force", o.force, "Compare even a file that does not mention 個人情報 or 利用目的");
  return cmd;
}

namespace {

// NOTICE@YYYY-MM-DD names the date; an `@` followed by something that is not date-like, or a file
// that exists under the whole name, is part of the file name. Throws Usage for NOTICE@2021-13-45.
struct Usage {
  std::string message;
};

std::pair<std::string, std::optional<Date>> parse_notice_argument(const std::string &arg) {
  const auto at = arg.rfind('@');
  if (at == std::string::npos || at == 0 || std::filesystem::exists(arg)) {
    return {arg, std::nullopt};
  }
  const std::string suffix = arg.substr(at + 1);
  const bool date_like = !suffix.empty() && std::all_of(suffix.begin(), suffix.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-';
  });
  if (!date_like) {
    return {arg, std::nullopt};
  }
  const auto date = parse_date(suffix);
  if (!date) {
    throw Usage{arg + ": `" + suffix + "` is not a date; name the date as NOTICE@YYYY-MM-DD"};
  }
  return {arg.substr(0, at), date};
}

Date today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

} // namespace

int run_check_published(const CheckPublishedOptions &o, std::ostream &out, std::ostream &err) {
  std::string notice_path;
  std::optional<Date> date_given;
  try {
    std::tie(notice_path, date_given) = parse_notice_argument(o.notice);
  } catch (const Usage &usage) {
    err << "notice-audit: error: " << usage.message << '\n';
    return k_exit_usage;
  }
  const Date date = date_given.value_or(today());

  const LoadResult loaded = load_file(notice_path);
  const bool errors = std::any_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                                  [](const Diagnostic &d) { return d.severity == Severity::error; });
  if (!loaded.notice || errors) {
    std::vector<FileReport> reports{{notice_path, loaded.source, loaded.diagnostics}};
    ReportOptions report_options;
    report_options.summary = false;
    write_report(err, ReportFormat::text, reports, report_options);
    err << "notice-audit: error: " << notice_path << ": not a usable notice; `notice-audit validate " << notice_path
        << "` explains\n";
    return k_exit_usage;
  }
  const Notice &notice = *loaded.notice;
  const Revision *revision = revision_at(notice, date);
  if (!revision) {
    err << "notice-audit: error: " << notice_path << ": no revision is in force on " << to_string(date);
    if (!notice.revisions.empty()) {
      err << "; its revisions start on " << to_string(notice.revisions.front().effective);
    }
    err << '\n';
    return k_exit_usage;
  }

  ReadOptions read_options;
  if (!o.read_as.empty()) {
    read_options.format = parse_document_format(o.read_as);
  }
  DocumentText published;
  try {
    published = read_document(o.published, read_options);
  } catch (const Error &e) {
    err << "notice-audit: error: " << e.what() << '\n';
    return k_exit_usage;
  }
  if (!o.force && !looks_like_notice(published)) {
    err << "notice-audit: error: " << o.published << ": does not look like a purpose-of-use notice (no 個人情報 or "
        << "利用目的 in its " << published.lines.size() << " lines); give --force to compare it anyway\n";
    return k_exit_usage;
  }

  const std::vector<ExpectedLine> expected = expected_lines(notice, date);
  const PublishedComparison comparison = compare_published(published, expected);
  const PublishedReportContext context{notice_path, date, revision->effective};
  if (o.format == "json") {
    write_published_json(out, published, expected, comparison, context);
  } else {
    write_published_text(out, published, expected, comparison, context);
  }
  return comparison.same() ? k_exit_clean : k_exit_findings;
}

} // namespace notice::cli
