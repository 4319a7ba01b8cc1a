#pragma once

// Insurer kinds as data (schemas/kinds.yaml): the statute, the words, the model list of purposes and the
// `init` template of each kind a notice can name in insurer.kind.

#include "notice/diagnostic.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

struct InsurerKind {
  std::string id;                ///< kenpo, kokuho_kumiai …
  std::string name_ja, name_en;  ///< 健康保険組合 / health insurance society
  std::string statute;           ///< 健康保険法 (empty for `other`)
  std::string statute_number;    ///< 大正十一年法律第七十号
  std::string statute_certainty; ///< confirmed | secondary | uncertain
  std::string federation;        ///< its federation, as notices name it ("[uncertain]" appended when so)
  std::string review_body;       ///< who reviews and pays its claims
  std::vector<std::string> card; ///< the words for its insurance card (被保険者証 / 組合員証 …)
  std::vector<std::string> premium;
  std::vector<std::string> members;
  std::vector<std::string> headings; ///< bucket or category headings its notices print
  std::string model_file;            ///< built-in model list of purposes; empty when there is none
  std::string model_source;          ///< where that list comes from
  std::string model_certainty;
  std::string model_missing; ///< why there is no model list, when there is none
  std::string init_template; ///< built-in template `init --kind` expands; empty: init refuses
};

/// Every kind of schemas/kinds.yaml, in its order.
const std::vector<InsurerKind> &insurer_kinds();

/// The kind with this id; nullptr for an unknown one.
const InsurerKind *find_insurer_kind(std::string_view id);

/// The text of a built-in model list named by a kind (`model-purposes.yaml` …); nullopt when unknown.
std::optional<std::string_view> builtin_model_list(std::string_view file);

/// `rules --kinds`: the kinds as a table, for an officer to audit (Markdown with `markdown`).
void write_insurer_kinds(std::ostream &out, bool markdown, Lang lang);

} // namespace notice
