#include "cmd_validate.hpp"

#include "exit_codes.hpp"
#include "version.hpp"

#include "notice/config.hpp"
#include "notice/coverage.hpp"
#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/load.hpp"
#include "notice/output.hpp"
#include "notice/report.hpp"
#include "notice/rules.hpp"

#include <unistd.h>

#include <ostream>
#include <sstream>

namespace notice::cli {

CLI::App *add_validate(CLI::App &app, ValidateOptions &o) {
  CLI::App *cmd = app.add_subcommand("validate", "Check notices against the JSON Schema and the rules");
  cmd->add_option("paths", o.paths, "Notice files, or directories searched for *.yaml and *.yml")->required();
  cmd->add_option("-f,--format", o.format, "Report format (default: text, or `format` in notice-audit.toml)")
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
  cmd->add_option("--ignore", o.ignore, "Turn off a rule (repeatable)");
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

// The command line's --ignore and --revision over a notice's configuration.
RuleOptions with_overrides(RuleOptions rules, const RuleOptions &overrides) {
  for (const auto &[id, severity] : overrides.severity) {
    rules.severity[id] = severity;
  }
  rules.revision = overrides.revision;
  rules.as_of = overrides.as_of;
  return rules;
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
  // Each notice gets the notice-audit.toml nearest to it (or --config's, or none).
  ConfigFinder configs(o.config, o.no_config);
  RuleOptions overrides;
  for (const auto &id : o.ignore) {
    const RuleInfo *rule = find_rule(id);
    if (!rule || !rule->configurable) {
      err << "notice-audit: error: --ignore " << escape_control(id) << ": "
          << (rule ? "this rule reports an unreadable file and cannot be turned off"
                   : "no such rule; `notice-audit rules` lists them")
          << '\n';
      return k_exit_usage;
    }
    overrides.severity[std::string(rule->id)] = std::nullopt;
  }
  if (!o.revision.empty()) {
    overrides.revision = parse_date(o.revision);
    if (!overrides.revision) {
      err << "notice-audit: error: --revision " << escape_control(o.revision) << ": not a date; write YYYY-MM-DD\n";
      return k_exit_usage;
    }
  }
  // "Today": --as-of, else NOTICE_AUDIT_AS_OF (reproducible CI), else the date in Japan.
  const char *as_of_env = std::getenv("NOTICE_AUDIT_AS_OF");
  const std::string as_of = !o.as_of.empty() ? o.as_of : as_of_env ? as_of_env : "";
  if (!as_of.empty() && !parse_date(as_of)) {
    err << "notice-audit: error: " << (o.as_of.empty() ? "NOTICE_AUDIT_AS_OF=" : "--as-of ") << escape_control(as_of)
        << ": not a date; write YYYY-MM-DD\n";
    return k_exit_usage;
  }
  overrides.as_of = as_of.empty() ? today_in_japan() : *parse_date(as_of);
  const Lang lang = o.lang.empty() ? lang_from_environment() : parse_lang(o.lang).value_or(Lang::en);
  const std::vector<std::string> files = collect_notice_files(o.paths);
  if (!o.output.empty()) {
    check_output_path(o.output, files);
  }
  // One report, one format: the configurations that apply must agree on it unless --format decides.
  const Config &first = configs.for_notice(files.front());
  for (const auto &path : files) {
    const Config &config = configs.for_notice(path);
    if (o.format.empty() && config.format != first.format) {
      err << "notice-audit: error: " << escape_control(first.path.empty() ? "no configuration" : first.path) << " and "
          << escape_control(config.path.empty() ? "no configuration" : config.path)
          << " ask for different report formats; pass --format\n";
      return k_exit_usage;
    }
  }
  const std::string format_name = !o.format.empty() ? o.format : first.format.value_or("text");
  const ReportFormat format = parse_report_format(format_name).value_or(ReportFormat::text);

  std::vector<FileReport> reports;
  std::vector<std::string> fail_on; // per notice: --fail-on, else its configuration's
  std::ostringstream coverage;      // printed after the report, from the notices loaded once here
  for (const auto &path : files) {
    const Config &config = configs.for_notice(path);
    const RuleOptions rules = with_overrides(config.rules, overrides);
    fail_on.push_back(!o.fail_on.empty() ? o.fail_on : config.fail_on.value_or("error"));
    LoadResult loaded = load_file(path);
    FileReport report{path, loaded.source, std::move(loaded.diagnostics)};
    report.config = config.path;
    apply_options(report.diagnostics, rules);
    if (loaded.notice) {
      if (rules.revision && !revision_at(*loaded.notice, *rules.revision)) {
        err << "notice-audit: error: " << escape_control(path) << ": no revision is in force on " << o.revision
            << "; its revisions start on " << to_string(loaded.notice->revisions.front().effective) << '\n';
        return k_exit_usage;
      }
      auto findings = check_notice(*loaded.notice, rules);
      report.diagnostics.insert(report.diagnostics.end(), findings.begin(), findings.end());
      if (o.coverage && !loaded.notice->revisions.empty()) {
        const Date date = rules.revision ? *rules.revision : latest_revision(*loaded.notice)->effective;
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

  for (std::size_t i = 0; i < reports.size(); ++i) {
    for (const auto &d : reports[i].diagnostics) {
      if (!d.suppressed && reaches(d.severity, fail_on[i])) {
        return k_exit_findings;
      }
    }
  }
  return k_exit_clean;
}

} // namespace notice::cli
