// Writing a notice model as schema-2 YAML: block style, quoting only where YAML would misread a value,
// the same bytes for the same model, and comments that say where each element came from.
#pragma once

#include "notice/model.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace notice {

/// Comments to print with a notice, attached to elements of the model by address (the address of a
/// Category, Bucket, UseCase, Block, Revision, Paragraph … inside the Notice being written).
struct YamlComments {
  std::vector<std::string> header; ///< lines printed at the top of the file, each as `# line`
  /// Lines printed above an element (`# …`), by the element's address.
  std::map<const void *, std::vector<std::string>> above;
  /// A comment at the end of one key's line (`flow: outsourcing  # inferred: 委託`), by the element's
  /// address and the key.
  std::map<std::pair<const void *, std::string>, std::string> trailing;
};

/// How to write.
struct YamlWriteOptions {
  const YamlComments *comments = nullptr; ///< may be null: no comments
};

/// `notice` as a schema-2 YAML document that load_text() reads back into an equal model (positions
/// aside). Keys follow the schema's order; values are quoted only when a YAML reader would take them
/// for something else. Deterministic: the same model and comments give the same bytes.
std::string write_notice_yaml(const Notice &notice, const YamlWriteOptions &options = {});

/// True when `value` can be written as a plain YAML scalar and read back as the same string by any
/// YAML 1.1 or 1.2 reader (not a boolean, null, number or date; no indicator at the start; no `: `
/// or ` #` inside; no leading or trailing blanks; no line breaks or control characters).
bool yaml_plain_safe(std::string_view value);

/// `value` as a YAML scalar: plain when yaml_plain_safe(), else double-quoted with escapes.
std::string yaml_scalar(std::string_view value);

} // namespace notice
