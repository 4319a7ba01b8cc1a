#include "cmd_render.hpp"

#include "exit_codes.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/load.hpp"
#include "notice/output.hpp"
#include "notice/render.hpp"

#include <unistd.h>

#include <filesystem>
#include <ostream>

namespace notice::cli {

CLI::App *add_render(CLI::App &app, RenderCommandOptions &o) {
  CLI::App *cmd = app.add_subcommand("render", "Write the member-facing notice as text, Markdown, HTML, PDF or DOCX");
  cmd->add_option("file", o.path, "The notice file (YAML)")->required();
  cmd->add_option("-r,--revision", o.revision,
                  "Render the notice as in force on this date (YYYY-MM-DD; default: the latest revision)");
  cmd->add_option("-f,--format", o.format,
                  "txt, md, html, pdf or docx (default: from the --output extension, else txt)")
      ->check(CLI::IsMember({"txt", "md", "html", "pdf", "docx"}));
  cmd->add_option("-o,--output", o.output, "Write to this file (atomically) instead of standard output");
  cmd->add_option("--template", o.template_path,
                  "Mustache template replacing the built-in one (notice.txt.mustache for txt, "
                  "notice.md.mustache for the others)");
  cmd->add_option("--css", o.css_path, "Stylesheet replacing the built-in notice.css (html, pdf)");
  cmd->add_option("--reference-doc", o.reference_doc, "Reference document replacing the built-in one (docx)");
  return cmd;
}

namespace {

// A reference document is a small DOCX (the built-in one is ~30 KB); its members are checked again
// before pandoc unpacks them.
constexpr std::size_t k_max_reference_doc = std::size_t{16} << 20;

std::optional<RenderFormat> format_from_extension(const std::string &path) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (ext.empty()) {
    return std::nullopt;
  }
  if (ext == ".markdown") {
    return RenderFormat::md;
  }
  if (ext == ".htm") {
    return RenderFormat::html;
  }
  return parse_render_format(ext.substr(1));
}

} // namespace

int run_render(const RenderCommandOptions &o, std::ostream &out, std::ostream &err) {
  RenderOptions options;
  if (!o.format.empty()) {
    options.format = *parse_render_format(o.format);
  } else if (const auto inferred = format_from_extension(o.output); inferred && !o.output.empty()) {
    options.format = *inferred;
  }
  const bool binary = options.format == RenderFormat::pdf || options.format == RenderFormat::docx;
  if (binary && o.output.empty() && isatty(STDOUT_FILENO)) {
    err << "notice-audit: error: --format " << to_string(options.format)
        << " is binary; give -o FILE or redirect standard output\n";
    return k_exit_usage;
  }
  std::optional<Date> revision;
  if (!o.revision.empty()) {
    revision = parse_date(o.revision);
    if (!revision) {
      err << "notice-audit: error: --revision " << escape_control(o.revision) << ": not a date; write YYYY-MM-DD\n";
      return k_exit_usage;
    }
  }
  // Fail before reading anything when a program the format needs is missing.
  check_render_tools(options.format);

  std::vector<std::string> inputs{o.path};
  for (const std::string *side : {&o.template_path, &o.css_path, &o.reference_doc}) {
    if (!side->empty()) {
      inputs.push_back(*side);
    }
  }
  // Refused before anything is read or rendered: an output that would replace an input, a
  // directory, a dangling link.
  if (!o.output.empty()) {
    check_output_path(o.output, inputs);
  }
  if (!o.template_path.empty()) {
    options.template_text = read_template_file(o.template_path);
    options.template_name = o.template_path;
  }
  if (!o.css_path.empty()) {
    options.css = read_template_file(o.css_path);
    options.css_directory = std::filesystem::absolute(o.css_path).parent_path().string();
  }
  if (!o.reference_doc.empty()) {
    options.reference_docx = read_template_file(o.reference_doc, k_max_reference_doc);
    options.reference_name = o.reference_doc;
  }

  const LoadResult loaded = load_file(o.path);
  if (!loaded.notice) {
    for (const auto &d : loaded.diagnostics) {
      if (d.severity == Severity::error) {
        err << escape_control(format_diagnostic(d)) << '\n';
      }
    }
    err << "notice-audit: error: " << escape_control(o.path)
        << ": not a usable notice; `notice-audit validate` explains\n";
    return k_exit_usage;
  }
  const Notice &notice = *loaded.notice;
  if (!revision) {
    const Revision *latest = latest_revision(notice);
    if (latest == nullptr) {
      err << "notice-audit: error: " << escape_control(o.path) << ": the notice lists no revision\n";
      return k_exit_usage;
    }
    revision = latest->effective;
  }
  if (!revision_at(notice, *revision)) {
    err << "notice-audit: error: " << escape_control(o.path) << ": no revision is in force on " << o.revision
        << "; its revisions start on " << to_string(notice.revisions.front().effective) << '\n';
    return k_exit_usage;
  }

  const std::string rendered = render_notice(notice, *revision, options);
  if (o.output.empty()) {
    out << rendered;
  } else {
    write_file_atomically(o.output, rendered, inputs);
  }
  return k_exit_clean;
}

} // namespace notice::cli
