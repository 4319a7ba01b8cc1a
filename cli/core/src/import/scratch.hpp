// A private temporary directory for a reader's helper files, removed with its contents when the
// reader is done, so that reading never leaves anything behind. (render.cpp has the same idea as
// PrivateTempDir; the two could become one shared helper.)
#pragma once

#include "notice/error.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace notice::import {

class ScratchDirectory {
public:
  /// Creates a directory only this user can enter in TMPDIR (or /tmp). Throws notice::Error.
  ScratchDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "notice-audit-read-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error("cannot create a temporary directory: " + std::string(std::strerror(errno)));
    }
    m_path = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  ScratchDirectory(const ScratchDirectory &) = delete;
  ScratchDirectory &operator=(const ScratchDirectory &) = delete;

  /// The full path of `name` inside the directory.
  std::string path(const std::string &name) const { return (m_path / name).string(); }

  /// Writes `content` to `name` inside the directory and returns its full path. Throws notice::Error.
  std::string write(const std::string &name, std::string_view content) const {
    const std::string file = path(name);
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      throw Error(file + ": cannot write a temporary file");
    }
    return file;
  }

private:
  std::filesystem::path m_path;
};

} // namespace notice::import
