// Coverage of a notice against the model list of purposes (ガイダンス 別表2).
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/model.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace notice {

/// One model purpose and the notice item that covers it best, if any.
struct CoverageRow {
  std::string category;   ///< model category title (保険給付 …)
  bool external = false;  ///< 外部 (provision, outsourcing …) rather than 内部
  std::string model_text; ///< the model's wording
  std::string item_id;    ///< the covering item; empty when the notice lacks it
  std::string item_text;
  double score = 0; ///< share of the model wording found in the item (0..1)
};

/// The comparison of one revision of a notice with the model list.
struct Coverage {
  std::string kind;       ///< the insurer kind whose model list was used ("kenpo 健康保険組合")
  bool available = false; ///< false: the kind has no model list (see `missing`)
  std::string missing;    ///< why there is none
  std::string source;     ///< where the model list comes from
  std::string edition;    ///< which edition, and how reliable the transcription is
  std::vector<CoverageRow> rows;
  std::vector<Ref> outside;              ///< notice items (id, position) that cover no model purpose
  std::vector<std::string> outside_text; ///< their wording, parallel to `outside`
};

/// Compares `view` (one revision's view, see at()) with the built-in model list. Throws
/// notice::Error if the built-in list is broken.
Coverage compute_coverage(const Notice &view);

/// The coverage as a table for people.
void write_coverage(std::ostream &out, const Coverage &coverage, const std::string &path, Lang lang);

} // namespace notice
