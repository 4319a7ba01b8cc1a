// Benchmark of render: the bundled notice in every format, beside bare pandoc on the same Markdown,
// so that the toolkit's own overhead is visible. Not a test: run it by hand and record the figures in
// docs/benchmarks.md.
//
//   bench_render NOTICE.yaml NOTICE_AUDIT_BINARY [REPEAT=15]
//
// The three ways are interleaved run by run, so that load from other processes hits them alike.
// Columns (minimum and median of REPEAT runs, wall time):
//   library  render_notice() in this process: load excluded, view, template, pandoc/weasyprint
//   cli      the notice-audit binary writing to a file: process start, load, render, atomic write
//   pandoc   pandoc alone on the Markdown render produced, with the same options, files prepared once
#include "bench_timing.hpp"

#include "notice/load.hpp"
#include "notice/process.hpp"
#include "notice/render.hpp"
#include "notice/template.hpp"

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

void require_success(const notice::ProcessResult &r, const std::string &what) {
  if (r.exit_code != 0) {
    std::fprintf(stderr, "%s failed (%d): %s\n", what.c_str(), r.exit_code, r.err.c_str());
    std::exit(1);
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_render NOTICE.yaml NOTICE_AUDIT_BINARY [REPEAT=15]\n");
    return 2;
  }
  const std::string path = argv[1];
  const std::string binary = fs::absolute(argv[2]).string();
  const int repeat = argc > 3 ? std::max(1, std::atoi(argv[3])) : 15;

  notice::LoadResult loaded;
  const double load_seconds = seconds([&] { loaded = notice::load_file(path); });
  if (!loaded.notice) {
    std::fprintf(stderr, "%s: not a usable notice\n", path.c_str());
    return 2;
  }
  const notice::Notice &notice = *loaded.notice;
  const notice::Date revision = notice::latest_revision(notice)->effective;

  const fs::path scratch = fs::temp_directory_path() / "notice-audit-bench-render";
  fs::create_directories(scratch);
  const std::string markdown = notice::render_notice(notice, revision, {notice::RenderFormat::md, {}, {}, {}, {}});
  write(scratch / "notice.md", markdown);
  write(scratch / "style.html", "<style>\n" + std::string(*notice::builtin_template("notice.css")) + "</style>\n");
  write(scratch / "reference.docx", *notice::builtin_template("reference.docx"));
  write(scratch / "filter.lua", *notice::builtin_template("notice-docx.lua"));
  const std::string md = (scratch / "notice.md").string();
  const std::vector<std::string> common{"pandoc",     md,        "--from",     notice::k_pandoc_markdown,
                                        "--metadata", "lang=ja", "--wrap=none"};
  const std::vector<std::string> html_args{
      "--to",       "html5",           "--standalone",
      "--metadata", "pagetitle=bench", "--include-in-header=" + (scratch / "style.html").string()};

  std::printf("notice: %s (revision %s), %zu bytes of Markdown; load %.4f s (not in the figures below)\n", path.c_str(),
              notice::to_string(revision).c_str(), markdown.size(), load_seconds);
  std::printf("%d runs each, interleaved; seconds as min / median\n", repeat);
  std::printf("%-6s %17s %17s %17s %9s\n", "format", "library", "cli", "pandoc", "cli-pandoc");

  for (const auto format : {notice::RenderFormat::txt, notice::RenderFormat::md, notice::RenderFormat::html,
                            notice::RenderFormat::docx, notice::RenderFormat::pdf}) {
    const std::string name(notice::to_string(format));
    const bool converted = format != notice::RenderFormat::txt && format != notice::RenderFormat::md;
    const std::string target = (scratch / ("out." + name)).string();
    std::vector<std::string> argv_pandoc = common;
    if (format == notice::RenderFormat::html || format == notice::RenderFormat::pdf) {
      argv_pandoc.insert(argv_pandoc.end(), html_args.begin(), html_args.end());
    }
    if (format == notice::RenderFormat::pdf) {
      argv_pandoc.push_back("--pdf-engine=weasyprint");
      argv_pandoc.push_back("--output=" + (scratch / "bare.pdf").string());
    }
    if (format == notice::RenderFormat::docx) {
      argv_pandoc.insert(argv_pandoc.end(), {"--to", "docx", "--reference-doc=" + (scratch / "reference.docx").string(),
                                             "--lua-filter=" + (scratch / "filter.lua").string(),
                                             "--output=" + (scratch / "bare.docx").string()});
    }
    Timing library;
    Timing cli;
    Timing bare;
    for (int i = 0; i < repeat; ++i) {
      library.runs.push_back(seconds([&] {
        if (notice::render_notice(notice, revision, {format, {}, {}, {}, {}}).empty()) {
          std::exit(1);
        }
      }));
      cli.runs.push_back(seconds([&] {
        require_success(notice::run_process({binary, "render", path, "-f", name, "-o", target}), "notice-audit");
      }));
      if (converted) {
        bare.runs.push_back(seconds([&] { require_success(notice::run_process(argv_pandoc), "pandoc"); }));
      }
    }
    if (!converted) {
      std::printf("%-6s %8.4f/%8.4f %8.4f/%8.4f %17s %9s\n", name.c_str(), library.min(), library.median(), cli.min(),
                  cli.median(), "-", "-");
      continue;
    }
    std::printf("%-6s %8.4f/%8.4f %8.4f/%8.4f %8.4f/%8.4f %+8.4f\n", name.c_str(), library.min(), library.median(),
                cli.min(), cli.median(), bare.min(), bare.median(), cli.min() - bare.min());
  }
  fs::remove_all(scratch);
  return 0;
}
