// Where the installed documentation is, for links in reports (SARIF helpUri).
#pragma once

#include <string>

namespace notice::cli {

/// The installed documentation directory as a file URI without a trailing slash: the
/// share/doc/notice-audit beside the running program when it has one (an install into another prefix,
/// the .deb's /usr), else the directory the build installs to. Pages are README.md and rules/<id>.md.
std::string doc_uri();

} // namespace notice::cli
