// The JSON Schema of the notice format, compiled into the program from schemas/.
#pragma once

#include <string>
#include <string_view>

namespace notice {

/// The format versions (`schema:` values) this build reads.
inline constexpr int k_schema_versions[] = {1, 2};

/// The text of schemas/notice.schema.json as it was when the program was built.
std::string_view notice_schema_json();

/// `text` (YAML read from `name`) as JSON text, with the scalar typing the schema check uses (a
/// quoted value stays a string). Throws notice::Error naming `name` and the position when `text`
/// is not a usable YAML document. For checking YAML data files against their JSON Schemas.
std::string yaml_as_json(const std::string &name, std::string_view text);

} // namespace notice
