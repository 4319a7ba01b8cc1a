// libFuzzer target for notice-audit.toml: any bytes give a Config or a notice::Error naming the
// position, never another exception, a crash or a hang.
#include "notice/config.hpp"
#include "notice/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  try {
    (void)notice::parse_config("fuzz.toml", std::string_view(reinterpret_cast<const char *>(data), size));
  } catch (const notice::Error &) {
  }
  return 0;
}
