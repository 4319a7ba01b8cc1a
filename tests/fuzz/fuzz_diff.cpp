// libFuzzer target for diff and every in-process writer (text, JSON, Markdown, the 新旧対照表 HTML):
// the input holds two notices separated by a line `--- 8< ---`; when both load, they are compared
// at their latest revisions and written in every format. Never a crash, a hang or unbounded memory.
#include "notice/diff.hpp"
#include "notice/load.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size) {
  const std::string input(reinterpret_cast<const char *>(bytes), size);
  const std::string separator = "\n--- 8< ---\n";
  const auto at = input.find(separator);
  if (at == std::string::npos) {
    return 0;
  }
  const auto old_loaded = notice::load_text("old.yaml", input.substr(0, at));
  const auto new_loaded = notice::load_text("new.yaml", input.substr(at + separator.size()));
  if (!old_loaded.notice || !new_loaded.notice) {
    return 0;
  }
  const notice::Revision *old_latest = notice::latest_revision(*old_loaded.notice);
  const notice::Revision *new_latest = notice::latest_revision(*new_loaded.notice);
  if (old_latest == nullptr || new_latest == nullptr) {
    return 0;
  }
  const notice::Diff diff = notice::diff_notices(notice::at(*old_loaded.notice, old_latest->effective),
                                                 notice::at(*new_loaded.notice, new_latest->effective));
  for (const auto lang : {notice::Lang::en, notice::Lang::ja}) {
    notice::DiffWriteOptions options;
    options.lang = lang;
    options.color = lang == notice::Lang::ja;
    std::ostringstream out;
    notice::write_diff_text(out, diff, options);
    notice::write_diff_json(out, diff, options);
    notice::write_diff_markdown(out, diff, options);
    notice::write_diff_table_html(out, diff, options);
  }
  return 0;
}
