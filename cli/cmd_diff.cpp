#include "cmd_diff.hpp"

#include "exit_codes.hpp"
#include "version.hpp"

#include "notice/diff.hpp"
#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/git.hpp"
#include "notice/load.hpp"
#include "notice/output.hpp"
#include "notice/report.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>

namespace notice::cli {

CLI::App *add_diff(CLI::App &app, DiffCliOptions &o) {
  CLI::App *cmd = app.add_subcommand(
      "diff", "Compare two revisions of a notice: what changed, and which changes need legal review");
  cmd->add_option("sides", o.sides,
                  "OLD NEW: each a file, or FILE@YYYY-MM-DD for one revision of a multi-revision file. One FILE "
                  "alone compares its last two revisions (FILE@DATE: the revision before DATE with DATE); with "
                  "--git, FILE is compared with itself at REV")
      ->required()
      ->expected(1, 2);
  cmd->add_option("--git", o.git,
                  "Compare FILE as committed at this git revision (branch, tag, commit) with the "
                  "working tree: what a pull request changes");
  cmd->add_option("-f,--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "md", "table-html", "table-docx", "table-pdf"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", o.fail_on,
                  "Exit with status 1 when a change is at or above this severity (error, warning, info; never) or "
                  "of these change classes (diff/new-recipient, …); comma-separated or repeated")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("-o,--output", o.output, "Write the report to this file (atomically) instead of standard output");
  cmd->add_option("--lang", o.lang,
                  "Language of the findings in text and md (default: ja under a Japanese locale, "
                  "else en; json carries both)")
      ->check(CLI::IsMember({"en", "ja"}));
  cmd->add_option("--color", o.color, "Colour the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_flag("--force", o.force, "Compare notices of different insurers anyway");
  return cmd;
}

namespace {

// What the user named as one side.
struct SideSpec {
  std::string label;
  std::string path;
  std::optional<Date> revision;
};

// `FILE@YYYY-MM-DD` names one revision; an `@` followed by anything else is part of the file name.
SideSpec parse_side(const std::string &arg) {
  SideSpec spec{arg, arg, std::nullopt};
  const auto at = arg.rfind('@');
  if (at == std::string::npos || at == 0) {
    return spec;
  }
  const std::string suffix = arg.substr(at + 1);
  const bool date_like = !suffix.empty() && std::all_of(suffix.begin(), suffix.end(),
                                                        [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  if (!date_like || std::filesystem::exists(arg)) {
    return spec;
  }
  spec.path = arg.substr(0, at);
  spec.revision = parse_date(suffix);
  if (!spec.revision) {
    throw Error(arg + ": `" + suffix + "` is not a date; name a revision as FILE@YYYY-MM-DD");
  }
  return spec;
}

std::string revision_list(const Notice &notice) {
  std::string out;
  for (const auto &r : notice.revisions) {
    out += (out.empty() ? "" : ", ") + to_string(r.effective);
  }
  return out;
}

// Prints the load errors as validate does and returns nullopt, or returns the loaded notice.
// `path` names the file even when it could not be read at all (too large: no source).
std::optional<Notice> checked(const std::string &path, LoadResult loaded, std::ostream &err) {
  const bool broken = !loaded.notice || std::any_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                                                    [](const Diagnostic &d) { return d.severity == Severity::error; });
  if (!broken) {
    return std::move(loaded.notice);
  }
  std::vector<Diagnostic> errors;
  std::copy_if(loaded.diagnostics.begin(), loaded.diagnostics.end(), std::back_inserter(errors),
               [](const Diagnostic &d) { return d.severity == Severity::error; });
  sort_diagnostics(errors);
  ReportOptions options;
  options.summary = false;
  write_report(err, ReportFormat::text, {FileReport{path, loaded.source, errors}}, options);
  err << "notice-audit: error: " << escape_control(path) << " is not a valid notice; `notice-audit validate "
      << escape_control(path) << "` explains, fix it before comparing\n";
  return std::nullopt;
}

// One side ready to compare: the view of the named revision, or of the latest one.
struct Side {
  Notice view;
  std::string label;
  std::string path;
};

Side view_of(const Notice &notice, const std::string &label, std::optional<Date> revision) {
  if (revision) {
    const bool listed = std::any_of(notice.revisions.begin(), notice.revisions.end(),
                                    [&](const Revision &r) { return r.effective == *revision; });
    if (!listed) {
      throw Error(notice.path + " has no revision effective " + to_string(*revision) +
                  "; its revisions are effective " + revision_list(notice));
    }
    return {at(notice, *revision), label, notice.path};
  }
  const Revision *latest = latest_revision(notice);
  return {latest ? at(notice, latest->effective) : notice, label, notice.path};
}

// The revision before `date` in `notice`, or throws saying there is none.
Date previous_revision(const Notice &notice, Date date) {
  std::optional<Date> found;
  for (const auto &r : notice.revisions) {
    if (r.effective < date && (!found || *found < r.effective)) {
      found = r.effective;
    }
  }
  if (!found) {
    throw Error(notice.path + " has no revision before " + to_string(date) + " (its revisions are effective " +
                revision_list(notice) + "); name two sides: OLD NEW");
  }
  return *found;
}

} // namespace

int run_diff(const DiffCliOptions &o, std::ostream &out, std::ostream &err) {
  std::string policy_error;
  const auto policy = parse_diff_fail_policy(o.fail_on, policy_error);
  if (!policy) {
    err << "notice-audit: error: " << escape_control(policy_error) << '\n';
    return k_exit_usage;
  }

  std::optional<Side> old_side;
  std::optional<Side> new_side;
  std::vector<std::string> inputs;
  if (!o.git.empty()) {
    if (o.sides.size() != 1) {
      err << "notice-audit: error: --git " << escape_control(o.git) << " takes one FILE, compared with itself at "
          << escape_control(o.git) << '\n';
      return k_exit_usage;
    }
    const SideSpec spec = parse_side(o.sides[0]);
    if (spec.revision) {
      err << "notice-audit: error: --git compares the latest revision of " << escape_control(spec.path) << " at "
          << escape_control(o.git) << " with the working tree; leave out @" << to_string(*spec.revision) << '\n';
      return k_exit_usage;
    }
    auto current = checked(spec.path, load_file(spec.path), err);
    const std::string committed_label = o.git + ":" + spec.path;
    auto committed = checked(committed_label, load_text(committed_label, git_show_file(o.git, spec.path)), err);
    if (!current || !committed) {
      return k_exit_usage;
    }
    old_side = view_of(*committed, committed_label, std::nullopt);
    new_side = view_of(*current, spec.path, std::nullopt);
    inputs.push_back(spec.path);
  } else if (o.sides.size() == 1) {
    const SideSpec spec = parse_side(o.sides[0]);
    auto notice = checked(spec.path, load_file(spec.path), err);
    if (!notice) {
      return k_exit_usage;
    }
    new_side = view_of(*notice, spec.label, spec.revision);
    const Date new_date = latest_revision(new_side->view)->effective;
    const Date old_date = previous_revision(*notice, new_date);
    old_side = view_of(*notice, spec.path + "@" + to_string(old_date), old_date);
    if (!spec.revision) {
      new_side->label = spec.path + "@" + to_string(new_date);
    }
    inputs.push_back(spec.path);
  } else {
    const SideSpec old_spec = parse_side(o.sides[0]);
    const SideSpec new_spec = parse_side(o.sides[1]);
    auto old_notice = checked(old_spec.path, load_file(old_spec.path), err);
    auto new_notice = old_spec.path == new_spec.path && old_notice
                          ? old_notice
                          : checked(new_spec.path, load_file(new_spec.path), err);
    if (!old_notice || !new_notice) {
      return k_exit_usage;
    }
    old_side = view_of(*old_notice, old_spec.label, old_spec.revision);
    new_side = view_of(*new_notice, new_spec.label, new_spec.revision);
    inputs = {old_spec.path, new_spec.path};
  }

  const Insurer &old_insurer = old_side->view.insurer;
  const Insurer &new_insurer = new_side->view.insurer;
  if (!o.force && old_insurer.name.value != new_insurer.name.value) {
    err << "notice-audit: error: " << escape_control(old_side->label) << " and " << escape_control(new_side->label)
        << " are the notices of different insurers (" << escape_control(old_insurer.name.value) << ", "
        << escape_control(new_insurer.name.value) << "); pass --force to compare them anyway\n";
    return k_exit_usage;
  }

  if (!o.output.empty()) {
    check_output_path(o.output, inputs); // before any work on the comparison
  }
  DiffOptions options;
  options.old_label = old_side->label;
  options.new_label = new_side->label;
  const Diff diff = diff_notices(old_side->view, new_side->view, options);

  DiffWriteOptions write_options;
  write_options.tool_version = k_version;
  write_options.lang = o.lang.empty() ? lang_from_environment() : parse_lang(o.lang).value_or(Lang::en);
  write_options.color = o.color == "always" || (o.color == "auto" && o.output.empty() && o.format == "text" &&
                                                isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
  std::ostringstream buffer;
  std::ostream &sink = o.output.empty() ? out : buffer;
  if (o.format == "table-docx" || o.format == "table-pdf") {
    if (o.output.empty() && isatty(STDOUT_FILENO)) {
      err << "notice-audit: error: --format " << o.format << " is binary; give -o FILE or redirect standard output\n";
      return k_exit_usage;
    }
    sink << render_diff_table(diff, o.format == "table-docx" ? "docx" : "pdf");
  } else if (o.format == "json") {
    write_diff_json(sink, diff, write_options);
  } else if (o.format == "md") {
    write_diff_markdown(sink, diff, write_options);
  } else if (o.format == "table-html") {
    write_diff_table_html(sink, diff, write_options);
  } else {
    write_diff_text(sink, diff, write_options);
  }
  if (!o.output.empty()) {
    write_file_atomically(o.output, buffer.str(), inputs);
  }
  return diff_fails(diff, *policy) ? k_exit_findings : k_exit_clean;
}

} // namespace notice::cli
