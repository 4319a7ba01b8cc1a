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

/// A citation such as 番号法第19条第7号 found in a text, with the law it names (if any).
struct Citation {
  std::string law;        ///< "mynumber_act", "appi", "health_insurance_act", "elderly_medical_act", or ""
  int article = 0;        ///< 条
  int article_branch = 0; ///< the N of 条のN, 0 if none
  int paragraph = 0;      ///< 項, 0 if none
  int item = 0;           ///< 号, 0 if none
  std::size_t offset = 0; ///< byte offset of the citation (its 第 or first digit) in the text
  std::size_t length = 0; ///< bytes it spans in the text
};

/// Every citation of an article (…条…) in `text`. Digits may be half-width, full-width or kanji
/// numerals, with spaces between (the seed has 第 19条第 7号). The law is the nearest law name
/// before the citation in the same text; 同法 repeats the previous one.
std::vector<Citation> find_citations(std::string_view text);

/// Converts a law name as written in a `basis:` entry or in prose to a law id; "" if unknown.
std::string law_id(std::string_view name);

/// A text of the notice together with the element it belongs to (for suppression and context).
struct TextRef {
  const Text *text = nullptr;
  const Category *category = nullptr; ///< null outside categories
  const Bucket *bucket = nullptr;
  const UseCase *item = nullptr;
};

/// Calls `f` for every published text of `notice` in document order: title, preamble, category
/// titles and intros, bucket headings, item texts and notes, postscript.
void for_each_text(const Notice &notice, const std::function<void(const TextRef &)> &f);

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
