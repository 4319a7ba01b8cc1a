// libFuzzer target for the HTML reader: any bytes must give lines or a notice::Error, never a
// crash, a hang or unbounded memory. Build with the `fuzz` preset, then:
//   build-fuzz/tests/fuzz/fuzz_html -max_len=65536 -rss_limit_mb=1024 tests/fuzz/corpus-html \
//       tests/e2e/check-published/society-page
// (the second folder seeds it with a society page in Shift_JIS inside its site chrome).
#include "notice/document_text.hpp"
#include "notice/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  notice::ReadOptions options;
  options.format = notice::DocumentFormat::html;
  try {
    (void)notice::read_document_bytes("fuzz.html", std::string_view(reinterpret_cast<const char *>(data), size),
                                      options);
  } catch (const notice::Error &) {
    // a clear refusal is a correct answer
  }
  return 0;
}
