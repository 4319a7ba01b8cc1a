// libFuzzer target for the ZIP reader and the DOCX reader behind it: any bytes must give lines or
// a notice::Error, never a crash, a hang or unbounded memory. An input whose first byte is odd is
// taken as word/document.xml and packed into a valid ZIP first, so that mutations reach the XML
// reader past the CRC check; an even first byte leaves the bytes as the package. Build with the
// `fuzz` preset, then:
//   build-fuzz/tests/fuzz/fuzz_docx -max_len=262144 -rss_limit_mb=1024 tests/fuzz/corpus-docx
#include "../unit/zip_writer.hpp"

#include "notice/document_text.hpp"
#include "notice/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  notice::ReadOptions options;
  options.format = notice::DocumentFormat::docx;
  // Smaller parts keep each run fast; the limit logic is what is exercised.
  options.limits.max_part_bytes = 4u << 20;
  if (size == 0) {
    return 0;
  }
  const std::string_view body(reinterpret_cast<const char *>(data) + 1, size - 1);
  const std::string bytes =
      (data[0] & 1) != 0 ? notice::test::make_zip({{"word/document.xml", std::string(body)}}) : std::string(body);
  try {
    (void)notice::read_document_bytes("fuzz.docx", bytes, options);
  } catch (const notice::Error &) {
    // a clear refusal is a correct answer
  }
  return 0;
}
