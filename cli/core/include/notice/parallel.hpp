// Running independent pieces of work on a few threads while handing their results on in order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace notice {

/// The number of threads to use when the user gives none: the cores this process may run on.
unsigned default_jobs();

/// Calls `work(i)` for every i in [0, count) on up to `jobs` threads and `consume(i, result)` on the
/// calling thread in order 0, 1, 2 …, each as soon as it and all before it are done. At most a few
/// results per thread wait for their turn, so memory stays bounded however large `count` is. An
/// exception from `work` is rethrown from this function at that item's turn; one from `consume`
/// stops the workers and is rethrown. `jobs` ≤ 1 runs everything on the calling thread.
template <class Result>
void for_each_ordered(std::size_t count, unsigned jobs, const std::function<Result(std::size_t)> &work,
                      const std::function<void(std::size_t, Result &)> &consume) {
  if (jobs <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      Result result = work(i);
      consume(i, result);
    }
    return;
  }
  struct Slot {
    std::optional<Result> result;
    std::exception_ptr error;
    bool done = false;
  };
  const std::size_t window = static_cast<std::size_t>(jobs) * 4;
  std::vector<Slot> slots(count);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next_task = 0;
  std::size_t next_out = 0;
  bool stop = false;

  const auto worker = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next_task >= count || next_task < next_out + window; });
        if (stop || next_task >= count) {
          return;
        }
        i = next_task++;
      }
      Slot slot;
      try {
        slot.result.emplace(work(i));
      } catch (...) {
        slot.error = std::current_exception();
      }
      slot.done = true;
      {
        std::lock_guard lock(mutex);
        slots[i] = std::move(slot);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  const auto finish = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (auto &t : threads) {
      t.join();
    }
  };
  for (unsigned t = 0; t < jobs && t < count; ++t) {
    threads.emplace_back(worker);
  }
  try {
    for (std::size_t i = 0; i < count; ++i) {
      Slot slot;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return slots[i].done; });
        slot = std::move(slots[i]);
        slots[i] = Slot{};
        ++next_out;
      }
      changed.notify_all();
      if (slot.error) {
        std::rethrow_exception(slot.error);
      }
      consume(i, *slot.result);
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

} // namespace notice
