// Writing findings for people (text) and for machines (json, sarif, junit, github).
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/source.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

enum class ReportFormat { text, json, sarif, junit, github, summary, summary_json, summary_html };

/// Parses "text", "json", "sarif", "junit", "github", "summary", "summary-json", "summary-html";
/// std::nullopt otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view name);

/// The findings for one checked file; `source` may be null when the file could not be read.
struct FileReport {
  std::string path;
  std::shared_ptr<const Source> source;
  std::vector<Diagnostic> diagnostics;
  std::string insurer{};  ///< the insurer's name, for the federation summary; empty when unreadable
  std::string in_force{}; ///< effective date (YYYY-MM-DD) of the revision in force on the day judged
  std::string config{};   ///< the notice-audit.toml applied to it; empty: none
};

struct ReportOptions {
  bool color = false;           ///< ANSI colours in text output
  bool show_suppressed = false; ///< list suppressed findings in text output too
  bool summary = true;          ///< the closing "Found …" line in text output
  std::string tool_version;     ///< for SARIF and JSON
  Lang lang = Lang::en;         ///< language of messages in text, SARIF, JUnit and GitHub output
  /// The notice-audit.toml files that apply, in the order first used: named in the text footer and
  /// in SARIF's invocation, which come before the files are in (write_report() fills it from them).
  std::vector<std::string> configurations{};
};

/// Counts of unsuppressed findings by severity, and of suppressed ones.
struct ReportCounts {
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  int suppressed = 0;
};

ReportCounts count(const std::vector<FileReport> &files);

/// Adds the findings of `file` to `counts`.
void add_counts(ReportCounts &counts, const FileReport &file);

/// A report written one file at a time, so that a run over many files keeps only the file at hand:
/// `add()` writes that file's part at once (the caller may free its text afterwards), `finish()`
/// closes the document (totals, closing brackets). Every format is a valid document once finished.
class ReportWriter {
public:
  virtual ~ReportWriter() = default;
  /// Writes the part of the report for `file`.
  virtual void add(const FileReport &file) = 0;
  /// Writes what follows the last file; call once.
  virtual void finish() = 0;
};

/// A writer of `format` to `out`, which must outlive it. The opening of the document (if any) is
/// written at once.
std::unique_ptr<ReportWriter> make_report_writer(std::ostream &out, ReportFormat format, const ReportOptions &options);

/// Writes `files` to `out` in `format`. Output depends only on the arguments (no time, no paths
/// other than those given), so the same input gives the same bytes. Text for people (text, the
/// GitHub annotations) has every control character from input escaped (escape_control()), so no
/// line can be split or start a CI command; the configurations used are named (text footer, JSON
/// `files[].config`, SARIF `runs[].invocations[].properties.configurations`); SARIF URIs are
/// percent-encoded (RFC 3986).
void write_report(std::ostream &out, ReportFormat format, const std::vector<FileReport> &files,
                  const ReportOptions &options);

/// Number of terminal columns `text` occupies (East Asian wide characters take two).
int display_width(std::string_view text);

/// Appends `config` (a notice-audit.toml path; empty: none) to `used` unless it is there already.
void add_configuration(std::vector<std::string> &used, const std::string &config);

/// `path` as a relative URI reference (RFC 3986): `/` kept, every byte outside the unreserved set
/// (ALPHA DIGIT - . _ ~) percent-encoded, so `%`, `#`, `?`, spaces and line breaks cannot change
/// what it names.
std::string uri_from_path(std::string_view path);

} // namespace notice
