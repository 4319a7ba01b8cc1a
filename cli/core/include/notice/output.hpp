// Writing result files without ever leaving a half-written file or clobbering an input.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

/// Writes `content` to `path` through a temporary file in the same directory that is renamed over
/// `path` once complete. Throws notice::Error when `path` is one of `inputs` (same file, by
/// identity, not by spelling), is a directory, or cannot be written; `path` is untouched then.
void write_file_atomically(const std::string &path, std::string_view content,
                           const std::vector<std::string> &inputs = {});

/// The same, with the content written by `produce` into the temporary file as it is made, so that
/// a large report is never held in memory whole. If `produce` throws, the temporary file is
/// removed, `path` is untouched and the exception propagates.
void write_file_atomically(const std::string &path, const std::function<void(std::ostream &)> &produce,
                           const std::vector<std::string> &inputs = {});

/// The notice files named by `arguments`: files as given, directories searched recursively for
/// *.yaml and *.yml (hidden entries skipped), in sorted order. Throws notice::Error for a path that
/// does not exist or a directory without notices.
std::vector<std::string> collect_notice_files(const std::vector<std::string> &arguments);

} // namespace notice
