// What the benchmark programs share: timing a piece of work, the minimum and median of runs, and
// writing a scratch file.
#pragma once

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string_view>
#include <vector>

namespace notice::bench {

/// Wall seconds `work` takes.
inline double seconds(const std::function<void()> &work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The runs of one measurement. The minimum is the least disturbed by other work on a shared machine.
struct Timing {
  std::vector<double> runs;
  double min() const { return *std::min_element(runs.begin(), runs.end()); }
  double median() const {
    std::vector<double> sorted = runs;
    std::sort(sorted.begin(), sorted.end());
    return sorted[sorted.size() / 2];
  }
};

/// Writes `content` to `path` as it is.
inline void write(const std::filesystem::path &path, std::string_view content) {
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

} // namespace notice::bench
