// Benchmark of validate at federation scale. Generates a corpus of notices in the real format (the
// bundled notice under 1,400 society names, each with 0–6 extra use cases) and one notice 100 times
// the bundled one, then prints in one run:
//   - in process, one thread: libyaml's bare event parse, our YAML tree (parse_yaml), load (+ JSON
//     Schema and model) and validate (+ every rule), so that the share of each step shows;
//   - the command line `notice-audit validate` on the corpus in every report format (wall time and
//     peak resident memory of the process), against the raw libyaml parse floor (the same files
//     read and parsed to events, on one thread and on --jobs threads) and against `ajv validate`
//     (ajv-cli 5, the JSON Schema alone, on a copy of the corpus with dates quoted for js-yaml); the
//     three figures the ratios compare are taken in interleaved rounds, best of --runs each;
//   - one notice: the bundled notice and the 100x notice, notice-audit and ajv.
// Not a test: run it by hand on an otherwise idle machine and copy the figures into
// docs/benchmarks.md with the date and the machine.
//
//   tests/bench/install-ajv.sh                     # once: ajv-cli 5 into build/bench/ajv
//   build/tests/bench/bench_validate notice/acom-kenpo.yaml build/notice-audit build/bench
//       [--ajv build/bench/ajv/node_modules/.bin/ajv] [--count 1400] [--runs 3] [--jobs N]
//
// Every child process is run from an argument vector (no shell) with a time limit.
#include "yaml_tree.hpp"

#include "notice/load.hpp"
#include "notice/parallel.hpp"
#include "notice/rules.hpp"
#include "notice/schema.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <signal.h>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
#include <yaml.h>

extern char **environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string slurp(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void spit(const fs::path &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
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

// The bundled notice with every use case repeated `times` times (ids made unique).
std::string multiplied(const std::string &base, int times) {
  std::istringstream in(base);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  const std::string item = "          - id: ";
  std::string out;
  for (std::size_t i = 0; i < lines.size();) {
    if (lines[i].rfind(item, 0) != 0) {
      out += lines[i++] + '\n';
      continue;
    }
    std::size_t end = i + 1;
    while (end < lines.size() && (lines[end].empty() || lines[end].rfind("            ", 0) == 0)) {
      ++end;
    }
    for (int k = 0; k < times; ++k) {
      for (std::size_t l = i; l < end; ++l) {
        out += lines[l] + (l == i && k > 0 ? "-x" + std::to_string(k) : "") + '\n';
      }
    }
    i = end;
  }
  return out;
}

// js-yaml reads an unquoted 2021-09-01 as a Date, which a `"type": "string"` schema refuses.
std::string dates_quoted(const std::string &text) {
  static const std::regex date(R"(: (\d{4}-\d{2}-\d{2})[ \t]*\n)");
  return std::regex_replace(text, date, ": \"$1\"\n");
}

struct Child {
  double wall = 0;
  double cpu = 0; // user + system time of the process and its threads
  double max_rss_mb = 0;
  int status = -1;
};

// Runs `argv` with standard output to `out_path` and standard error to `err_path`, killed after
// `limit` seconds.
Child run(const std::vector<std::string> &argv, const fs::path &out_path, const fs::path &err_path,
          double limit = 600) {
  std::vector<char *> args;
  for (const auto &a : argv) {
    args.push_back(const_cast<char *>(a.c_str()));
  }
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  Child child;
  pid_t pid = 0;
  const auto start = Clock::now();
  if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
    std::fprintf(stderr, "cannot start %s\n", args[0]);
    std::exit(2);
  }
  posix_spawn_file_actions_destroy(&actions);
  rusage usage{};
  int status = 0;
  for (;;) {
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) {
      break;
    }
    if (seconds_since(start) > limit) {
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      std::fprintf(stderr, "%s: killed after %.0f s\n", args[0], limit);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  child.wall = seconds_since(start);
  const auto secs = [](const timeval &t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  child.cpu = secs(usage.ru_utime) + secs(usage.ru_stime);
  child.max_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  child.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return child;
}

// The best of several runs of one command: the least wall and CPU time, the largest peak RSS.
struct Best {
  Child best;
  int runs = 0;
  void add(const Child &c) {
    best.max_rss_mb = std::max(best.max_rss_mb, c.max_rss_mb);
    if (runs == 0 || c.wall < best.wall) {
      best.wall = c.wall;
      best.status = c.status;
    }
    best.cpu = runs == 0 ? c.cpu : std::min(best.cpu, c.cpu);
    ++runs;
  }
};

Child best_of(int runs, const std::vector<std::string> &argv, const fs::path &out, const fs::path &err) {
  Best best;
  for (int i = 0; i < runs; ++i) {
    best.add(run(argv, out, err));
  }
  return best.best;
}

double median_of(int runs, const std::vector<std::string> &argv, const fs::path &out, const fs::path &err) {
  std::vector<double> walls;
  for (int i = 0; i < runs; ++i) {
    walls.push_back(run(argv, out, err).wall);
  }
  std::sort(walls.begin(), walls.end());
  return walls[walls.size() / 2];
}

// libyaml's event parse of one file's text: the least any YAML reader on top of it can cost.
std::size_t libyaml_events(const std::string &text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(text.data()), text.size());
  std::size_t events = 0;
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      std::fprintf(stderr, "libyaml: %s\n", parser.problem);
      std::exit(1);
    }
    const bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
    if (end) {
      break;
    }
  }
  yaml_parser_delete(&parser);
  return events;
}

// The parse floor as the command line meets it: every file read from disk and parsed to events,
// spread over `jobs` threads.
double floor_seconds(const std::vector<fs::path> &files, unsigned jobs) {
  const auto start = Clock::now();
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i = next++; i < files.size(); i = next++) {
        libyaml_events(slurp(files[i]));
      }
    });
  }
  for (auto &t : threads) {
    t.join();
  }
  return seconds_since(start);
}

template <class F> double best_seconds(int runs, F f) {
  double best = 0;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    const double s = seconds_since(start);
    best = i == 0 ? s : std::min(best, s);
  }
  return best;
}

double own_peak_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double load_average() {
  double avg[1] = {0};
  return getloadavg(avg, 1) == 1 ? avg[0] : -1;
}

std::string society_name(int i) {
  char name[32];
  std::snprintf(name, sizeof name, "society-%04d.yaml", i);
  return name;
}

void generate(const fs::path &dir, const std::string &base, int count) {
  for (const char *sub : {"corpus", "corpus-ajv", "big", "big-ajv", "out"}) {
    fs::remove_all(dir / sub);
    fs::create_directories(dir / sub);
  }
  std::size_t bytes = 0;
  for (int i = 0; i < count; ++i) {
    const std::string text = society(base, i);
    spit(dir / "corpus" / society_name(i), text);
    spit(dir / "corpus-ajv" / society_name(i), dates_quoted(text));
    bytes += text.size();
  }
  // 100 times the bundled notice's size: its use cases repeated until the file is that large.
  int times = 100;
  std::string big = multiplied(base, times);
  while (big.size() < 100 * base.size()) {
    times += 10;
    big = multiplied(base, times);
  }
  spit(dir / "big" / "notice-100x.yaml", big);
  spit(dir / "big-ajv" / "notice-100x.yaml", dates_quoted(big));
  spit(dir / "notice.schema.json", std::string(notice::notice_schema_json()));
  std::printf("corpus: %d notices, %.2f MB in %s; 100x notice: %.2f MB (use cases repeated %d times)\n", count,
              static_cast<double>(bytes) / 1e6, (dir / "corpus").c_str(), static_cast<double>(big.size()) / 1e6, times);
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_validate NOTICE.yaml NOTICE_AUDIT OUTDIR [--ajv AJV] [--count N] [--runs R] "
                         "[--jobs N]\n");
    return 2;
  }
  const std::string base = slurp(argv[1]);
  const std::string binary = fs::absolute(argv[2]).string();
  const fs::path dir = fs::absolute(argv[3]);
  std::string ajv;
  int count = 1400;
  int runs = 3;
  unsigned jobs = notice::default_jobs();
  for (int i = 4; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--ajv") {
      ajv = fs::absolute(argv[i + 1]).string();
    } else if (flag == "--count") {
      count = std::atoi(argv[i + 1]);
    } else if (flag == "--runs") {
      runs = std::atoi(argv[i + 1]);
    } else if (flag == "--jobs") {
      jobs = static_cast<unsigned>(std::atoi(argv[i + 1]));
    }
  }

  // The corpus, written afresh so that every run measures the same files, by a child process: the
  // children started later inherit this process's peak resident set as theirs (Linux records it at
  // exec), so this process must stay small until they have run.
  const pid_t generator = fork();
  if (generator == 0) {
    generate(dir, base, count);
    std::fflush(stdout);
    _exit(0);
  }
  int generated = 0;
  waitpid(generator, &generated, 0);
  if (!WIFEXITED(generated) || WEXITSTATUS(generated) != 0) {
    std::fprintf(stderr, "generating the corpus failed\n");
    return 1;
  }
  std::vector<fs::path> files;
  for (int i = 0; i < count; ++i) {
    files.push_back(dir / "corpus" / society_name(i));
  }
  const fs::path schema = dir / "notice.schema.json";
  std::printf("machine: %u cores used (--jobs), load average %.2f at start; best of %d runs unless stated\n\n", jobs,
              load_average(), runs);

  // The in-process phases, which hold the whole corpus, come after every child.
  std::printf("this process's peak resident set while starting children: %.1f MB (a floor of every RSS below)\n\n",
              own_peak_mb());
  // The command line against the floors and ajv. The three figures the ratios compare (the floor on
  // one thread, the text report on every core, ajv) are taken in interleaved rounds, so that a burst
  // of load on a shared machine falls on one run of each rather than on every run of one.
  const fs::path out = dir / "out";
  const std::vector<std::string> text_argv = {
      binary, "validate", "--no-config", "-q", "-j", std::to_string(jobs), "-f", "text", (dir / "corpus").string()};
  const std::vector<std::string> ajv_argv = {ajv,
                                             "validate",
                                             "--spec=draft7",
                                             "--strict=false",
                                             "-s",
                                             schema.string(),
                                             "-d",
                                             (dir / "corpus-ajv").string() + "/*.yaml"};
  double floor1 = 0;
  Best text_report;
  Best ajv_best;
  for (int r = 0; r < runs; ++r) {
    const double f = best_seconds(1, [&] { floor_seconds(files, 1); });
    floor1 = r == 0 ? f : std::min(floor1, f);
    text_report.add(run(text_argv, out / "report.text", out / "stderr.txt"));
    if (!ajv.empty()) {
      ajv_best.add(run(ajv_argv, out / "ajv.txt", out / "ajv-stderr.txt"));
    }
  }
  const double floor_n = best_seconds(runs, [&] { floor_seconds(files, jobs); });
  std::printf("command line on the corpus (wall, CPU = user + system, peak RSS of the process):\n");
  std::printf("  libyaml parse floor, 1 thread         %7.3f s\n", floor1);
  std::printf("  libyaml parse floor, %u threads        %7.3f s\n", jobs, floor_n);
  const double text_wall = text_report.best.wall;
  const double text_cpu = text_report.best.cpu;
  double worst_rss = text_report.best.max_rss_mb;
  for (const char *format : {"text", "json", "sarif", "junit", "github", "summary"}) {
    const Child c = std::string(format) == "text"
                        ? text_report.best
                        : best_of(runs,
                                  {binary, "validate", "--no-config", "-q", "-j", std::to_string(jobs), "-f", format,
                                   (dir / "corpus").string()},
                                  out / (std::string("report.") + format), out / "stderr.txt");
    std::printf("  notice-audit -j %u -f %-8s          %7.3f s  %6.3f s  %6.1f MB  (exit %d)\n", jobs, format, c.wall,
                c.cpu, c.max_rss_mb, c.status);
    worst_rss = std::max(worst_rss, c.max_rss_mb);
  }
  const Child one = best_of(runs, {binary, "validate", "--no-config", "-q", "-j", "1", (dir / "corpus").string()},
                            out / "report.j1", out / "stderr.txt");
  std::printf("  notice-audit -j 1 -f text              %7.3f s  %6.3f s  %6.1f MB\n", one.wall, one.cpu,
              one.max_rss_mb);
  const Child ajv_corpus = ajv_best.best;
  if (!ajv.empty()) {
    std::printf("  ajv validate (schema only)             %7.3f s  %6.3f s  %6.1f MB  (exit %d)\n", ajv_corpus.wall,
                ajv_corpus.cpu, ajv_corpus.max_rss_mb, ajv_corpus.status);
  }
  std::printf("\nratios (notice-audit -j %u, text report):\n", jobs);
  if (!ajv.empty()) {
    std::printf("  / ajv validate                  %5.2f  (target <= 0.5); CPU time %5.2f\n",
                text_wall / ajv_corpus.wall, text_cpu / ajv_corpus.cpu);
  }
  std::printf("  / libyaml floor, 1 thread       %5.2f  (target <= 2.5)\n", text_wall / floor1);
  std::printf("  / libyaml floor, %u threads      %5.2f\n", jobs, text_wall / floor_n);
  std::printf("  peak RSS in any format          %5.1f MB (target <= 64)\n\n", worst_rss);

  // One notice.
  const std::string bundled = fs::absolute(argv[1]).string();
  const double single =
      median_of(runs * 7, {binary, "validate", "--no-config", "-q", bundled}, out / "single.txt", out / "stderr.txt");
  const Child big_run = best_of(runs, {binary, "validate", "--no-config", "-q", (dir / "big").string()},
                                out / "big.txt", out / "stderr.txt");
  std::printf("one notice: bundled %.4f s (median of %d); 100x notice %.3f s, %.1f MB", single, runs * 7, big_run.wall,
              big_run.max_rss_mb);
  if (!ajv.empty()) {
    const Child ajv_big = best_of(runs,
                                  {ajv, "validate", "--spec=draft7", "--strict=false", "-s", schema.string(), "-d",
                                   (dir / "big-ajv" / "notice-100x.yaml").string()},
                                  out / "ajv-big.txt", out / "ajv-stderr.txt");
    std::printf("; ajv on the 100x notice %.3f s", ajv_big.wall);
  }
  // In process, one thread: where the time goes.
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto &f : files) {
    texts.emplace_back(f.filename().string(), slurp(f));
  }
  const notice::LoadLimits limits;
  notice::load_text("warm.yaml", base); // compile the schema once, as the command does
  const double events = best_seconds(runs, [&] {
    for (const auto &[path, text] : texts) {
      libyaml_events(text);
    }
  });
  const double tree = best_seconds(runs, [&] {
    for (const auto &[path, text] : texts) {
      notice::Source source(path, text);
      if (!notice::detail::parse_yaml(source, limits).root) {
        std::fprintf(stderr, "%s: parse failed\n", path.c_str());
        std::exit(1);
      }
    }
  });
  const double load = best_seconds(runs, [&] {
    for (const auto &[path, text] : texts) {
      if (!notice::load_text(path, text).notice) {
        std::fprintf(stderr, "%s: load failed\n", path.c_str());
        std::exit(1);
      }
    }
  });
  std::size_t findings = 0;
  const double validate = best_seconds(runs, [&] {
    findings = 0;
    for (const auto &[path, text] : texts) {
      findings += notice::check_notice(*notice::load_text(path, text).notice, {}).size();
    }
  });
  texts.clear();
  texts.shrink_to_fit();
  std::printf("\nin process, one thread (text already in memory):\n");
  std::printf("  libyaml events            %7.3f s\n", events);
  std::printf("  our YAML tree             %7.3f s  (+%.3f s over the events)\n", tree, tree - events);
  std::printf("  load: + schema, model     %7.3f s  (+%.3f s)\n", load, load - tree);
  std::printf("  validate: + every rule    %7.3f s  (+%.3f s)  %zu findings\n\n", validate, validate - load, findings);

  std::printf("\nload average at the end %.2f\n", load_average());
  return 0;
}
