// The JSON Schema of the notice format, compiled into the program from schemas/.
#pragma once

#include <string_view>

namespace notice {

/// The format versions (`schema:` values) this build reads.
inline constexpr int k_schema_versions[] = {1};

/// The text of schemas/notice.schema.json as it was when the program was built.
std::string_view notice_schema_json();

} // namespace notice
