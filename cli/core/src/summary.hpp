// The federation summary: a report over many notices that keeps only totals, never findings.
#pragma once

#include "notice/report.hpp"

#include <memory>
#include <ostream>

namespace notice::detail {

/// A writer for ReportFormat::summary, summary_json or summary_html: per rule the notices affected,
/// per insurer the findings by severity, and the notices whose revision in force still cites law
/// that has been superseded (findings of rules marked `stale_law` in the catalogue). Memory grows
/// with the number of rules and insurers, not with the findings.
std::unique_ptr<ReportWriter> make_summary_writer(std::ostream &out, ReportFormat format, const ReportOptions &options);

} // namespace notice::detail
