// libFuzzer target for the loader and the rules: any bytes must give diagnostics, never a crash,
// a hang or unbounded memory. Build with the `fuzz` preset, then:
//   build-fuzz/tests/fuzz/fuzz_load -max_len=65536 -rss_limit_mb=512 tests/fuzz/corpus
#include "notice/load.hpp"
#include "notice/rules.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  notice::LoadLimits limits;
  limits.max_nodes = 20'000; // keep each run fast; the budget logic is what is exercised
  const auto loaded = notice::load_text("fuzz.yaml", std::string(reinterpret_cast<const char *>(data), size), limits);
  if (loaded.notice) {
    (void)notice::check_notice(*loaded.notice, {});
  }
  return 0;
}
