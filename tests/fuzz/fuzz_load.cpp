// libFuzzer target for the loader and the rules: any bytes must give diagnostics, never a crash,
// a hang or unbounded memory. With the production limits (400k nodes). tests/fuzz/run_all.sh runs it.
#include "notice/load.hpp"
#include "notice/rules.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const auto loaded = notice::load_text("fuzz.yaml", std::string(reinterpret_cast<const char *>(data), size));
  if (loaded.notice) {
    (void)notice::check_notice(*loaded.notice, {});
  }
  return 0;
}
