// Writing result files without ever leaving a half-written file or destroying what `-o` names.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

/// Checks, before any work is done, that `path` may be written: throws notice::Error when it is a
/// directory or a socket, names one of `inputs` (same file by identity, through links or another
/// spelling), is a dangling symbolic link, names standard input, or lies in a directory that does
/// not exist. Commands call it first so that a refused output costs no rendering.
void check_output_path(const std::string &path, const std::vector<std::string> &inputs = {});

/// Writes `content` to `path` without destroying what is there:
/// - a regular file (or a new one) through a temporary file beside it, flushed to disk and renamed
///   over it, keeping the old file's permissions (and owner, where allowed);
/// - a symbolic link is followed to its final target, which is written as above; the link stays;
/// - a character or block device, a FIFO, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and
///   `/proc/self/fd/N` are written in place, as a shell redirection would.
/// Throws notice::Error (after check_output_path()'s checks) when the file cannot be written;
/// `path` is untouched then and no temporary file is left behind.
void write_file_atomically(const std::string &path, std::string_view content,
                           const std::vector<std::string> &inputs = {});

/// The same, with the content written by `produce` as it is made (into the temporary file, or the
/// device, FIFO or descriptor), so that a large report is never held in memory whole. If `produce`
/// throws, the temporary file is removed, a replaced file is untouched and the exception propagates.
void write_file_atomically(const std::string &path, const std::function<void(std::ostream &)> &produce,
                           const std::vector<std::string> &inputs = {});

/// True when something exists at `path`, a dangling symbolic link included (std::filesystem::exists
/// follows links and says false for those).
bool entry_exists(const std::string &path);

/// Reads `in` in chunks until its end or until more than `max_bytes` are read, so a huge file or an
/// endless pipe is never read in whole: a result longer than `max_bytes` means "too large". Read
/// errors are left for the caller to see in `in.bad()`.
std::string read_at_most(std::istream &in, std::size_t max_bytes);

/// The notice files named by `arguments`: files as given, directories searched recursively for
/// *.yaml and *.yml (hidden entries skipped), in sorted order. Throws notice::Error for a path that
/// does not exist or a directory without notices.
std::vector<std::string> collect_notice_files(const std::vector<std::string> &arguments);

} // namespace notice
