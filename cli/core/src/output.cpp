#include "notice/output.hpp"

#include "notice/error.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace notice {

namespace fs = std::filesystem;

namespace {

// An output stream buffer over a file descriptor; remembers the first write error.
class FdBuffer : public std::streambuf {
public:
  explicit FdBuffer(int fd) : m_fd(fd) { setp(m_buffer, m_buffer + sizeof m_buffer); }
  int error() const { return m_error; }

protected:
  int_type overflow(int_type ch) override {
    if (!flush_buffer()) {
      return traits_type::eof();
    }
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return flush_buffer() ? 0 : -1; }

private:
  bool flush_buffer() {
    const char *data = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0 && m_error == 0) {
      const ssize_t n = ::write(m_fd, data, left);
      if (n < 0 && errno != EINTR) {
        m_error = errno;
      } else if (n > 0) {
        data += n;
        left -= static_cast<std::size_t>(n);
      }
    }
    setp(m_buffer, m_buffer + sizeof m_buffer);
    return m_error == 0;
  }

  int m_fd;
  int m_error = 0;
  char m_buffer[1 << 16];
};

} // namespace

void write_file_atomically(const std::string &path, std::string_view content, const std::vector<std::string> &inputs) {
  write_file_atomically(
      path, [&](std::ostream &out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); },
      inputs);
}

void write_file_atomically(const std::string &path, const std::function<void(std::ostream &)> &produce,
                           const std::vector<std::string> &inputs) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw Error(path + ": is a directory; give a file name for the output");
  }
  for (const auto &input : inputs) {
    if (fs::exists(path, ec) && fs::equivalent(path, input, ec)) {
      throw Error(path + ": refusing to overwrite the input file; choose another output name");
    }
  }
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    throw Error(path + ": cannot create a temporary file beside it: " + std::strerror(errno));
  }
  {
    FdBuffer buffer(fd);
    std::ostream out(&buffer);
    try {
      produce(out);
      out.flush();
    } catch (...) {
      ::close(fd);
      ::unlink(temp.c_str());
      throw;
    }
    if (buffer.error() != 0 || !out) {
      const std::string reason = std::strerror(buffer.error() != 0 ? buffer.error() : EIO);
      ::close(fd);
      ::unlink(temp.c_str());
      throw Error(path + ": write failed: " + reason);
    }
  }
  // Keep the permissions an existing file had; new files get the usual 0666 & ~umask.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    ::fchmod(fd, st.st_mode & 07777);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  if (::close(fd) != 0 || std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw Error(path + ": cannot write: " + reason);
  }
}

std::vector<std::string> collect_notice_files(const std::vector<std::string> &arguments) {
  std::vector<std::string> files;
  for (const auto &argument : arguments) {
    std::error_code ec;
    const auto status = fs::status(argument, ec);
    if (ec || !fs::exists(status)) {
      throw Error(argument + ": no such file or directory", argument + ": ファイルもディレクトリもありません");
    }
    if (!fs::is_directory(status)) {
      files.push_back(argument);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(argument, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) {
          it.disable_recursion_pending();
        }
        continue;
      }
      const auto ext = it->path().extension().string();
      if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      throw Error(argument + ": cannot list the directory: " + ec.message(),
                  argument + ": ディレクトリの中を読めません: " + ec.message());
    }
    if (found.empty()) {
      throw Error(argument + ": no notice files (*.yaml, *.yml) in this directory",
                  argument + ": このディレクトリに公表文のファイル（*.yaml、*.yml）がありません");
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

} // namespace notice
