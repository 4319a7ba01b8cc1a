// Comparing two revisions of a notice: what changed, matched by meaning rather than by line, and
// what each change means legally (which changes need review before the amended notice is published).
#pragma once

#include "notice/date.hpp"
#include "notice/diagnostic.hpp"
#include "notice/model.hpp"
#include "notice/source.hpp"

#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

// ---------------------------------------------------------------------------------------------
// Texts

/// One stretch of a character-level comparison: unchanged, only in the old text, or only in the new.
struct TextSegment {
  enum class Op { equal, removed, inserted };
  Op op = Op::equal;
  std::string text;

  bool operator==(const TextSegment &) const = default;
};

/// Compares `old_text` and `new_text` code point by code point (LCS) and returns the segments in
/// reading order; a changed passage appears as its removed part followed by its inserted part.
/// Single unchanged characters between two changes are folded into the change so that passages
/// read as phrases. Very long texts whose middle differs widely become one removed/inserted pair.
std::vector<TextSegment> diff_text(std::string_view old_text, std::string_view new_text);

/// How alike two texts are, from 0 (nothing shared) to 1 (same): the Dice coefficient of their sets
/// of code point bigrams (a one-character text counts as its single character).
double text_similarity(std::string_view a, std::string_view b);

// ---------------------------------------------------------------------------------------------
// Matching

/// An element offered to match_elements(): its id, its wording, the id it says it replaces (may be
/// empty), and a group; wording similarity only pairs elements of the same group.
struct MatchKey {
  std::string_view id;
  std::string_view text;
  std::string_view replaces;
  long group = 0;
};

/// Pairs each of `new_keys` with the element of `old_keys` it continues: first by equal id, then by
/// `replaces`, then the leftovers by wording similarity of at least `threshold` (best pairs first).
/// Candidates come from an inverted index of rare bigrams, so the cost grows with the number of
/// elements times their length, not with their product. Returns, for each new key, the index of its
/// old key or std::nullopt (added); an old index that appears nowhere was removed.
std::vector<std::optional<std::size_t>> match_elements(std::span<const MatchKey> old_keys,
                                                       std::span<const MatchKey> new_keys, double threshold = 0.5);

// ---------------------------------------------------------------------------------------------
// The diff

/// What kind of element a change is about.
enum class ElementKind { title, insurer, term, paragraph, data, party, category, bucket, item, revision };

/// What happened to the element. `moved` and `reworded` take precedence over `changed` (attributes
/// only); `reordered` means only its place among unchanged siblings differs.
enum class ChangeKind { added, removed, moved, reworded, changed, reordered };

/// A line printed under an element: a category's introduction, an item's note, a line of a
/// joint-use disclosure. The key pairs the lines of the two sides ("intro 1", "note 2", or the
/// disclosure field: "purpose" …).
struct PrintedLine {
  std::string key;
  std::string text; ///< as printed

  bool operator==(const PrintedLine &) const = default;
};

/// Where an element stands on one side of the comparison.
struct ElementSide {
  std::string id;
  Position pos;
  std::string text;               ///< its wording: item text, "marker title", heading, name, paragraph
  std::string category;           ///< id of the enclosing category (buckets and items), else empty
  std::string bucket;             ///< id of the enclosing bucket (items), else empty
  std::string place;              ///< the enclosing category and bucket as printed, for people
  std::size_t index = 0;          ///< position among its siblings, 0-based
  std::vector<PrintedLine> lines; ///< printed under it, in order (for the 新旧対照表)
};

/// An attribute whose value differs between the sides, each value as a list of strings (a scalar
/// is a one-element list, an absent value an empty one).
struct AttributeChange {
  std::string name; ///< flow, parties, data, basis, joint_use, notes, kind, sensitive, my_number, abroad, …
  std::vector<std::string> old_value;
  std::vector<std::string> new_value;
};

/// The legal consequence of a change under one rule of the diff catalogue.
struct ChangeFinding {
  std::string rule_id; ///< "diff/new-recipient" …
  Severity severity = Severity::info;
  std::string message;    ///< one sentence for people
  std::string basis;      ///< the legal basis as it applies on the new side's effective date
  std::string message_ja; ///< the same sentence in Japanese
};

/// One change between the old and the new notice.
struct Change {
  ChangeKind kind = ChangeKind::changed;
  ElementKind element = ElementKind::item;
  std::optional<ElementSide> old_side; ///< absent for added elements
  std::optional<ElementSide> new_side; ///< absent for removed elements
  std::vector<TextSegment> wording;    ///< character diff of the wording, when it differs
  std::vector<AttributeChange> attributes;
  std::vector<ChangeFinding> findings; ///< at least one; the most severe decides `severity()`

  /// The id on the new side, or on the old side for a removed element.
  const std::string &id() const;
  /// True when the element's id differs between the sides.
  bool renamed() const;
  /// The highest severity among the findings (info when there are none).
  Severity severity() const;
};

/// One side of a comparison as the user named it.
struct DiffSideInfo {
  std::string label;   ///< what the user wrote: `a.yaml`, `a.yaml@2021-09-01`, `main:notice/a.yaml`
  std::string path;    ///< the path positions refer to
  Date effective;      ///< effective date of the revision compared
  std::string insurer; ///< the insurer's name
};

/// The result of diff_notices(): the changes in document order.
struct Diff {
  DiffSideInfo old_side;
  DiffSideInfo new_side;
  Date legal_date; ///< the date the legal bases are quoted for (the new side's effective date)
  std::vector<Change> changes;
};

/// Tuning for diff_notices().
struct DiffOptions {
  std::string old_label;             ///< defaults to the old notice's path
  std::string new_label;             ///< defaults to the new notice's path
  double similarity_threshold = 0.5; ///< least similarity for pairing elements whose ids differ
};

/// Compares two views of a notice (each usually `at(notice, date)`) and classifies every change.
/// The legal bases quoted are those in force on the new side's latest revision date. Never throws
/// for content; the caller checks beforehand that both are the same insurer's notice.
Diff diff_notices(const Notice &old_notice, const Notice &new_notice, const DiffOptions &options = {});

// ---------------------------------------------------------------------------------------------
// The rule catalogue and failing

/// A change class of the diff: id, default severity, what it means, and the provisions of the legal
/// database (law.hpp) it rests on; their numbers are quoted as on the date judged.
struct DiffRuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;
  std::vector<std::string_view> provisions = {};
};

/// Every change class, in a stable order.
const std::vector<DiffRuleInfo> &diff_rule_catalog();

/// The change class with `id` (with or without the `diff/` prefix), or nullptr.
const DiffRuleInfo *find_diff_rule(std::string_view id);

/// The basis text of `rule` on `date`: each provision cited as numbered that day
/// ("個人情報保護法第27条第5項第3号"), joined with ・; empty when the rule has none.
std::string diff_rule_basis(const DiffRuleInfo &rule, Date date);

/// What makes a diff fail: a least severity, and/or a set of change classes.
struct DiffFailPolicy {
  std::optional<Severity> severity; ///< fail on any change at or above it
  std::vector<std::string> rules;   ///< fail on any finding of these classes (full ids)
};

/// Parses `--fail-on` values: `error`, `warning`, `info`, `never`, or change class ids, each value
/// possibly comma-separated. Returns the policy, or an error message naming the bad value.
std::optional<DiffFailPolicy> parse_diff_fail_policy(const std::vector<std::string> &values, std::string &error);

/// True when some finding of `diff` meets `policy`.
bool diff_fails(const Diff &diff, const DiffFailPolicy &policy);

// ---------------------------------------------------------------------------------------------
// Writing

/// Options of the diff writers.
struct DiffWriteOptions {
  bool color = false;       ///< ANSI colours in text output
  std::string tool_version; ///< for JSON
  Lang lang = Lang::en;     ///< language of the findings in text and Markdown (JSON carries both)
};

/// Writes the diff for people: one block per change with its wording diff and findings, then a summary.
void write_diff_text(std::ostream &out, const Diff &diff, const DiffWriteOptions &options);

/// Writes the diff as JSON (schemas/diff.schema.json); same input, same bytes.
void write_diff_json(std::ostream &out, const Diff &diff, const DiffWriteOptions &options);

/// Writes the diff as GitHub-flavoured Markdown for a pull-request comment.
void write_diff_markdown(std::ostream &out, const Diff &diff, const DiffWriteOptions &options);

/// Writes the 新旧対照表 as a standalone HTML page (templates/comparison-table.html.mustache,
/// compiled in): new text left, old right, changed passages underlined, one row per changed
/// category, bucket, use case, paragraph or closing line. Declarations are not printed text and
/// get no row.
void write_diff_table_html(std::ostream &out, const Diff &diff, const DiffWriteOptions &options);

/// The 新旧対照表 converted from its HTML by Pandoc (render's path): `to` is "docx" or "pdf" (through
/// WeasyPrint). Returns the file's bytes; throws notice::Error when a program is missing or fails.
std::string render_diff_table(const Diff &diff, std::string_view to);

/// Stable lowercase names used in JSON and text ("item", "reworded" …).
std::string_view to_string(ElementKind kind);
std::string_view to_string(ChangeKind kind);

/// The words a Japanese report uses for them ("事例", "文言変更" …).
std::string_view label_ja(ElementKind kind);
std::string_view label_ja(ChangeKind kind);

} // namespace notice
