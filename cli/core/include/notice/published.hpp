// Checking a published copy of the notice (the PDF on the web site, the page itself, the Word file
// handed to the board) against the revision in force: both sides normalised, aligned line by line,
// and every difference reported with its position on both sides.
#pragma once

#include "notice/date.hpp"
#include "notice/document_text.hpp"
#include "notice/model.hpp"
#include "notice/source.hpp"

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

/// One line of the notice as render's txt output prints it, with the position in the YAML of the
/// value it prints (unknown: line 0).
struct ExpectedLine {
  std::string text;
  Position pos;
};

/// The non-blank lines of `notice` as in force on `date`, from render's built-in txt template, each
/// with the position of the value it came from. Throws notice::Error when no revision is in force.
std::vector<ExpectedLine> expected_lines(const Notice &notice, Date date);

/// A line as it is compared: Kangxi radical look-alikes as ideographs (⽤ → 用); the characters that
/// CP932 and JIS map differently as one (〜/～, ‖/∥, −/－, ―/—, ¢/￠, £/￡, ¬/￢); full-width digits as
/// ASCII digits; a leading bullet (・ • ● ○ ◦ ▪ ■ - *) dropped; whitespace next to a wide character
/// dropped and other whitespace runs as one space. Nothing else: punctuation, brackets, kana and
/// letters are compared as they are.
std::string normalise_line(std::string_view line);

/// What a difference is.
enum class DifferenceKind {
  changed, ///< a published line that differs from the notice's line in its place
  missing, ///< a line of the notice that the published copy lacks
  extra,   ///< a published line that the notice does not have
};

std::string_view to_string(DifferenceKind kind);

/// One difference; indexes refer to DocumentText::lines and to the expected lines.
struct PublishedDifference {
  DifferenceKind kind = DifferenceKind::changed;
  std::optional<std::size_t> published; ///< changed, extra
  std::optional<std::size_t> expected;  ///< changed, missing
  std::optional<std::size_t> after;     ///< missing: the published line it would follow (none: at the start)
};

/// The result of compare_published().
struct PublishedComparison {
  std::vector<PublishedDifference> differences; ///< in published order
  std::size_t equal = 0;                        ///< expected lines found as they are
  std::size_t rewrapped = 0;                    ///< expected lines found split or joined differently
  bool same() const { return differences.empty(); }
};

/// Aligns the published lines with the expected ones after normalise_line(): equal lines anchor
/// the alignment (longest common subsequence, or unique lines first for very long documents); in
/// between, lines that are the same text wrapped differently count as equal, lines at least half
/// alike (bigram similarity) pair as changed, and the rest are missing or extra.
PublishedComparison compare_published(const DocumentText &published, const std::vector<ExpectedLine> &expected);

/// What the report says about the notice side.
struct PublishedReportContext {
  std::string notice_path;
  Date date;     ///< the date judged
  Date revision; ///< the effective date of the revision in force on it
};

/// The comparison for people: one block per difference (position on both sides, the two lines,
/// the changed passage marked [-published-]{+notice+}), then a summary line.
void write_published_text(std::ostream &out, const DocumentText &published, const std::vector<ExpectedLine> &expected,
                          const PublishedComparison &comparison, const PublishedReportContext &context);

/// The same as one JSON object (see docs/check-published.md).
void write_published_json(std::ostream &out, const DocumentText &published, const std::vector<ExpectedLine> &expected,
                          const PublishedComparison &comparison, const PublishedReportContext &context);

} // namespace notice
