// A private temporary directory for helper programs' files (Pandoc's, WeasyPrint's, pdftotext's),
// removed with its contents when done or when notice-audit is interrupted.
#pragma once

#include "notice/interrupt.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace notice {

/// A directory only this user can enter, made in $TMPDIR (or /tmp) as `prefix`-XXXXXX. It is
/// removed with everything in it by the destructor, and by the interrupt handlers (interrupt.hpp)
/// if SIGINT, SIGTERM or SIGHUP comes first.
class TempDirectory {
public:
  /// Creates the directory. Throws notice::Error naming the parent directory when it cannot.
  explicit TempDirectory(std::string_view prefix = "notice-audit");
  ~TempDirectory();
  TempDirectory(const TempDirectory &) = delete;
  TempDirectory &operator=(const TempDirectory &) = delete;

  /// The directory's full path.
  std::string path() const { return m_path.string(); }

  /// The full path of `name` inside the directory.
  std::string path(const std::string &name) const { return (m_path / name).string(); }

  /// Writes `content` to `name` inside the directory and returns its full path. Throws notice::Error.
  std::string write(const std::string &name, std::string_view content) const;

  /// The content of `name` inside the directory, or std::nullopt when it cannot be opened.
  std::optional<std::string> read(const std::string &name) const;

private:
  std::filesystem::path m_path;
  std::optional<RemoveOnInterrupt> m_guard; // still registered while the destructor removes the files
};

} // namespace notice
