// libFuzzer target for the report writers: whatever a file holds, its findings (loader's or rules')
// are written in every format and language without a crash; text and annotations never carry a raw
// control character or a line break inside a finding.
#include "notice/escape.hpp"
#include "notice/load.hpp"
#include "notice/report.hpp"
#include "notice/rules.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size) {
  const std::string text(reinterpret_cast<const char *>(bytes), size);
  auto loaded = notice::load_text("fuzz\n::error::x.yaml", text);
  notice::FileReport report{"fuzz\n::error::x.yaml", loaded.source, std::move(loaded.diagnostics)};
  report.config = "notice-audit.toml";
  if (loaded.notice) {
    const auto findings = notice::check_notice(*loaded.notice, {});
    report.diagnostics.insert(report.diagnostics.end(), findings.begin(), findings.end());
  }
  notice::sort_diagnostics(report.diagnostics);
  const std::vector<notice::FileReport> files{report};
  for (const auto format : {notice::ReportFormat::text, notice::ReportFormat::json, notice::ReportFormat::sarif,
                            notice::ReportFormat::junit, notice::ReportFormat::github}) {
    for (const auto lang : {notice::Lang::en, notice::Lang::ja}) {
      notice::ReportOptions options;
      options.lang = lang;
      options.show_suppressed = true;
      std::ostringstream out;
      notice::write_report(out, format, files, options);
      if (format == notice::ReportFormat::text || format == notice::ReportFormat::github) {
        // Every line the writer ends is its own: no raw control character inside one.
        const std::string written = out.str();
        for (const char c : written) {
          const auto b = static_cast<unsigned char>(c);
          if ((b < 0x20 && c != '\n') || b == 0x7F) {
            __builtin_trap();
          }
        }
        if (written.find("\n::error::x") != std::string::npos) {
          __builtin_trap();
        }
      }
    }
  }
  return 0;
}
