// Reading legal citations and keywords out of the notice's Japanese prose.
#pragma once

#include "rules/context.hpp"

#include "notice/model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice::rules {

/// A text of the notice together with the element it belongs to (for suppression and context).
struct TextRef {
  const Text *text = nullptr;
  const Category *category = nullptr; ///< null outside categories
  const Bucket *bucket = nullptr;
  const UseCase *item = nullptr;
  const Block *block = nullptr; ///< the innermost printed block (body or notes) it stands in, if any
};

/// Calls `f` for every published, non-empty text of `notice` in document order: title lines,
/// preamble, body blocks (recursively: paragraphs, headings, list lines, table cells, labelled lines,
/// joint-use disclosures), category titles and intros, bucket headings, item texts and notes, joint-use
/// disclosures, notes of buckets and categories, postscript.
void for_each_text(const Notice &notice, const std::function<void(const TextRef &)> &f);

/// Calls `f` for the published, non-empty texts of item `u` (its text, notes and joint-use disclosure),
/// as for_each_text() visits them; `c` and `b` are its category and bucket (may be null).
void for_each_item_text(const Category *c, const Bucket *b, const UseCase &u,
                        const std::function<void(const TextRef &)> &f);

/// The scopes (item, bucket, category) of a TextRef, for Context::report.
std::vector<Scope> scopes_of(const TextRef &ref);

/// The position in the file of byte `offset` inside `text`'s value: exact when the value stands
/// on one line of the source as written, else the line where the passage is found, else the
/// value's own position.
Position locate(const Notice &notice, const Text &text, std::size_t offset, std::size_t length);

/// True when `haystack` contains `needle`.
inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

} // namespace notice::rules
