// What happens on Ctrl-C or `kill`: helper programs die with their whole process group and
// temporary files disappear, instead of outliving notice-audit.
#pragma once

#include <sys/types.h>

#include <string>

namespace notice {

/// Installs handlers for SIGINT, SIGTERM and SIGHUP. On such a signal the process groups of the
/// helpers still running are killed (and reaped), every registered temporary file and directory is
/// removed, and the process then ends by that same signal (exit status 128 + signal in a shell).
/// `main` calls it once; without it, signals keep their default action.
void install_interrupt_handlers();

/// While alive, `path` (a file, or a directory removed with its contents) is removed if the process
/// is interrupted. Construct it right after creating the path, destroy it after removing it.
/// At most 32 paths are registered at once; beyond that, construction throws notice::Error.
class RemoveOnInterrupt {
public:
  enum class Kind { file, tree };
  RemoveOnInterrupt(const std::string &path, Kind kind);
  ~RemoveOnInterrupt();
  RemoveOnInterrupt(const RemoveOnInterrupt &) = delete;
  RemoveOnInterrupt &operator=(const RemoveOnInterrupt &) = delete;

private:
  int m_slot;
};

/// While alive, the process group `pgid` (a helper started as the leader of its own group) is
/// killed with SIGKILL and reaped if the process is interrupted.
class KillOnInterrupt {
public:
  explicit KillOnInterrupt(pid_t pgid);
  ~KillOnInterrupt();
  KillOnInterrupt(const KillOnInterrupt &) = delete;
  KillOnInterrupt &operator=(const KillOnInterrupt &) = delete;

private:
  int m_slot;
};

} // namespace notice
