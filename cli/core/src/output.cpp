#include "notice/output.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/interrupt.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <optional>
#include <ostream>
#include <streambuf>

namespace notice {

namespace fs = std::filesystem;

namespace {

// Links followed before giving up (the kernel's own limit for path resolution is 40).
constexpr int k_max_links = 40;

std::string shown(const std::string &path) {
  return escape_control(path);
}

// /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N and /proc/<our pid>/fd/N name a descriptor
// this process already has open: writing to that descriptor is what the user means. Resolving them
// as links would end in "pipe:[123]" or in a file the shell opened, which a rename would replace.
std::optional<int> descriptor_path(const fs::path &path) {
  const std::string text = path.lexically_normal().string();
  if (text == "/dev/stdout") {
    return STDOUT_FILENO;
  }
  if (text == "/dev/stderr") {
    return STDERR_FILENO;
  }
  if (text == "/dev/stdin") {
    return STDIN_FILENO;
  }
  std::string_view rest;
  const std::string own = "/proc/" + std::to_string(::getpid()) + "/fd/";
  for (const std::string_view prefix : {std::string_view("/dev/fd/"), std::string_view("/proc/self/fd/"),
                                        std::string_view("/proc/thread-self/fd/"), std::string_view(own)}) {
    if (text.starts_with(prefix)) {
      rest = std::string_view(text).substr(prefix.size());
    }
  }
  int fd = -1;
  if (rest.empty() || std::from_chars(rest.data(), rest.data() + rest.size(), fd).ptr != rest.data() + rest.size()) {
    return std::nullopt;
  }
  return fd;
}

// What `-o PATH` finally refers to, links followed.
struct Target {
  enum class Kind { missing, regular, in_place, descriptor, directory, other } kind = Kind::missing;
  fs::path path;         // the final target (for missing: where the file will be created)
  int fd = -1;           // Kind::descriptor
  bool via_link = false; // reached through at least one symbolic link
  struct stat st {};
};

Target resolve(const std::string &given) {
  Target t;
  std::error_code ec;
  fs::path path = fs::absolute(given, ec);
  if (ec) {
    throw Error(shown(given) + ": cannot resolve the output path: " + ec.message());
  }
  for (int hops = 0; hops <= k_max_links; ++hops) {
    if (const auto fd = descriptor_path(path)) {
      if (*fd == STDIN_FILENO) {
        throw Error(shown(given) + ": is standard input; give a file to write to");
      }
      t.kind = Target::Kind::descriptor;
      t.fd = *fd;
      t.path = path;
      return t;
    }
    if (::lstat(path.c_str(), &t.st) != 0) {
      if (errno != ENOENT) {
        throw Error(shown(given) + ": cannot examine: " + std::strerror(errno));
      }
      t.kind = Target::Kind::missing;
      t.path = path;
      return t;
    }
    if (S_ISLNK(t.st.st_mode)) {
      std::error_code link_ec;
      const fs::path link = fs::read_symlink(path, link_ec);
      if (link_ec) {
        throw Error(shown(given) + ": cannot read the symbolic link: " + link_ec.message());
      }
      path = (link.is_absolute() ? link : path.parent_path() / link).lexically_normal();
      t.via_link = true;
      continue;
    }
    t.path = path;
    if (S_ISREG(t.st.st_mode)) {
      t.kind = Target::Kind::regular;
    } else if (S_ISDIR(t.st.st_mode)) {
      t.kind = Target::Kind::directory;
    } else if (S_ISCHR(t.st.st_mode) || S_ISBLK(t.st.st_mode) || S_ISFIFO(t.st.st_mode)) {
      t.kind = Target::Kind::in_place;
    } else {
      t.kind = Target::Kind::other;
    }
    return t;
  }
  throw Error(shown(given) + ": too many levels of symbolic links");
}

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
      } else if (n == 0) {
        m_error = EIO; // nothing written and no error: a file that takes nothing would make this loop forever
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

// Runs `produce` into `fd` as it makes the content, so a large report is never held in memory.
// Exceptions of `produce` propagate; a failed write throws notice::Error.
void stream_to(int fd, const std::function<void(std::ostream &)> &produce, const std::string &given) {
  FdBuffer buffer(fd);
  std::ostream out(&buffer);
  produce(out);
  out.flush();
  if (buffer.error() != 0 || !out) {
    throw Error(shown(given) + ": write failed: " + std::strerror(buffer.error() != 0 ? buffer.error() : EIO));
  }
}

// Closes the descriptor whatever happens.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

void write_in_place(const Target &t, const std::function<void(std::ostream &)> &produce, const std::string &given) {
  // O_NONBLOCK is not used: a FIFO waits for its reader, as `> fifo` in a shell does.
  const Fd out{::open(t.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC)};
  if (out.fd < 0) {
    throw Error(shown(given) + ": cannot open for writing: " + std::strerror(errno));
  }
  stream_to(out.fd, produce, given);
}

void write_replacing(const Target &t, const std::function<void(std::ostream &)> &produce, const std::string &given) {
  const fs::path dir = t.path.parent_path();
  std::string temp = (dir / ("." + t.path.filename().string() + ".tmp-XXXXXX")).string();
  const int raw = ::mkostemp(temp.data(), O_CLOEXEC);
  if (raw < 0) {
    throw Error(shown(given) + ": cannot create a temporary file beside it: " + std::strerror(errno));
  }
  const RemoveOnInterrupt guard(temp, RemoveOnInterrupt::Kind::file);
  Fd out{raw};
  try {
    stream_to(out.fd, produce, given);
    if (t.kind == Target::Kind::regular) {
      // The replacement keeps what the old file had: its mode, and its owner when we may set it.
      if (::fchmod(out.fd, t.st.st_mode & 07777) != 0) {
        throw Error(shown(given) + ": cannot set the permissions: " + std::strerror(errno));
      }
      if (::fchown(out.fd, t.st.st_uid, t.st.st_gid) != 0 && errno != EPERM) {
        throw Error(shown(given) + ": cannot set the owner: " + std::strerror(errno));
      }
    } else {
      const mode_t mask = ::umask(0);
      ::umask(mask);
      ::fchmod(out.fd, 0666 & ~mask);
    }
    if (::fsync(out.fd) != 0) {
      throw Error(shown(given) + ": cannot flush to disk: " + std::strerror(errno));
    }
    const int fd = out.fd;
    out.fd = -1;
    if (::close(fd) != 0) {
      throw Error(shown(given) + ": cannot write: " + std::strerror(errno));
    }
    if (::rename(temp.c_str(), t.path.c_str()) != 0) {
      throw Error(shown(given) + ": cannot replace: " + std::strerror(errno));
    }
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  // The rename itself is durable once the directory is.
  const Fd directory{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (directory.fd >= 0) {
    ::fsync(directory.fd);
  }
}

} // namespace

std::string read_at_most(std::istream &in, std::size_t max_bytes) {
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= max_bytes && in.read(chunk, sizeof chunk).gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  return text;
}

bool entry_exists(const std::string &path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

void check_output_path(const std::string &path, const std::vector<std::string> &inputs) {
  if (path.empty()) {
    throw Error("the output path is empty");
  }
  const Target t = resolve(path);
  switch (t.kind) {
  case Target::Kind::directory:
    throw Error(shown(path) + ": is a directory; give a file name for the output");
  case Target::Kind::other:
    throw Error(shown(path) + ": is neither a file nor a device nor a FIFO; give a file name for the output");
  case Target::Kind::missing:
    if (t.via_link) {
      // Creating the target of a dangling link would write wherever the link points (as root: anywhere).
      throw Error(shown(path) + ": is a symbolic link to " + shown(t.path.string()) +
                  ", which does not exist; notice-audit does not create files through a dangling link: create the "
                  "target or remove the link");
    }
    if (std::error_code ec; !fs::is_directory(t.path.parent_path(), ec)) {
      throw Error(shown(path) + ": cannot write: the directory " + shown(t.path.parent_path().string()) +
                  " does not exist");
    }
    return;
  case Target::Kind::regular: {
    for (const auto &input : inputs) {
      struct stat in {};
      if (::stat(input.c_str(), &in) == 0 && in.st_dev == t.st.st_dev && in.st_ino == t.st.st_ino) {
        throw Error(shown(path) + ": refusing to overwrite the input file " + shown(input) +
                    "; choose another output name");
      }
    }
    return;
  }
  case Target::Kind::in_place:
  case Target::Kind::descriptor:
    return;
  }
}

void write_file_atomically(const std::string &path, std::string_view content, const std::vector<std::string> &inputs) {
  write_file_atomically(
      path, [&](std::ostream &out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); },
      inputs);
}

void write_file_atomically(const std::string &path, const std::function<void(std::ostream &)> &produce,
                           const std::vector<std::string> &inputs) {
  check_output_path(path, inputs);
  const Target t = resolve(path);
  switch (t.kind) {
  case Target::Kind::descriptor:
    stream_to(t.fd, produce, path);
    return;
  case Target::Kind::in_place:
    write_in_place(t, produce, path);
    return;
  case Target::Kind::missing:
  case Target::Kind::regular:
    write_replacing(t, produce, path);
    return;
  case Target::Kind::directory:
  case Target::Kind::other:
    break;
  }
  throw Error(shown(path) + ": cannot write here");
}

std::vector<std::string> collect_notice_files(const std::vector<std::string> &arguments) {
  std::vector<std::string> files;
  for (const auto &argument : arguments) {
    std::error_code ec;
    const auto status = fs::status(argument, ec);
    if (ec || !fs::exists(status)) {
      throw Error(shown(argument) + ": no such file or directory",
                  shown(argument) + ": ファイルもディレクトリもありません");
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
      throw Error(shown(argument) + ": cannot list the directory: " + ec.message(),
                  shown(argument) + ": ディレクトリの中を読めません: " + ec.message());
    }
    if (found.empty()) {
      throw Error(shown(argument) + ": no notice files (*.yaml, *.yml) in this directory",
                  shown(argument) + ": このディレクトリに公表文のファイル（*.yaml、*.yml）がありません");
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

} // namespace notice
