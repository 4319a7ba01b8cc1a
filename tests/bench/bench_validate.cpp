// Benchmark of validate: the bundled notice, and a generated corpus of 1,400 notices (one per
// health insurance society) validated in one process. Prints wall time per phase, the share of
// the time spent parsing YAML, and peak memory. Not a test: run it by hand and record the figures
// in docs/benchmarks.md.
//
//   bench_validate NOTICE.yaml [COUNT=1400] [REPEAT=5]
#include "yaml_tree.hpp"

#include "notice/load.hpp"
#include "notice/rules.hpp"
#include "notice/source.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::string slurp(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replace_all(std::string text, const std::string &from, const std::string &to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Society `i`: the bundled notice under another name, with a varying number of extra use cases
// so that the corpus is not 1,400 copies of one size.
std::string society(const std::string &base, int i) {
  std::string text = replace_all(base, "アコム健康保険組合", "第" + std::to_string(i) + "健康保険組合");
  const std::string anchor = "          - id: benefit-payment\n";
  std::string extra;
  for (int k = 0; k < i % 7; ++k) {
    extra += "          - id: extra-" + std::to_string(k) + "\n            text: 追加の利用目的その" +
             std::to_string(k) + "（組合独自の保健事業に係る事務）\n";
  }
  const auto at = text.find(anchor);
  if (at != std::string::npos) {
    text.insert(at, extra);
  }
  return text;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Run {
  double parse = 0;    // reading UTF-8 checked text into the YAML tree
  double load = 0;     // parse + schema + model
  double validate = 0; // load + rules
  std::size_t findings = 0;
};

Run run(const std::vector<std::pair<std::string, std::string>> &files) {
  Run r;
  notice::LoadLimits limits;
  auto start = Clock::now();
  for (const auto &[path, text] : files) {
    notice::Source source(path, text);
    const auto parsed = notice::detail::parse_yaml(source, limits);
    if (!parsed.root) {
      std::fprintf(stderr, "%s: parse failed\n", path.c_str());
      std::exit(1);
    }
  }
  r.parse = seconds_since(start);
  start = Clock::now();
  for (const auto &[path, text] : files) {
    const auto loaded = notice::load_text(path, text);
    if (!loaded.notice) {
      std::fprintf(stderr, "%s: load failed\n", path.c_str());
      std::exit(1);
    }
  }
  r.load = seconds_since(start);
  start = Clock::now();
  for (const auto &[path, text] : files) {
    const auto loaded = notice::load_text(path, text);
    r.findings += notice::check_notice(*loaded.notice, {}).size();
  }
  r.validate = seconds_since(start);
  return r;
}

Run best_of(const std::vector<std::pair<std::string, std::string>> &files, int repeat) {
  Run best;
  for (int i = 0; i < repeat; ++i) {
    const Run r = run(files);
    if (i == 0 || r.validate < best.validate) {
      best = r;
    }
  }
  return best;
}

void print(const char *name, std::size_t count, std::size_t bytes, const Run &r) {
  std::printf("%-8s %5zu files %8.2f MB | parse %8.4f s | load %8.4f s | validate %8.4f s | parse share %4.1f %% | "
              "%zu findings\n",
              name, count, static_cast<double>(bytes) / 1e6, r.parse, r.load, r.validate, 100.0 * r.parse / r.validate,
              r.findings);
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_validate NOTICE.yaml [COUNT=1400] [REPEAT=5]\n");
    return 2;
  }
  const std::string base = slurp(argv[1]);
  const int count = argc > 2 ? std::atoi(argv[2]) : 1400;
  const int repeat = argc > 3 ? std::atoi(argv[3]) : 5;

  // Warm the process-wide schema checker once, as a long-running process would.
  notice::load_text("warm.yaml", base);
  const auto compile_start = Clock::now();
  notice::load_text("warm.yaml", base);
  std::printf("one warm load of the bundled notice: %.4f s\n", seconds_since(compile_start));

  const std::vector<std::pair<std::string, std::string>> bundled = {{argv[1], base}};
  print("bundled", 1, base.size(), best_of(bundled, repeat * 20));

  std::vector<std::pair<std::string, std::string>> corpus;
  std::size_t bytes = 0;
  for (int i = 0; i < count; ++i) {
    corpus.emplace_back("society-" + std::to_string(i) + ".yaml", society(base, i));
    bytes += corpus.back().second.size();
  }
  print("corpus", corpus.size(), bytes, best_of(corpus, repeat));

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak resident memory: %.1f MB (the corpus text itself: %.1f MB)\n",
              static_cast<double>(usage.ru_maxrss) / 1024.0, static_cast<double>(bytes) / 1e6);
  return 0;
}
