#include "notice/interrupt.hpp"

#include "notice/error.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <dirent.h>

namespace notice {
namespace {

// Everything the handler reads lives in fixed storage: a signal handler may not allocate, lock or
// touch a std::string. A slot is filled first and published last (release), so the handler sees
// either nothing or a complete path.
constexpr std::size_t k_path_slots = 32;
constexpr std::size_t k_path_bytes = 4096;
constexpr std::size_t k_child_slots = 8;

struct PathSlot {
  std::atomic<int> state{0}; // 0 free, 1 being written, 2 a file, 3 a tree
  std::array<char, k_path_bytes> path{};
};

std::array<PathSlot, k_path_slots> g_paths;
std::array<std::atomic<pid_t>, k_child_slots> g_children{};

// Removes the contents of the directory open as `fd` (which it closes), depth-limited, with system
// calls only (getdents64, unlinkat, openat): all safe inside a signal handler.
void remove_contents(int fd, int depth) {
  alignas(8) char buffer[2048];
  while (true) {
    const long n = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
    if (n <= 0) {
      break;
    }
    for (long offset = 0; offset < n;) {
      const auto *entry = reinterpret_cast<const struct dirent64 *>(buffer + offset);
      offset += entry->d_reclen;
      const char *name = entry->d_name;
      if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) {
        continue;
      }
      if (::unlinkat(fd, name, 0) == 0) {
        continue;
      }
      if (depth > 0) {
        const int sub = ::openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub >= 0) {
          remove_contents(sub, depth - 1);
        }
      }
      ::unlinkat(fd, name, AT_REMOVEDIR);
    }
  }
  ::close(fd);
}

void clean_up_now() {
  for (auto &slot : g_children) {
    const pid_t pgid = slot.load(std::memory_order_acquire);
    if (pgid > 0) {
      ::kill(-pgid, SIGKILL);
      ::waitpid(pgid, nullptr, 0);
    }
  }
  for (auto &slot : g_paths) {
    const int state = slot.state.load(std::memory_order_acquire);
    if (state == 2) {
      ::unlink(slot.path.data());
    } else if (state == 3) {
      const int fd = ::open(slot.path.data(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd >= 0) {
        remove_contents(fd, 16);
      }
      ::rmdir(slot.path.data());
    }
  }
}

extern "C" void on_signal(int signal) {
  clean_up_now();
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

} // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigfillset(&action.sa_mask); // no second signal while cleaning up
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    ::sigaction(signal, &action, nullptr);
  }
}

RemoveOnInterrupt::RemoveOnInterrupt(const std::string &path, Kind kind) : m_slot(-1) {
  if (path.size() >= k_path_bytes) {
    throw Error(path + ": path too long for a temporary file");
  }
  for (std::size_t i = 0; i < g_paths.size(); ++i) {
    int expected = 0;
    if (g_paths[i].state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) {
      std::memcpy(g_paths[i].path.data(), path.c_str(), path.size() + 1);
      g_paths[i].state.store(kind == Kind::file ? 2 : 3, std::memory_order_release);
      m_slot = static_cast<int>(i);
      return;
    }
  }
  throw Error("too many temporary files at once");
}

RemoveOnInterrupt::~RemoveOnInterrupt() {
  g_paths[static_cast<std::size_t>(m_slot)].state.store(0, std::memory_order_release);
}

KillOnInterrupt::KillOnInterrupt(pid_t pgid) : m_slot(-1) {
  for (std::size_t i = 0; i < g_children.size(); ++i) {
    pid_t expected = 0;
    if (g_children[i].compare_exchange_strong(expected, pgid, std::memory_order_acq_rel)) {
      m_slot = static_cast<int>(i);
      return;
    }
  }
  // More helpers at once than slots: the helper then dies with its pipes instead.
}

KillOnInterrupt::~KillOnInterrupt() {
  if (m_slot >= 0) {
    g_children[static_cast<std::size_t>(m_slot)].store(0, std::memory_order_release);
  }
}

} // namespace notice
