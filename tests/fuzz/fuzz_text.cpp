// libFuzzer target for the text readers of published notices: encoding detection and decoding
// (BOMs, UTF-16/32, CP932, EUC-JP, ISO-2022-JP through iconv), plain text and Markdown. Any bytes
// must give lines or a notice::Error, never a crash, a hang or unbounded memory. The first byte
// picks the format: 0 from the content, 1 text, 2 Markdown. Build with the `fuzz` preset, then:
//   build-fuzz/tests/fuzz/fuzz_text -max_len=262144 -rss_limit_mb=2048 CORPUS
#include "notice/document_text.hpp"
#include "notice/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  notice::ReadOptions options;
  switch (data[0] % 3) {
  case 1:
    options.format = notice::DocumentFormat::text;
    break;
  case 2:
    options.format = notice::DocumentFormat::markdown;
    break;
  default: // from the content: HTML, DOCX and PDF signatures are the other targets' (PDF: not in process)
    break;
  }
  const std::string_view bytes(reinterpret_cast<const char *>(data) + 1, size - 1);
  if (!options.format && (bytes.starts_with("%PDF") || bytes.starts_with("PK"))) {
    return 0;
  }
  try {
    (void)notice::read_document_bytes("fuzz.txt", bytes, options);
  } catch (const notice::Error &) {
    // a clear refusal is a correct answer
  }
  return 0;
}
