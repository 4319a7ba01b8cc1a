// Reading a file as it was at a git revision, for `diff --git REV FILE`.
#pragma once

#include <string>

namespace notice {

/// The content of `path` (a file in a git work tree, relative to the current directory or
/// absolute) as committed at `revision`, read with `git show` run as a child process in the file's
/// directory. Throws notice::Error when git is missing, the file is not inside a work tree, the
/// revision does not exist, or the file did not exist at that revision; each message says which.
std::string git_show_file(const std::string &revision, const std::string &path);

} // namespace notice
