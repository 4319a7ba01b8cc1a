#include "notice/report.hpp"

#include "ansi.hpp"
#include "utf8.hpp"

#include "notice/rule_docs.hpp"
#include "notice/rules.hpp"
#include "notice/template.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>

namespace notice {
namespace {

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

void write_text(std::ostream &out, const std::vector<FileReport> &files, const ReportOptions &options) {
  const detail::Palette c = detail::palette(options.color);
  for (const auto &file : files) {
    for (const auto &d : file.diagnostics) {
      if (d.suppressed && !options.show_suppressed) {
        continue;
      }
      const char *color = d.severity == Severity::error ? c.red : d.severity == Severity::warning ? c.yellow : c.cyan;
      out << c.bold << d.path;
      if (d.pos.known()) {
        out << ':' << d.pos.line << ':' << d.pos.column;
      }
      out << ':' << c.reset << ' ' << color << to_string(d.severity) << ':' << c.reset << ' '
          << message_in(d, options.lang) << " [" << d.rule_id << ']';
      if (d.suppressed) {
        out << " (suppressed: " << *d.suppressed << ')';
      }
      out << '\n';
      // A line with bytes that are not UTF-8 would only garble the terminal: do not quote it.
      if (file.source && d.pos.known() && d.rule_id != "encoding") {
        // Quote the line (a window of it when long) and put a caret under the column, counting
        // wide characters twice.
        std::string_view line = file.source->line(d.pos.line);
        std::size_t i = 0;
        int column = 1;
        while (i < line.size() && column < d.pos.column) {
          detail::next_code_point(line, i);
          ++column;
        }
        std::string prefix;
        std::string suffix;
        constexpr int k_before = 30;
        constexpr int k_after = 50;
        if (display_width(line) > k_before + k_after) {
          std::size_t begin = 0;
          for (int skip = d.pos.column - 1 - k_before; skip > 0 && begin < line.size(); --skip) {
            detail::next_code_point(line, begin);
          }
          std::size_t end = begin;
          for (int keep = 0; keep < k_before + k_after && end < line.size(); ++keep) {
            detail::next_code_point(line, end);
          }
          prefix = begin > 0 ? "…" : "";
          suffix = end < line.size() ? "…" : "";
          i -= begin;
          line = line.substr(begin, end - begin);
        }
        const std::string gutter = std::to_string(d.pos.line);
        out << ' ' << gutter << " | " << prefix << line << suffix << '\n';
        out << ' ' << std::string(gutter.size(), ' ') << " | "
            << std::string(static_cast<std::size_t>(display_width(prefix) + display_width(line.substr(0, i))), ' ')
            << color << '^' << c.reset << '\n';
      }
    }
  }
  if (!options.summary) {
    return;
  }
  const ReportCounts n = count(files);
  if (options.lang == Lang::ja) {
    out << std::to_string(files.size()) << " ファイルを検査: ";
    if (n.errors + n.warnings + n.infos == 0) {
      out << "指摘なし";
    } else {
      out << "エラー " << n.errors << " 件、警告 " << n.warnings << " 件、情報 " << n.infos << " 件";
    }
    if (n.suppressed) {
      out << "（抑止 " << n.suppressed << " 件）";
    }
    out << "\n";
    return;
  }
  const std::string in_files = " in " + detail::plural(static_cast<int>(files.size()), "file");
  if (n.errors + n.warnings + n.infos == 0) {
    out << "No findings" << in_files;
  } else {
    std::vector<std::string> parts;
    if (n.errors) {
      parts.push_back(detail::plural(n.errors, "error"));
    }
    if (n.warnings) {
      parts.push_back(detail::plural(n.warnings, "warning"));
    }
    if (n.infos) {
      parts.push_back(detail::plural(n.infos, "info"));
    }
    out << "Found ";
    for (std::size_t i = 0; i < parts.size(); ++i) {
      out << (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") << parts[i];
    }
    out << in_files;
  }
  if (n.suppressed) {
    out << " (" << n.suppressed << " suppressed)";
  }
  out << ".\n";
}

nlohmann::json diagnostic_json(const Diagnostic &d) {
  nlohmann::json j = {
      {"rule", d.rule_id},    {"severity", to_string(d.severity)}, {"line", d.pos.line},      {"column", d.pos.column},
      {"message", d.message}, {"message_ja", d.message_ja},        {"revisions", d.revisions}};
  if (!d.since.empty()) {
    j["since"] = d.since;
  }
  if (!d.until.empty()) {
    j["until"] = d.until;
  }
  if (d.suppressed) {
    j["suppressed"] = {{"reason", *d.suppressed}};
  }
  return j;
}

void write_json(std::ostream &out, const std::vector<FileReport> &files, const ReportOptions &options) {
  nlohmann::json report = {{"tool", "notice-audit"}, {"version", options.tool_version}, {"format", 1}};
  auto list = nlohmann::json::array();
  for (const auto &file : files) {
    auto diagnostics = nlohmann::json::array();
    for (const auto &d : file.diagnostics) {
      diagnostics.push_back(diagnostic_json(d));
    }
    list.push_back({{"path", file.path}, {"diagnostics", diagnostics}});
  }
  report["files"] = list;
  const ReportCounts n = count(files);
  report["summary"] = {
      {"errors", n.errors}, {"warnings", n.warnings}, {"infos", n.infos}, {"suppressed", n.suppressed}};
  out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

std::string sarif_level(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

void write_sarif(std::ostream &out, const std::vector<FileReport> &files, const ReportOptions &options) {
  auto rules = nlohmann::json::array();
  std::map<std::string, std::size_t, std::less<>> index;
  for (const RuleInfo &r : rule_catalog()) {
    index.emplace(std::string(r.id), rules.size());
    nlohmann::json rule = {{"id", r.id},
                           {"name", r.id},
                           {"shortDescription", {{"text", r.summary}}},
                           {"defaultConfiguration", {{"level", sarif_level(r.severity)}}},
                           {"properties", {{"family", r.family}}}};
    if (const std::string basis = rule_basis(r); !basis.empty()) {
      rule["fullDescription"] = {{"text", std::string(r.summary) + ". Basis: " + basis}};
    }
    if (r.stale_law) {
      rule["properties"]["stale_law"] = true;
    }
    // The page itself, which code scanning shows beside each alert, and where it is installed.
    if (const auto page = rule_page(r.id)) {
      rule["help"] = {{"text", *page}, {"markdown", *page}};
      if (!options.doc_uri.empty()) {
        rule["helpUri"] = options.doc_uri + "/rules/" + std::string(r.id) + ".md";
      }
    }
    rules.push_back(rule);
  }
  auto results = nlohmann::json::array();
  for (const auto &file : files) {
    for (const auto &d : file.diagnostics) {
      nlohmann::json location = {{"physicalLocation", {{"artifactLocation", {{"uri", d.path}}}}}};
      if (d.pos.known()) {
        location["physicalLocation"]["region"] = {{"startLine", d.pos.line}, {"startColumn", d.pos.column}};
      }
      nlohmann::json result = {{"ruleId", d.rule_id},
                               {"level", sarif_level(d.severity)},
                               {"message", {{"text", message_in(d, options.lang)}}},
                               {"locations", nlohmann::json::array({location})}};
      if (const auto it = index.find(d.rule_id); it != index.end()) {
        result["ruleIndex"] = it->second;
      }
      result["properties"] = {{"message_en", d.message}, {"message_ja", d.message_ja}};
      if (!d.revisions.empty()) {
        result["properties"]["revisions"] = d.revisions;
      }
      if (!d.since.empty()) {
        result["properties"]["since"] = d.since;
      }
      if (!d.until.empty()) {
        result["properties"]["until"] = d.until;
      }
      if (d.suppressed) {
        result["suppressions"] = nlohmann::json::array({{{"kind", "inSource"}, {"justification", *d.suppressed}}});
      }
      results.push_back(result);
    }
  }
  nlohmann::json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       nlohmann::json::array(
           {{{"tool", {{"driver", {{"name", "notice-audit"}, {"version", options.tool_version}, {"rules", rules}}}}},
             {"columnKind", "unicodeCodePoints"},
             {"results", results}}})}};
  if (!options.doc_uri.empty()) {
    sarif["runs"][0]["tool"]["driver"]["informationUri"] = options.doc_uri + "/README.md";
  }
  out << sarif.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

// JUnit XML: entities as in HTML, and the control characters XML 1.0 forbids even as references
// replaced by '?'.
std::string xml_escape(std::string_view text) {
  std::string cleaned(text);
  for (char &ch : cleaned) {
    if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
      ch = '?';
    }
  }
  return escape_html(cleaned);
}

std::string location_of(const Diagnostic &d) {
  return d.path + (d.pos.known() ? ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) : "");
}

// CI servers (GitLab, Jenkins) fail or flag a job for every <failure>, so a finding is a failure
// only when it is at or above the fail level, that is when it makes the exit status 1. Findings
// below it are passed test cases whose <system-out> carries the message: the report agrees with
// the job's status and still lists every finding (a <skipped> one would read as "not checked").
bool junit_failure(const Diagnostic &d, std::optional<Severity> fail_level) {
  return !d.suppressed && fail_level && d.severity >= *fail_level;
}

void write_junit(std::ostream &out, const std::vector<FileReport> &files, const ReportOptions &options) {
  const auto cases = [](const FileReport &file) {
    int n = 0;
    for (const auto &d : file.diagnostics) {
      n += d.suppressed ? 0 : 1;
    }
    return n;
  };
  const auto failures = [&](const FileReport &file) {
    int n = 0;
    for (const auto &d : file.diagnostics) {
      n += junit_failure(d, options.fail_level) ? 1 : 0;
    }
    return n;
  };
  int tests = 0;
  int failed = 0;
  for (const auto &file : files) {
    tests += std::max(cases(file), 1);
    failed += failures(file);
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"notice-audit\" tests=\"" << tests << "\" failures=\"" << failed << "\">\n";
  for (const auto &file : files) {
    const int active = cases(file);
    out << "  <testsuite name=\"" << xml_escape(file.path) << "\" tests=\"" << std::max(active, 1) << "\" failures=\""
        << failures(file) << "\">\n";
    if (active == 0) {
      out << "    <testcase classname=\"" << xml_escape(file.path) << "\" name=\"validate\"/>\n";
    }
    for (const auto &d : file.diagnostics) {
      if (d.suppressed) {
        continue;
      }
      out << "    <testcase classname=\"" << xml_escape(file.path) << "\" name=\""
          << xml_escape(d.rule_id + " at " + location_of(d)) << "\">\n";
      if (junit_failure(d, options.fail_level)) {
        out << "      <failure type=\"" << to_string(d.severity) << "\" message=\""
            << xml_escape(message_in(d, options.lang)) << "\">" << xml_escape(format_diagnostic(d, options.lang))
            << "</failure>\n";
      } else {
        out << "      <system-out>" << xml_escape(format_diagnostic(d, options.lang)) << "</system-out>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

// GitHub workflow commands: data escapes %, CR, LF; properties also escape ':' and ','.
std::string gh_escape(std::string_view text, bool property) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    case ':':
      out += property ? "%3A" : ":";
      break;
    case ',':
      out += property ? "%2C" : ",";
      break;
    default:
      out += ch;
    }
  }
  return out;
}

void write_github(std::ostream &out, const std::vector<FileReport> &files, Lang lang) {
  for (const auto &file : files) {
    for (const auto &d : file.diagnostics) {
      if (d.suppressed) {
        continue;
      }
      const char *command = d.severity == Severity::error     ? "error"
                            : d.severity == Severity::warning ? "warning"
                                                              : "notice";
      out << "::" << command << " file=" << gh_escape(d.path, true);
      if (d.pos.known()) {
        out << ",line=" << d.pos.line << ",col=" << d.pos.column;
      }
      out << ",title=" << gh_escape(d.rule_id, true) << "::" << gh_escape(message_in(d, lang), false) << '\n';
    }
  }
}

} // namespace

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") {
    return ReportFormat::text;
  }
  if (name == "json") {
    return ReportFormat::json;
  }
  if (name == "sarif") {
    return ReportFormat::sarif;
  }
  if (name == "junit") {
    return ReportFormat::junit;
  }
  if (name == "github") {
    return ReportFormat::github;
  }
  return std::nullopt;
}

ReportCounts count(const std::vector<FileReport> &files) {
  ReportCounts n;
  for (const auto &file : files) {
    for (const auto &d : file.diagnostics) {
      if (d.suppressed) {
        ++n.suppressed;
      } else if (d.severity == Severity::error) {
        ++n.errors;
      } else if (d.severity == Severity::warning) {
        ++n.warnings;
      } else {
        ++n.infos;
      }
    }
  }
  return n;
}

int display_width(std::string_view text) {
  int width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    width += is_wide(detail::next_code_point(text, i)) ? 2 : 1;
  }
  return width;
}

void write_report(std::ostream &out, ReportFormat format, const std::vector<FileReport> &files,
                  const ReportOptions &options) {
  switch (format) {
  case ReportFormat::text:
    write_text(out, files, options);
    break;
  case ReportFormat::json:
    write_json(out, files, options);
    break;
  case ReportFormat::sarif:
    write_sarif(out, files, options);
    break;
  case ReportFormat::junit:
    write_junit(out, files, options);
    break;
  case ReportFormat::github:
    write_github(out, files, options.lang);
    break;
  }
}

} // namespace notice
