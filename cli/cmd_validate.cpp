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
#include "notice/escape.hpp"
#include "notice/explain.hpp"
#include "notice/load.hpp"
#include "notice/output.hpp"
#include "notice/parallel.hpp"
#include "notice/report.hpp"
#include "notice/rules.hpp"

#include <unistd.h>

#include <cstdio>
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
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github", "summary", "summary-json", "summary-html"}));
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
  cmd->add_flag("--explain", o.explain,
                "After the report, show what was read for each item: its flow and how it was decided, parties, data "
                "and legal bases, stated or read from the wording (text only)");
  cmd->add_flag("--summary", o.summary,
                "Print the federation summary instead of every finding (same as --format summary)");
  cmd->add_option("-j,--jobs", o.jobs, "Check this many files at once (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--lang", o.lang, "Language of messages (default: ja under a Japanese locale, else en)")
      ->check(CLI::IsMember({"en", "ja"}));
  return cmd;
}

namespace {

// The command line's --ignore, --revision and --as-of over a notice's configuration.
RuleOptions with_overrides(RuleOptions rules, const RuleOptions &overrides) {
  for (const auto &[id, severity] : overrides.severity) {
    rules.severity[id] = severity;
  }
  rules.revision = overrides.revision;
  rules.as_of = overrides.as_of;
  return rules;
}

const std::vector<FormatExtension> k_extensions{
    {"text", {".txt", ".text"}},   {"json", {".json"}},     {"sarif", {".sarif"}},
    {"junit", {".xml", ".junit"}}, {"github", {".github"}}, {"summary-html", {".html", ".htm"}},
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

namespace {

/// What checking one file produced, handed to the report in file order.
struct CheckedFile {
  FileReport report;
  std::string coverage; ///< the --coverage table, when asked for
  std::string error;    ///< a usage error for this file (exit 2); the file is then left out of the report
};

/// Text kept until the report is finished (the --coverage tables), in an anonymous temporary file
/// so that it does not grow the process with the number of files; in memory if none can be made.
class Spill {
public:
  Spill() : m_file(std::tmpfile()) {}
  ~Spill() {
    if (m_file) {
      std::fclose(m_file);
    }
  }
  Spill(const Spill &) = delete;
  Spill &operator=(const Spill &) = delete;

  void add(const std::string &text) {
    if (m_file && std::fwrite(text.data(), 1, text.size(), m_file) == text.size()) {
      m_written += text.size();
      return;
    }
    if (m_file) { // the disk is full: keep everything in memory from now on, in order
      m_memory.resize(m_written);
      const bool read_back =
          std::fseek(m_file, 0, SEEK_SET) == 0 && std::fread(m_memory.data(), 1, m_written, m_file) == m_written;
      std::fclose(m_file);
      m_file = nullptr;
      if (!read_back) {
        m_memory.clear();
      }
    }
    m_memory += text;
  }
  void copy_to(std::ostream &out) {
    if (m_file && std::fflush(m_file) == 0 && std::fseek(m_file, 0, SEEK_SET) == 0) {
      char buffer[1 << 16];
      for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, m_file)) > 0;) {
        out.write(buffer, static_cast<std::streamsize>(n));
      }
    }
    out << m_memory;
  }

private:
  std::FILE *m_file;
  std::size_t m_written = 0;
  std::string m_memory;
};

// Loads and checks one file; runs on a worker thread, so it touches nothing shared but read-only
// options.
// `dated` is the date FILE@DATE gave this file, which replaces --revision for it.
CheckedFile check_file(const std::string &path, const ValidateOptions &o, const Config &config,
                       const RuleOptions &overrides, std::optional<Date> dated, Lang lang) {
  RuleOptions all_rules = with_overrides(config.rules, overrides);
  CheckedFile out;
  const auto message = [lang](const Error &e) {
    return lang == Lang::ja && !e.message_ja().empty() ? e.message_ja() : std::string(e.what());
  };
  RuleOptions dated_rules;
  if (dated) {
    dated_rules = all_rules;
    dated_rules.revision = dated;
  }
  const RuleOptions &rules = dated ? dated_rules : all_rules;
  const Date judged = rules.revision ? *rules.revision : *rules.as_of;
  LoadResult loaded;
  try {
    loaded = load_file(path);
  } catch (const Error &e) {
    // An unreadable file (permissions, vanished) is reported when its turn comes, and the report
    // of the others stays a complete document.
    out.error = message(e);
    return out;
  }
  out.report = FileReport{path, loaded.source, std::move(loaded.diagnostics)};
  FileReport &report = out.report;
  report.config = config.path;
  apply_options(report.diagnostics, rules);
  if (loaded.notice) {
    const Notice &notice = *loaded.notice;
    report.insurer = notice.insurer.name.value;
    if (rules.revision) {
      try {
        select_revision(notice, {path, rules.revision, {}});
      } catch (const Error &e) {
        out.error = message(e);
        return out;
      }
    }
    if (const Revision *current = revision_at(notice, judged)) {
      report.in_force = to_string(current->effective);
    }
    auto findings = check_notice(notice, rules);
    report.diagnostics.insert(report.diagnostics.end(), findings.begin(), findings.end());
    if (o.coverage && !notice.revisions.empty()) {
      const Date date =
          rules.revision ? revision_at(notice, *rules.revision)->effective : latest_revision(notice)->effective;
      std::ostringstream coverage;
      write_coverage(coverage, compute_coverage(at(notice, date)), path + " @" + to_string(date), lang);
      out.coverage = coverage.str();
    }
    if (o.explain && !notice.revisions.empty()) {
      const Date date = rules.revision ? *rules.revision : judged;
      const Revision *revision = revision_at(notice, date);
      std::ostringstream explanation;
      write_explanation(explanation, at(notice, revision ? revision->effective : date), date,
                        path + " @" + to_string(date), lang);
      out.coverage += explanation.str();
    }
  }
  sort_diagnostics(report.diagnostics);
  return out;
}

} // namespace

int run_validate(const ValidateOptions &o, std::ostream &out, std::ostream &err) {
  const Lang lang = o.lang.empty() ? lang_from_environment() : parse_lang(o.lang).value_or(Lang::en);
  // Each notice gets the notice-audit.toml nearest to it (or --config's, or none).
  ConfigFinder configs(o.config, o.no_config);
  RuleOptions rules; // what the command line sets over each notice's configuration
  for (const auto &id : o.ignore) {
    const RuleInfo *rule = find_rule(id);
    if (rule && !rule->configurable) {
      throw Error("--ignore " + escape_control(id) + ": this rule reports an unreadable file and cannot be turned off",
                  "--ignore " + escape_control(id) +
                      ": このルールは読めないファイルを報告するもので、無効にできません");
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
    err << "notice-audit: error: " << (o.as_of.empty() ? "NOTICE_AUDIT_AS_OF=" : "--as-of ") << escape_control(as_of)
        << ": not a date; write YYYY-MM-DD\n";
    return k_exit_usage;
  }
  rules.as_of = as_of.empty() ? today_in_japan() : *parse_date(as_of);
  const std::vector<std::string> files = collect_notice_files(paths);
  if (!o.output.empty()) {
    check_output_path(o.output, files);
  }
  // Found here, before the workers start (ConfigFinder is not shared between threads). One report,
  // one format: the configurations that apply must agree on it unless the command line decides.
  std::vector<const Config *> file_configs;
  for (const auto &path : files) {
    file_configs.push_back(&configs.for_notice(path));
    const Config &first = *file_configs.front();
    const Config &config = *file_configs.back();
    if (o.format.empty() && !o.summary && config.format != first.format) {
      err << "notice-audit: error: " << escape_control(first.path.empty() ? "no configuration" : first.path) << " and "
          << escape_control(config.path.empty() ? "no configuration" : config.path)
          << " ask for different report formats; pass --format\n";
      return k_exit_usage;
    }
  }
  const std::string format_name = o.summary           ? std::string("summary")
                                  : !o.format.empty() ? o.format
                                  : !file_configs.empty() && file_configs.front()->format
                                      ? *file_configs.front()->format
                                      : format_for_output(o.output, k_extensions).value_or("text");
  const std::string fail_on = !o.fail_on.empty()     ? o.fail_on
                              : file_configs.empty() ? std::string("error")
                                                     : file_configs.front()->fail_on.value_or("error");
  const ReportFormat format = parse_report_format(format_name).value_or(ReportFormat::text);
  if ((o.coverage || o.explain) && format != ReportFormat::text && o.output.empty()) {
    // The tables are text printed after the report; on stdout they would break a JSON, SARIF or JUnit report.
    const char *option = o.coverage ? "--coverage" : "--explain";
    if (lang == Lang::ja) {
      err << "notice-audit: error: " << option << " は報告の後に表を文字で出力します。--format " << format_name
          << " では -o FILE で報告をファイルに書き出してください\n";
    } else {
      err << "notice-audit: error: " << option << " prints text after the report; with --format " << format_name
          << " write the report to a file with -o FILE\n";
    }
    return k_exit_usage;
  }

  ReportOptions report_options;
  report_options.tool_version = k_version;
  report_options.show_suppressed = o.show_suppressed;
  report_options.lang = lang;
  report_options.summary = !o.quiet;
  for (const Config *config : file_configs) {
    add_configuration(report_options.configurations, config->path);
  }
  report_options.fail_level = fail_on == "never" ? std::nullopt : parse_severity(fail_on);
  report_options.doc_uri = doc_uri();
  report_options.color = o.color == "always" || (o.color == "auto" && o.output.empty() && isatty(STDOUT_FILENO) &&
                                                 std::getenv("NO_COLOR") == nullptr);

  Spill coverage; // printed after the report
  int failing = 0;
  bool usage_error = false;
  // Each file's report is written as soon as it and those before it are done; then its text,
  // model and findings are freed. With -o the report streams into the temporary file.
  const auto report = [&](std::ostream &report_out) {
    const auto writer = make_report_writer(report_out, format, report_options);
    for_each_ordered<CheckedFile>(
        files.size(), o.jobs > 0 ? o.jobs : default_jobs(),
        [&](std::size_t i) {
          const auto dated = file_dates.find(files[i]);
          return check_file(files[i], o, *file_configs[i], rules,
                            dated == file_dates.end() ? std::nullopt : std::optional<Date>(dated->second), lang);
        },
        [&](std::size_t i, CheckedFile &checked) {
          if (!checked.error.empty()) {
            err << "notice-audit: error: " << escape_control(checked.error) << '\n';
            usage_error = true;
            return;
          }
          writer->add(checked.report);
          coverage.add(checked.coverage);
          // --fail-on, else the notice's own configuration's.
          const std::string file_fail_on = !o.fail_on.empty() ? o.fail_on : file_configs[i]->fail_on.value_or("error");
          for (const auto &d : checked.report.diagnostics) {
            failing += !d.suppressed && reaches(d.severity, file_fail_on) ? 1 : 0;
          }
        });
    writer->finish();
  };
  if (o.output.empty()) {
    report(out);
  } else {
    write_file_atomically(o.output, report, files);
  }
  coverage.copy_to(out);
  if (usage_error) {
    return k_exit_usage;
  }
  if (failing == 0) {
    return k_exit_clean;
  }
  if (!o.output.empty() || (format != ReportFormat::text && format != ReportFormat::summary)) {
    // The report is in a file or for a machine: say on the terminal why the status is 1.
    out.flush();
    err << failure_reason(failing, fail_on, o.output, lang);
  }
  return k_exit_findings;
}

} // namespace notice::cli
