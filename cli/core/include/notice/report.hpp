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

enum class ReportFormat { text, json, sarif, junit, github };

/// Parses "text", "json", "sarif", "junit", "github"; std::nullopt otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view name);

/// The findings for one checked file; `source` may be null when the file could not be read.
struct FileReport {
  std::string path;
  std::shared_ptr<const Source> source;
  std::vector<Diagnostic> diagnostics;
};

struct ReportOptions {
  bool color = false;           ///< ANSI colours in text output
  bool show_suppressed = false; ///< list suppressed findings in text output too
  bool summary = true;          ///< the closing "Found …" line in text output
  std::string tool_version;     ///< for SARIF and JSON
  Lang lang = Lang::en;         ///< language of messages in text, SARIF, JUnit and GitHub output
  /// The least severity that fails the run (--fail-on); none for `never`. JUnit reports only these
  /// findings as failures, so that the report agrees with the job's status.
  std::optional<Severity> fail_level = Severity::error;
  /// SARIF: the absolute URI of the directory holding the documentation (README.md, rules/<id>.md),
  /// without a trailing slash, e.g. file:///usr/share/doc/notice-audit; empty: no links.
  std::string doc_uri;
};

/// Counts of unsuppressed findings by severity, and of suppressed ones.
struct ReportCounts {
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  int suppressed = 0;
};

ReportCounts count(const std::vector<FileReport> &files);

/// Writes `files` to `out` in `format`. Output depends only on the arguments (no time, no paths
/// other than those given), so the same input gives the same bytes.
void write_report(std::ostream &out, ReportFormat format, const std::vector<FileReport> &files,
                  const ReportOptions &options);

/// Number of terminal columns `text` occupies (East Asian wide characters take two).
int display_width(std::string_view text);

} // namespace notice
