// Writing result files without ever leaving a half-written file or clobbering an input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace notice {

/// Writes `content` to `path` through a temporary file in the same directory that is renamed over
/// `path` once complete. Throws notice::Error when `path` is one of `inputs` (same file, by
/// identity, not by spelling), is a directory, or cannot be written; `path` is untouched then.
void write_file_atomically(const std::string &path, std::string_view content,
                           const std::vector<std::string> &inputs = {});

/// The notice files named by `arguments`: files as given, directories searched recursively for
/// *.yaml and *.yml (hidden entries skipped), in sorted order. Throws notice::Error for a path that
/// does not exist or a directory without notices.
std::vector<std::string> collect_notice_files(const std::vector<std::string> &arguments);

} // namespace notice
