// Benchmark of the readers behind check-published (and import): the bundled notice rendered in
// every format and read back, a generated 100-page PDF, and the check-published command end to
// end. Not a test: run it by hand and record the figures in docs/benchmarks.md.
//
//   bench_read NOTICE.yaml NOTICE_AUDIT_BINARY [REPEAT=10] [PAGES=100]
//
// Columns are wall times, minimum and median of REPEAT runs. Peak memory is this process's
// (getrusage RUSAGE_SELF) and the largest child's (RUSAGE_CHILDREN: pdftotext, pandoc, weasyprint).
#include "bench_timing.hpp"

#include "notice/document_text.hpp"
#include "notice/load.hpp"
#include "notice/process.hpp"
#include "notice/published.hpp"
#include "notice/render.hpp"
#include "notice/template.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace {

using notice::bench::seconds;
using notice::bench::Timing;
using notice::bench::write;
namespace fs = std::filesystem;

double peak_mb(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_read NOTICE.yaml NOTICE_AUDIT_BINARY [REPEAT=10] [PAGES=100]\n");
    return 2;
  }
  const std::string path = argv[1];
  const std::string binary = fs::absolute(argv[2]).string();
  const int repeat = argc > 3 ? std::max(1, std::atoi(argv[3])) : 10;
  const int target_pages = argc > 4 ? std::max(1, std::atoi(argv[4])) : 100;

  const notice::LoadResult loaded = notice::load_file(path);
  if (!loaded.notice) {
    std::fprintf(stderr, "%s: not a usable notice\n", path.c_str());
    return 2;
  }
  const notice::Notice &notice = *loaded.notice;
  const notice::Date revision = notice::latest_revision(notice)->effective;
  const std::string date = notice::to_string(revision);

  const fs::path scratch = fs::temp_directory_path() / "notice-audit-bench-read";
  fs::create_directories(scratch);
  struct Case {
    std::string name;
    notice::RenderFormat format;
    std::string extension;
  };
  const std::vector<Case> cases{{"text", notice::RenderFormat::txt, "txt"},
                                {"markdown", notice::RenderFormat::md, "md"},
                                {"html", notice::RenderFormat::html, "html"},
                                {"docx", notice::RenderFormat::docx, "docx"},
                                {"pdf", notice::RenderFormat::pdf, "pdf"}};
  std::printf("notice: %s (revision %s); %d runs each; seconds as min / median\n", path.c_str(), date.c_str(), repeat);
  std::printf("%-9s %9s %6s %19s %19s\n", "format", "bytes", "lines", "read_document()", "check-published cli");
  for (const Case &c : cases) {
    const std::string bytes = notice::render_notice(notice, revision, {c.format, {}, {}, {}, {}});
    const fs::path file = scratch / ("notice." + c.extension);
    write(file, bytes);
    Timing read;
    Timing cli;
    std::size_t lines = 0;
    for (int i = 0; i < repeat; ++i) {
      read.runs.push_back(seconds([&] { lines = notice::read_document(file.string()).lines.size(); }));
      cli.runs.push_back(seconds([&] {
        const auto r = notice::run_process({binary, "check-published", file.string(), path + "@" + date});
        if (r.exit_code != 0) {
          std::fprintf(stderr, "check-published %s: exit %d\n%s%s", file.c_str(), r.exit_code, r.out.c_str(),
                       r.err.c_str());
          std::exit(1);
        }
      }));
    }
    std::printf("%-9s %9zu %6zu %8.4f/%8.4f  %8.4f/%8.4f\n", c.name.c_str(), bytes.size(), lines, read.min(),
                read.median(), cli.min(), cli.median());
  }

  // A long PDF: the notice's Markdown repeated until the PDF has about PAGES pages.
  const std::string markdown = notice::render_notice(notice, revision, {notice::RenderFormat::md, {}, {}, {}, {}});
  notice::PandocJob job;
  job.to = "pdf";
  job.title = "bench";
  job.css = std::string(*notice::builtin_template("notice.css"));
  job.date = revision;
  int copies = std::max(1, target_pages / 3);
  std::string pdf;
  notice::DocumentText long_document;
  double make_seconds = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string repeated;
    for (int i = 0; i < copies; ++i) {
      repeated += markdown + "\n";
    }
    make_seconds = seconds([&] { pdf = notice::convert_with_pandoc(repeated, job); });
    write(scratch / "long.pdf", pdf);
    long_document = notice::read_document((scratch / "long.pdf").string());
    if (long_document.pages >= target_pages || attempt == 1) {
      break;
    }
    copies = copies * target_pages / std::max(1, long_document.pages) + 1;
  }
  Timing long_read;
  std::size_t long_lines = 0;
  for (int i = 0; i < repeat; ++i) {
    long_read.runs.push_back(
        seconds([&] { long_lines = notice::read_document((scratch / "long.pdf").string()).lines.size(); }));
  }
  Timing long_cli;
  for (int i = 0; i < std::min(repeat, 3); ++i) {
    long_cli.runs.push_back(seconds([&] {
      (void)notice::run_process(
          {binary, "check-published", (scratch / "long.pdf").string(), path + "@" + date, "--format", "json"});
    }));
  }
  std::printf("long pdf: %d pages, %zu bytes, %zu lines (%d copies; made in %.1f s)\n", long_document.pages, pdf.size(),
              long_lines, copies, make_seconds);
  std::printf("  read_document() %8.4f/%8.4f   check-published cli %8.4f/%8.4f (min/median of %zu)\n", long_read.min(),
              long_read.median(), long_cli.min(), long_cli.median(), long_cli.runs.size());
  std::printf("peak resident memory: this process %.1f MB, largest child %.1f MB\n", peak_mb(RUSAGE_SELF),
              peak_mb(RUSAGE_CHILDREN));
  fs::remove_all(scratch);
  return 0;
}
