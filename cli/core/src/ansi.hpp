// Terminal colours and English counting, shared by the text reports of validate and diff.
#pragma once

#include <string>
#include <string_view>

namespace notice::detail {

/// ANSI escape sequences; every member is "" when colour is off.
struct Palette {
  const char *bold = "";
  const char *red = "";
  const char *green = "";
  const char *yellow = "";
  const char *cyan = "";
  const char *dim = "";
  const char *removed = "";  ///< struck-through red, for deleted text
  const char *inserted = ""; ///< underlined green, for inserted text
  const char *reset = "";
};

/// The colours, or none when `on` is false.
inline Palette palette(bool on) {
  if (!on) {
    return {};
  }
  return {"\033[1m", "\033[1;31m", "\033[1;32m", "\033[1;33m", "\033[1;36m",
          "\033[2m", "\033[31;9m", "\033[32;4m", "\033[0m"};
}

/// "1 error", "2 errors".
inline std::string plural(long long n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

} // namespace notice::detail
