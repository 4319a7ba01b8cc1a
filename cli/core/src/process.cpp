#include "notice/process.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/interrupt.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <poll.h>
#include <signal.h>

extern char **environ;

namespace notice {
namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
    }
  }
  ~Pipe() {
    close_end(0);
    close_end(1);
  }
  Pipe(const Pipe &) = delete;
  Pipe &operator=(const Pipe &) = delete;
  void close_end(int end) {
    if (fds[end] >= 0) {
      ::close(fds[end]);
      fds[end] = -1;
    }
  }
};

std::atomic<int> g_default_timeout{120};

// A helper's output is held in memory; more than this is no document of ours.
constexpr std::size_t k_max_output_bytes = std::size_t{512} << 20;

} // namespace

int default_process_timeout() {
  return g_default_timeout.load();
}

void set_default_process_timeout(int seconds) {
  g_default_timeout.store(std::max(seconds, 1));
}

std::optional<std::string> find_program(const std::string &program) {
  if (program.find('/') != std::string::npos) {
    return ::access(program.c_str(), X_OK) == 0 ? std::optional<std::string>(program) : std::nullopt;
  }
  const char *path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) {
      return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

ProcessResult run_process(const std::vector<std::string> &argv, const ProcessOptions &options) {
  if (argv.empty()) {
    throw Error("run_process: empty argument vector");
  }
  const auto program = find_program(argv[0]);
  if (!program) {
    throw Error("`" + escape_control(argv[0]) + "` was not found in PATH");
  }
  Pipe in;
  Pipe out;
  Pipe err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fds[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fds[1], STDERR_FILENO);
  if (!options.working_directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, options.working_directory.c_str());
  }
  std::vector<char *> args;
  for (const auto &a : argv) {
    args.push_back(const_cast<char *>(a.c_str()));
  }
  args.push_back(nullptr);
  std::vector<std::string> env_storage;
  for (char **e = environ; e && *e; ++e) {
    env_storage.emplace_back(*e);
  }
  env_storage.insert(env_storage.end(), options.extra_env.begin(), options.extra_env.end());
  std::vector<char *> env;
  for (auto &e : env_storage) {
    env.push_back(e.data());
  }
  env.push_back(nullptr);

  // A process group of its own: a hung helper is killed with everything it started, and a Ctrl-C
  // on the terminal reaches only notice-audit, which then kills the group itself.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
    sigaddset(&defaults, signal);
  }
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, program->c_str(), &actions, &attributes, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) {
    throw Error("cannot start `" + escape_control(argv[0]) + "`: " + std::strerror(rc));
  }
  const KillOnInterrupt kill_on_interrupt(pid);
  const int timeout = options.timeout_seconds > 0 ? options.timeout_seconds : default_process_timeout();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
  const auto kill_group = [pid] {
    ::kill(-pid, SIGKILL);
    int ignored = 0;
    while (::waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {
    }
  };
  const auto stop_late = [&] {
    kill_group();
    throw ProcessTimeout("`" + escape_control(argv[0]) + "` did not finish within " + std::to_string(timeout) +
                             " s and was stopped; set NOTICE_AUDIT_HELPER_TIMEOUT (seconds) to allow more time",
                         timeout);
  };
  in.close_end(0);
  out.close_end(1);
  err.close_end(1);

  // Feed stdin and drain both outputs together so that no pipe fills up and deadlocks.
  ProcessResult result;
  std::size_t written = 0;
  if (options.input.empty()) {
    in.close_end(1);
  } else {
    // A blocking write of a large input would wait for the child, which may itself be waiting
    // for us to drain its output.
    ::fcntl(in.fds[1], F_SETFL, ::fcntl(in.fds[1], F_GETFL) | O_NONBLOCK);
  }
  ::signal(SIGPIPE, SIG_IGN);
  char buffer[1 << 16];
  while (out.fds[0] >= 0 || err.fds[0] >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    const int sources[3] = {out.fds[0], err.fds[0], in.fds[1]};
    for (int i = 0; i < 3; ++i) {
      if (sources[i] >= 0) {
        fds[n++] = pollfd{sources[i], static_cast<short>(i == 2 ? POLLOUT : POLLIN), 0};
      }
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      stop_late();
    }
    if (::poll(fds, n, static_cast<int>(std::min<long long>(left.count(), 1000))) < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (!fds[i].revents) {
        continue;
      }
      if (fds[i].fd == in.fds[1]) {
        const ssize_t k = ::write(in.fds[1], options.input.data() + written, options.input.size() - written);
        if (k > 0) {
          written += static_cast<std::size_t>(k);
        }
        if ((k < 0 && errno != EAGAIN && errno != EINTR) || written == options.input.size()) {
          in.close_end(1);
        }
        continue;
      }
      const ssize_t k = ::read(fds[i].fd, buffer, sizeof buffer);
      if (k > 0) {
        std::string &sink = fds[i].fd == out.fds[0] ? result.out : result.err;
        if (sink.size() + static_cast<std::size_t>(k) > k_max_output_bytes) {
          kill_group();
          throw Error("`" + escape_control(argv[0]) + "` wrote more than " + std::to_string(k_max_output_bytes >> 20) +
                      " MiB and was stopped");
        }
        sink.append(buffer, static_cast<std::size_t>(k));
      } else if (k == 0 || errno != EINTR) {
        (fds[i].fd == out.fds[0] ? out : err).close_end(0);
      }
    }
  }
  in.close_end(1);
  // Both pipes are closed, but the child (or a grandchild that let go of them) may still run.
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) {
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      stop_late();
    }
    ::usleep(10'000);
  }
  // Whatever the helper left running in its group goes with it.
  ::kill(-pid, SIGKILL);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

} // namespace notice
