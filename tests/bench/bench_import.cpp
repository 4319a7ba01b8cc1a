// Benchmark of `import`: a typical notice (a corpus text such as tests/data/real/kenpo-maruhachi/source.txt,
// and the bundled notice rendered
// as PDF) and a 100-page PDF made with weasyprint from the notice's text repeated. Each run reads
// the file (read_document), recognises it (import_document) and writes the YAML (write_notice_yaml).
// Not a test: run it by hand and record the figures in docs/benchmarks.md.
//
//   bench_import NOTICE.yaml TEXT [REPEAT=10] [PAGES=100]
#include "bench_timing.hpp"

#include "notice/document_text.hpp"
#include "notice/import.hpp"
#include "notice/load.hpp"
#include "notice/render.hpp"
#include "notice/template.hpp"
#include "notice/yaml_write.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

using notice::bench::seconds;
using notice::bench::Timing;
using notice::bench::write;
namespace fs = std::filesystem;

double peak_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// One import of `path`; returns the number of items recognised and the YAML's size through `out`.
std::pair<int, std::size_t> import_once(const std::string &path) {
  notice::ImportOptions options;
  options.effective = notice::Date{2026, 12, 1};
  const notice::ImportResult r = notice::import_document(notice::read_document(path), options);
  notice::YamlWriteOptions write_options;
  write_options.comments = &r.comments;
  return {r.counts.items, notice::write_notice_yaml(r.notice, write_options).size()};
}

void measure(const char *name, const std::string &path, int repeat, int pages) {
  Timing t;
  std::pair<int, std::size_t> last;
  for (int i = 0; i < repeat; ++i) {
    t.runs.push_back(seconds([&] { last = import_once(path); }));
  }
  std::printf("%-16s %5d pages %9zu bytes %6d items %9zu bytes of YAML   %.4f / %.4f s\n", name, pages,
              static_cast<std::size_t>(fs::file_size(path)), last.first, last.second, t.min(), t.median());
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_import NOTICE.yaml TEXT [REPEAT=10] [PAGES=100]\n");
    return 2;
  }
  const int repeat = argc > 3 ? std::max(1, std::atoi(argv[3])) : 10;
  const int target_pages = argc > 4 ? std::max(1, std::atoi(argv[4])) : 100;
  const notice::LoadResult loaded = notice::load_file(argv[1]);
  if (!loaded.notice) {
    std::fprintf(stderr, "%s: not a usable notice\n", argv[1]);
    return 2;
  }
  const notice::Notice &n = *loaded.notice;
  const notice::Date revision = notice::latest_revision(n)->effective;
  const fs::path scratch = fs::temp_directory_path() / "notice-audit-bench-import";
  fs::create_directories(scratch);

  std::printf("import: read + recognise + write YAML; %d runs each; seconds as min / median\n", repeat);
  measure("text", argv[2], repeat, 0);
  const std::string pdf = notice::render_notice(n, revision, {notice::RenderFormat::pdf, {}, {}, {}, {}});
  write(scratch / "notice.pdf", pdf);
  measure("notice pdf", (scratch / "notice.pdf").string(), repeat,
          notice::read_document((scratch / "notice.pdf").string()).pages);

  // A long PDF: the notice's Markdown repeated until weasyprint makes about PAGES pages.
  const std::string md = notice::render_notice(n, revision, {notice::RenderFormat::md, {}, {}, {}, {}});
  notice::PandocJob job;
  job.to = "pdf";
  job.css = std::string(*notice::builtin_template("notice.css"));
  int copies = std::max(1, target_pages / 3);
  int pages = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string repeated;
    for (int i = 0; i < copies; ++i) {
      repeated += md + "\n\n";
    }
    write(scratch / "long.pdf", notice::convert_with_pandoc(repeated, job));
    pages = notice::read_document((scratch / "long.pdf").string()).pages;
    if (pages >= target_pages) {
      break;
    }
    copies = copies * target_pages / std::max(1, pages) + 1;
  }
  measure("long pdf", (scratch / "long.pdf").string(), std::max(1, repeat / 5), pages);
  std::printf("peak memory of this process: %.1f MB\n", peak_mb());
  fs::remove_all(scratch);
  return 0;
}
