#include "notice/temp_dir.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace notice {
namespace fs = std::filesystem;

TempDirectory::TempDirectory(std::string_view prefix) {
  // TMPDIR as the helpers see it; std::filesystem::temp_directory_path() would throw a
  // filesystem_error for a TMPDIR that does not exist instead of naming it.
  const char *base = std::getenv("TMPDIR");
  std::string pattern = (fs::path(base && *base ? base : "/tmp") / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error("cannot create a temporary directory in " + escape_control(fs::path(pattern).parent_path().string()) +
                ": " + std::strerror(errno));
  }
  m_path = pattern;
  m_guard.emplace(pattern, RemoveOnInterrupt::Kind::tree);
}

TempDirectory::~TempDirectory() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

std::string TempDirectory::write(const std::string &name, std::string_view content) const {
  const std::string file = path(name);
  std::ofstream out(file, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out.flush()) {
    throw Error(escape_control(file) + ": cannot write a temporary file");
  }
  return file;
}

std::optional<std::string> TempDirectory::read(const std::string &name) const {
  std::ifstream in(path(name), std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

} // namespace notice
