// `import`: a published notice (read by read_document) turned into the notice model — title, dates,
// preamble and defined terms, categories, buckets, items and notes, and the blocks around them — with
// what the text implies (flows, parties, legal bases) inferred and marked, and what it does not decide
// left as `undecided:` for a person.
#pragma once

#include "notice/date.hpp"
#include "notice/document_text.hpp"
#include "notice/model.hpp"
#include "notice/yaml_write.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace notice {

/// What the user tells `import` that the text may not say.
struct ImportOptions {
  std::string insurer;           ///< the society's name (--insurer); empty: read from the text if printed
  std::string kind = "kenpo";    ///< insurer kind (--kind)
  std::optional<Date> effective; ///< date of the revision when the text prints none (--effective)
  std::optional<Date> today;     ///< the day recorded as `seen` when no date is printed or given
};

/// Counts for the summary and docs/import.md.
struct ImportCounts {
  int categories = 0;
  int buckets = 0;
  int items = 0;
  int flows_stated_by_bucket = 0; ///< flow given by the bucket heading
  int flows_from_wording = 0;     ///< flow read from the item's wording (委託, 求償 …)
  int flows_undecided = 0;        ///< left for a person
  int parties_named = 0;          ///< items whose parties were read from the wording
  int parties_undecided = 0;      ///< items moving data whose parties the wording does not name
  int bases = 0;                  ///< legal bases read from citations in items
  int blocks = 0;                 ///< body blocks (paragraphs, headings, lists) besides the purposes
  int dates = 0;                  ///< date lines recognised
  int joint_use = 0;              ///< joint-use disclosures recognised in the text around the purposes
};

/// The result of an import. The comments point into `notice`: move the result, do not copy it.
struct ImportResult {
  Notice notice;
  YamlComments comments;
  ImportCounts counts;
  std::vector<std::string> warnings; ///< what the reader or recogniser could not do
};

/// Recognises the structure of `document`. Never drops text: a line it cannot place becomes a body
/// block (paragraph) where it stands. Throws notice::Error when the document has no text at all.
ImportResult import_document(const DocumentText &document, const ImportOptions &options);

/// "12 items need a flow; 3 parties unknown" and the like, one line per open question; empty when
/// nothing is open.
std::vector<std::string> import_summary(const ImportCounts &counts);

/// Every printed text of `notice` in document order as render prints it (title, title lines,
/// preamble, body with the purposes in place, postscript, date lines), one string per printed line,
/// markers included. What `import` guarantees to keep: tests compare it with the source.
std::vector<std::string> printed_lines(const Notice &notice);

} // namespace notice
