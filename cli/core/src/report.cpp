#include "notice/report.hpp"

#include "ansi.hpp"
#include "summary.hpp"
#include "utf8.hpp"

#include "notice/escape.hpp"
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

// Quotes the line of `d` (a window of it when long) with a caret under the column, counting wide
// characters twice.
void write_excerpt(std::ostream &out, const Source &source, const Diagnostic &d, const char *color,
                   const detail::Palette &c) {
  std::string_view line = source.line(d.pos.line);
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
  // Control characters in the line are shown escaped, and the caret counts their escapes.
  const std::string gutter = std::to_string(d.pos.line);
  out << ' ' << gutter << " | " << prefix << escape_control(line) << suffix << '\n';
  out << ' ' << std::string(gutter.size(), ' ') << " | "
      << std::string(static_cast<std::size_t>(display_width(prefix) + display_width(escape_control(line.substr(0, i)))),
                     ' ')
      << color << '^' << c.reset << '\n';
}

void write_configurations(std::ostream &out, const std::vector<std::string> &used, Lang lang) {
  if (used.empty()) {
    return;
  }
  out << (lang == Lang::ja ? "設定ファイル: " : used.size() == 1 ? "Configuration: " : "Configurations: ");
  for (std::size_t i = 0; i < used.size(); ++i) {
    out << (i ? ", " : "") << escape_control(used[i]);
  }
  out << '\n';
}

void write_summary_line(std::ostream &out, const ReportCounts &n, std::size_t files, Lang lang) {
  if (lang == Lang::ja) {
    out << std::to_string(files) << " ファイルを検査: ";
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
  const std::string in_files = " in " + detail::plural(static_cast<long long>(files), "file");
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

/// Keeps the totals every format needs at its end.
class CountingWriter : public ReportWriter {
public:
  void add(const FileReport &file) final {
    add_counts(m_counts, file);
    ++m_files;
    write_file(file);
  }

protected:
  virtual void write_file(const FileReport &file) = 0;
  const ReportCounts &counts() const { return m_counts; }
  std::size_t files() const { return m_files; }

private:
  ReportCounts m_counts;
  std::size_t m_files = 0;
};

class TextWriter final : public CountingWriter {
public:
  TextWriter(std::ostream &out, const ReportOptions &options) : m_out(out), m_options(options) {}

  void write_file(const FileReport &file) override {
    const detail::Palette c = detail::palette(m_options.color);
    for (const auto &d : file.diagnostics) {
      if (d.suppressed && !m_options.show_suppressed) {
        continue;
      }
      const char *color = d.severity == Severity::error ? c.red : d.severity == Severity::warning ? c.yellow : c.cyan;
      m_out << c.bold << escape_control(d.path);
      if (d.pos.known()) {
        m_out << ':' << d.pos.line << ':' << d.pos.column;
      }
      m_out << ':' << c.reset << ' ' << color << to_string(d.severity) << ':' << c.reset << ' '
            << escape_control(message_in(d, m_options.lang)) << " [" << d.rule_id << ']';
      if (d.suppressed) {
        m_out << " (suppressed: " << escape_control(*d.suppressed) << ')';
      }
      m_out << '\n';
      // A line with bytes that are not UTF-8 would only garble the terminal: do not quote it.
      if (file.source && d.pos.known() && d.rule_id != "encoding") {
        write_excerpt(m_out, *file.source, d, color, c);
      }
    }
  }

  void finish() override {
    if (m_options.summary) {
      write_configurations(m_out, m_options.configurations, m_options.lang);
      write_summary_line(m_out, counts(), files(), m_options.lang);
    }
  }

private:
  std::ostream &m_out;
  ReportOptions m_options;
};

// nlohmann's dump(2) of one element, indented to sit `depth` spaces deep in a larger document, so
// that a streamed document has the same bytes as one dumped whole.
std::string dump_at(const nlohmann::json &value, std::size_t depth) {
  const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  const std::string indent(depth, ' ');
  for (char ch : text) {
    out += ch;
    if (ch == '\n') {
      out += indent;
    }
  }
  return out;
}

/// Writes the elements of one JSON array member, `"name": [ … ]`, one element at a time.
class JsonArrayStream {
public:
  JsonArrayStream(std::ostream &out, std::size_t depth) : m_out(out), m_depth(depth) {}

  void add(const nlohmann::json &element) {
    m_out << (m_count++ == 0 ? "\n" : ",\n") << std::string(m_depth, ' ') << dump_at(element, m_depth);
  }
  void close() {
    if (m_count > 0) {
      m_out << '\n' << std::string(m_depth - 2, ' ');
    }
    m_out << ']';
  }

private:
  std::ostream &m_out;
  std::size_t m_depth;
  std::size_t m_count = 0;
};

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

// {"files": [...], "format": 1, "summary": {...}, "tool": …, "version": …}: keys in nlohmann's
// (sorted) order, so "files" comes first and the totals after it.
class JsonWriter final : public CountingWriter {
public:
  JsonWriter(std::ostream &out, const ReportOptions &options)
      : m_out(out), m_version(options.tool_version), m_files(out, 4) {
    m_out << "{\n  \"files\": [";
  }

  void write_file(const FileReport &file) override {
    auto diagnostics = nlohmann::json::array();
    for (const auto &d : file.diagnostics) {
      diagnostics.push_back(diagnostic_json(d));
    }
    m_files.add({{"path", file.path},
                 {"config", file.config.empty() ? nlohmann::json(nullptr) : nlohmann::json(file.config)},
                 {"diagnostics", diagnostics}});
  }

  void finish() override {
    m_files.close();
    const ReportCounts &n = counts();
    const nlohmann::json summary = {
        {"errors", n.errors}, {"warnings", n.warnings}, {"infos", n.infos}, {"suppressed", n.suppressed}};
    m_out << ",\n  \"format\": 1,\n  \"summary\": " << dump_at(summary, 2)
          << ",\n  \"tool\": \"notice-audit\",\n  \"version\": " << dump_at(m_version, 2) << "\n}\n";
  }

private:
  std::ostream &m_out;
  nlohmann::json m_version;
  JsonArrayStream m_files;
};

std::string sarif_level(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

std::string rule_help_uri(std::string_view id) {
  return "docs/rules/" + std::string(id) + ".md";
}

nlohmann::json sarif_result(const Diagnostic &d, const std::map<std::string, std::size_t, std::less<>> &index,
                            Lang lang) {
  nlohmann::json location = {{"physicalLocation", {{"artifactLocation", {{"uri", uri_from_path(d.path)}}}}}};
  if (d.pos.known()) {
    location["physicalLocation"]["region"] = {{"startLine", d.pos.line}, {"startColumn", d.pos.column}};
  }
  nlohmann::json result = {{"ruleId", d.rule_id},
                           {"level", sarif_level(d.severity)},
                           {"message", {{"text", message_in(d, lang)}}},
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
  return result;
}

// SARIF 2.1.0 with one run whose keys sort as columnKind, invocations, results, tool: the results
// are streamed and the tool (the rule catalogue) follows them.
class SarifWriter final : public CountingWriter {
public:
  SarifWriter(std::ostream &out, const ReportOptions &options) : m_out(out), m_options(options), m_results(out, 8) {
    for (const RuleInfo &r : rule_catalog()) {
      m_index.emplace(std::string(r.id), m_index.size());
    }
    auto used = nlohmann::json::array();
    for (const auto &config : options.configurations) {
      used.push_back(uri_from_path(config));
    }
    const nlohmann::json invocations =
        nlohmann::json::array({{{"executionSuccessful", true}, {"properties", {{"configurations", used}}}}});
    m_out << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [\n    {\n"
             "      \"columnKind\": \"unicodeCodePoints\",\n      \"invocations\": "
          << dump_at(invocations, 6) << ",\n      \"results\": [";
  }

  void write_file(const FileReport &file) override {
    for (const auto &d : file.diagnostics) {
      m_results.add(sarif_result(d, m_index, m_options.lang));
    }
  }

  void finish() override {
    m_results.close();
    auto rules = nlohmann::json::array();
    for (const RuleInfo &r : rule_catalog()) {
      nlohmann::json rule = {{"id", r.id},
                             {"name", r.id},
                             {"shortDescription", {{"text", r.summary}}},
                             {"helpUri", rule_help_uri(r.id)},
                             {"defaultConfiguration", {{"level", sarif_level(r.severity)}}},
                             {"properties", {{"family", r.family}}}};
      if (const std::string basis = rule_basis(r); !basis.empty()) {
        rule["fullDescription"] = {{"text", std::string(r.summary) + ". Basis: " + basis}};
      }
      if (r.stale_law) {
        rule["properties"]["stale_law"] = true;
      }
      rules.push_back(rule);
    }
    const nlohmann::json tool = {{"driver",
                                  {{"name", "notice-audit"},
                                   {"version", m_options.tool_version},
                                   {"informationUri", "https://example.invalid/notice-audit"},
                                   {"rules", rules}}}};
    m_out << ",\n      \"tool\": " << dump_at(tool, 6) << "\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n";
  }

private:
  std::ostream &m_out;
  ReportOptions m_options;
  std::map<std::string, std::size_t, std::less<>> m_index;
  JsonArrayStream m_results;
};

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

// One <testsuite> per file, written as the file finishes. The totals of the whole run are not
// repeated on <testsuites> (they would have to be known before the first suite); JUnit readers sum
// the suites.
class JunitWriter final : public ReportWriter {
public:
  JunitWriter(std::ostream &out, const ReportOptions &options) : m_out(out), m_lang(options.lang) {
    m_out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"notice-audit\">\n";
  }

  void add(const FileReport &file) override {
    int active = 0;
    for (const auto &d : file.diagnostics) {
      active += d.suppressed ? 0 : 1;
    }
    m_out << "  <testsuite name=\"" << xml_escape(file.path) << "\" tests=\"" << std::max(active, 1) << "\" failures=\""
          << active << "\">\n";
    if (active == 0) {
      m_out << "    <testcase classname=\"" << xml_escape(file.path) << "\" name=\"validate\"/>\n";
    }
    for (const auto &d : file.diagnostics) {
      if (!d.suppressed) {
        write_case(file, d);
      }
    }
    m_out << "  </testsuite>\n";
  }

  void finish() override { m_out << "</testsuites>\n"; }

private:
  void write_case(const FileReport &file, const Diagnostic &d) {
    m_out << "    <testcase classname=\"" << xml_escape(file.path) << "\" name=\""
          << xml_escape(d.rule_id + " at " + location_of(d)) << "\">\n";
    m_out << "      <failure type=\"" << to_string(d.severity) << "\" message=\"" << xml_escape(message_in(d, m_lang))
          << "\">" << xml_escape(format_diagnostic(d, m_lang)) << "</failure>\n";
    m_out << "    </testcase>\n";
  }

  std::ostream &m_out;
  Lang m_lang;
};

// Control characters escaped line by line: the line breaks stay, for gh_escape to encode as %0A.
std::string escape_lines(std::string_view text) {
  std::string out;
  while (true) {
    const auto end = text.find('\n');
    out += escape_control(text.substr(0, end));
    if (end == std::string_view::npos) {
      return out;
    }
    out += '\n';
    text.remove_prefix(end + 1);
  }
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

class GithubWriter final : public ReportWriter {
public:
  GithubWriter(std::ostream &out, const ReportOptions &options) : m_out(out), m_lang(options.lang) {}

  void add(const FileReport &file) override {
    for (const auto &d : file.diagnostics) {
      if (d.suppressed) {
        continue;
      }
      const char *command = d.severity == Severity::error     ? "error"
                            : d.severity == Severity::warning ? "warning"
                                                              : "notice";
      m_out << "::" << command << " file=" << gh_escape(escape_control(d.path), true);
      if (d.pos.known()) {
        m_out << ",line=" << d.pos.line << ",col=" << d.pos.column;
      }
      m_out << ",title=" << gh_escape(d.rule_id, true) << "::" << gh_escape(escape_lines(message_in(d, m_lang)), false)
            << '\n';
    }
  }

  void finish() override {}

private:
  std::ostream &m_out;
  Lang m_lang;
};

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
  if (name == "summary") {
    return ReportFormat::summary;
  }
  if (name == "summary-json") {
    return ReportFormat::summary_json;
  }
  if (name == "summary-html") {
    return ReportFormat::summary_html;
  }
  return std::nullopt;
}

void add_counts(ReportCounts &n, const FileReport &file) {
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

ReportCounts count(const std::vector<FileReport> &files) {
  ReportCounts n;
  for (const auto &file : files) {
    add_counts(n, file);
  }
  return n;
}

void add_configuration(std::vector<std::string> &used, const std::string &config) {
  if (!config.empty() && std::find(used.begin(), used.end(), config) == used.end()) {
    used.push_back(config);
  }
}

std::string uri_from_path(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto b = static_cast<unsigned char>(ch);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' ||
        b == '_' || b == '~' || b == '/') {
      out += ch;
    } else {
      out += '%';
      out += k_hex[b >> 4];
      out += k_hex[b & 0xF];
    }
  }
  return out;
}

int display_width(std::string_view text) {
  int width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    width += is_wide(detail::next_code_point(text, i)) ? 2 : 1;
  }
  return width;
}

std::unique_ptr<ReportWriter> make_report_writer(std::ostream &out, ReportFormat format, const ReportOptions &options) {
  switch (format) {
  case ReportFormat::text:
    break;
  case ReportFormat::json:
    return std::make_unique<JsonWriter>(out, options);
  case ReportFormat::sarif:
    return std::make_unique<SarifWriter>(out, options);
  case ReportFormat::junit:
    return std::make_unique<JunitWriter>(out, options);
  case ReportFormat::github:
    return std::make_unique<GithubWriter>(out, options);
  case ReportFormat::summary:
  case ReportFormat::summary_json:
  case ReportFormat::summary_html:
    return detail::make_summary_writer(out, format, options);
  }
  return std::make_unique<TextWriter>(out, options);
}

void write_report(std::ostream &out, ReportFormat format, const std::vector<FileReport> &files,
                  const ReportOptions &options) {
  ReportOptions with_configurations = options;
  if (with_configurations.configurations.empty()) {
    for (const auto &file : files) {
      add_configuration(with_configurations.configurations, file.config);
    }
  }
  const auto writer = make_report_writer(out, format, with_configurations);
  for (const auto &file : files) {
    writer->add(file);
  }
  writer->finish();
}

} // namespace notice
