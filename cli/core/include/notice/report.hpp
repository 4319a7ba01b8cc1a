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
  std::string config = {}; ///< the notice-audit.toml applied to it; empty: none
};

struct ReportOptions {
  bool color = false;           ///< ANSI colours in text output
  bool show_suppressed = false; ///< list suppressed findings in text output too
  bool summary = true;          ///< the closing "Found …" line in text output
  std::string tool_version;     ///< for SARIF and JSON
  Lang lang = Lang::en;         ///< language of messages in text, SARIF, JUnit and GitHub output
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
/// other than those given), so the same input gives the same bytes. Text for people (text, the
/// GitHub annotations) has every control character from input escaped (escape_control()), so no
/// line can be split or start a CI command; the configurations used are named (text footer, JSON
/// `files[].config`, SARIF `runs[].invocations[].properties.configurations`); SARIF URIs are
/// percent-encoded (RFC 3986).
void write_report(std::ostream &out, ReportFormat format, const std::vector<FileReport> &files,
                  const ReportOptions &options);

/// Number of terminal columns `text` occupies (East Asian wide characters take two).
int display_width(std::string_view text);

/// `path` as a relative URI reference (RFC 3986): `/` kept, every byte outside the unreserved set
/// (ALPHA DIGIT - . _ ~) percent-encoded, so `%`, `#`, `?`, spaces and line breaks cannot change
/// what it names.
std::string uri_from_path(std::string_view path);

} // namespace notice
