#include "cmd_validate.hpp"

#include "doc_location.hpp"
#include "exit_codes.hpp"
#include "notice_ref.hpp"
#include "rule_page.hpp"
#include "suggest.hpp"
#include "version.hpp"

#include "notice/config.hpp"
#include "notice/coverage.hpp"
#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/output.hpp"
#include "notice/report.hpp"
#include "notice/rules.hpp"

#include <unistd.h>

#include <map>
#include <ostream>
#include <sstream>

namespace notice::cli {

CLI::App *add_validate(CLI::App &app, ValidateOptions &o) {
  CLI::App *cmd = app.add_subcommand("validate", "Check notices against the JSON Schema and the rules");
  cmd->add_option("paths", o.paths,
                  "Notice files (FILE@YYYY-MM-DD: only the revision in force on that date), or directories "
                  "searched for *.yaml and *.yml")
      ->required();
  cmd->add_option("-f,--format", o.format,
                  "Report format (default: `format` in notice-audit.toml, else from the extension of --output, "
                  "else text)")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
  cmd->add_option("--fail-on", o.fail_on,
                  "Lowest severity that makes the exit status 1 (default: error, or `fail-on` in the config)")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  cmd->add_option("-r,--revision", o.revision, "Check only the revision in force on this date (YYYY-MM-DD)");
  cmd->add_option("--as-of", o.as_of,
                  "Judge the latest revision against the law up to this date instead of today in Japan (YYYY-MM-DD)");
  CLI::Option *config = cmd->add_option("-c,--config", o.config,
                                        "Read this configuration file instead of searching for notice-audit.toml");
  cmd->add_flag("--no-config", o.no_config, "Ignore every notice-audit.toml")->excludes(config);
  cmd->add_option("--ignore", o.ignore, "Turn off a rule (repeatable)")->allow_extra_args(false);
  cmd->add_option("-o,--output", o.output, "Write the report to this file (atomically) instead of standard output");
  cmd->add_option("--color", o.color, "Colour the text report")->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_flag("--show-suppressed", o.show_suppressed, "List suppressed findings in the text report too");
  cmd->add_flag("-q,--quiet", o.quiet, "Omit the closing summary line of the text report");
  cmd->add_flag("--coverage", o.coverage,
                "After the report, compare each notice with the model list of purposes (ガイダンス 別表2; text only)");
  cmd->add_option("--lang", o.lang, "Language of messages (default: ja under a Japanese locale, else en)")
      ->check(CLI::IsMember({"en", "ja"}));
  return cmd;
}

namespace {

Config resolve_config(const ValidateOptions &o) {
  if (o.no_config) {
    return {};
  }
  if (!o.config.empty()) {
    return load_config(o.config);
  }
  if (const auto found = find_config(".")) {
    return load_config(found->string());
  }
  return {};
}

const std::vector<FormatExtension> k_extensions{
    {"text", {".txt", ".text"}},   {"json", {".json"}},     {"sarif", {".sarif"}},
    {"junit", {".xml", ".junit"}}, {"github", {".github"}},
};

std::string failure_reason(int failing, const std::string &fail_on, const std::string &output, Lang lang) {
  const std::string n = std::to_string(failing);
  if (lang == Lang::ja) {
    return "notice-audit: validate: --fail-on " + fail_on + " 以上の指摘が " + n +
           " 件あるため終了ステータスは 1 です。" + (output.empty() ? "" : "報告は " + output + " にあります。") + "\n";
  }
  return "notice-audit: validate: exit status 1: " + n + (failing == 1 ? " finding is" : " findings are") +
         " at or above --fail-on " + fail_on + "." + (output.empty() ? "" : " The report is in " + output + ".") + "\n";
}

bool reaches(Severity severity, const std::string &fail_on) {
  if (fail_on == "never") {
    return false;
  }
  const Severity threshold = parse_severity(fail_on).value_or(Severity::error);
  return severity >= threshold;
}

} // namespace

int run_validate(const ValidateOptions &o, std::ostream &out, std::ostream &err) {
  const Lang lang = o.lang.empty() ? lang_from_environment() : parse_lang(o.lang).value_or(Lang::en);
  Config config = resolve_config(o);
  RuleOptions &rules = config.rules;
  for (const auto &id : o.ignore) {
    const RuleInfo *rule = find_rule(id);
    if (rule && !rule->configurable) {
      throw Error("--ignore " + id + ": this rule reports an unreadable file and cannot be turned off",
                  "--ignore " + id + ": このルールは読めないファイルを報告するもので、無効にできません");
    }
    if (!rule) {
      throw unknown_rule_error("--ignore", id, false);
    }
    rules.severity[std::string(rule->id)] = std::nullopt;
  }
  rules.revision = parse_revision_option(o.revision);
  // FILE@DATE: that file's revision in force on DATE (the others keep --revision).
  std::vector<std::string> paths;
  std::map<std::string, Date> file_dates;
  for (const auto &argument : o.paths) {
    const NoticeRef ref = parse_notice_ref(argument, o.revision);
    paths.push_back(ref.path);
    if (ref.date) {
      file_dates[ref.path] = *ref.date;
    }
  }
  // "Today": --as-of, else NOTICE_AUDIT_AS_OF (reproducible CI), else the date in Japan.
  const char *as_of_env = std::getenv("NOTICE_AUDIT_AS_OF");
  const std::string as_of = !o.as_of.empty() ? o.as_of : as_of_env ? as_of_env : "";
  if (!as_of.empty() && !parse_date(as_of)) {
    err << "notice-audit: error: " << (o.as_of.empty() ? "NOTICE_AUDIT_AS_OF=" : "--as-of ") << as_of
        << ": not a date; write YYYY-MM-DD\n";
    return k_exit_usage;
  }
  rules.as_of = as_of.empty() ? today_in_japan() : *parse_date(as_of);
  const std::string format_name = !o.format.empty() ? o.format
                                  : config.format   ? *config.format
                                                    : format_for_output(o.output, k_extensions).value_or("text");
  const std::string fail_on = !o.fail_on.empty() ? o.fail_on : config.fail_on.value_or("error");
  const ReportFormat format = parse_report_format(format_name).value_or(ReportFormat::text);

  const std::vector<std::string> files = collect_notice_files(paths);
  std::vector<FileReport> reports;
  std::ostringstream coverage; // printed after the report, from the notices loaded once here
  for (const auto &path : files) {
    LoadResult loaded = load_file(path);
    FileReport report{path, loaded.source, std::move(loaded.diagnostics)};
    apply_options(report.diagnostics, rules);
    if (loaded.notice) {
      RuleOptions file_rules = rules;
      if (const auto dated = file_dates.find(path); dated != file_dates.end()) {
        file_rules.revision = dated->second;
      }
      if (file_rules.revision) {
        select_revision(*loaded.notice, {path, file_rules.revision, {}});
      }
      auto findings = check_notice(*loaded.notice, file_rules);
      report.diagnostics.insert(report.diagnostics.end(), findings.begin(), findings.end());
      if (o.coverage && !loaded.notice->revisions.empty()) {
        const Date date = file_rules.revision ? revision_at(*loaded.notice, *file_rules.revision)->effective
                                              : latest_revision(*loaded.notice)->effective;
        write_coverage(coverage, compute_coverage(at(*loaded.notice, date)), path + " @" + to_string(date), lang);
      }
    }
    sort_diagnostics(report.diagnostics);
    reports.push_back(std::move(report));
  }

  ReportOptions report_options;
  report_options.tool_version = k_version;
  report_options.show_suppressed = o.show_suppressed;
  report_options.lang = lang;
  report_options.summary = !o.quiet;
  report_options.fail_level = fail_on == "never" ? std::nullopt : parse_severity(fail_on);
  report_options.doc_uri = doc_uri();
  report_options.color = o.color == "always" || (o.color == "auto" && o.output.empty() && isatty(STDOUT_FILENO) &&
                                                 std::getenv("NO_COLOR") == nullptr);
  if (o.output.empty()) {
    write_report(out, format, reports, report_options);
  } else {
    std::ostringstream buffer;
    write_report(buffer, format, reports, report_options);
    write_file_atomically(o.output, buffer.str(), files);
  }

  out << coverage.str();

  int failing = 0;
  for (const auto &report : reports) {
    for (const auto &d : report.diagnostics) {
      failing += !d.suppressed && reaches(d.severity, fail_on) ? 1 : 0;
    }
  }
  if (failing == 0) {
    return k_exit_clean;
  }
  if (!o.output.empty() || format != ReportFormat::text) {
    // The report is in a file or for a machine: say on the terminal why the status is 1.
    out.flush();
    err << failure_reason(failing, fail_on, o.output, lang);
  }
  return k_exit_findings;
}

} // namespace notice::cli
