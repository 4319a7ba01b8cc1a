#include "cmd_diff.hpp"

#include "exit_codes.hpp"
#include "notice_ref.hpp"
#include "suggest.hpp"
#include "version.hpp"

#include "notice/diff.hpp"
#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/git.hpp"
#include "notice/load.hpp"
#include "notice/output.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <sstream>

namespace notice::cli {

CLI::App *add_diff(CLI::App &app, DiffCliOptions &o) {
  CLI::App *cmd = app.add_subcommand(
      "diff", "Compare two revisions of a notice: what changed, and which changes need legal review");
  cmd->add_option("old", o.old_side,
                  "OLD: a notice file, or FILE@YYYY-MM-DD for the revision in force on that date. Given alone, "
                  "that revision (or the latest) is compared with the one before it; with --git, FILE as "
                  "committed at REV is compared with the working tree")
      ->required();
  cmd->add_option("new", o.new_side, "NEW: a notice file, or FILE@YYYY-MM-DD");
  cmd->add_option("-r,--revision", o.revision,
                  "The revision in force on this date (YYYY-MM-DD) of every FILE that names no @DATE");
  cmd->add_option("--git", o.git,
                  "Compare FILE as committed at this git revision (branch, tag, commit) with the "
                  "working tree: what a pull request changes");
  cmd->add_option("-f,--format", o.format, "Output format (default: from the extension of --output, else text)")
      ->check(CLI::IsMember({"text", "json", "md", "table-html", "table-docx", "table-pdf"}));
  cmd->add_option("--fail-on", o.fail_on,
                  "Exit with status 1 when a change is at or above this severity (error, warning, info; never) or "
                  "of these change classes (diff/new-recipient, …); comma-separated or repeated")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->capture_default_str();
  cmd->add_option("-o,--output", o.output, "Write the report to this file (atomically) instead of standard output");
  cmd->add_option("--lang", o.lang,
                  "Language of the report and messages (default: ja under a Japanese locale, else en; json "
                  "carries both)")
      ->check(CLI::IsMember({"en", "ja"}));
  cmd->add_option("--color", o.color, "Colour the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_flag("--force", o.force, "Compare notices of different insurers anyway");
  return cmd;
}

namespace {

const std::vector<FormatExtension> k_extensions{
    {"text", {".txt", ".text"}},       {"json", {".json"}},       {"md", {".md", ".markdown"}},
    {"table-html", {".html", ".htm"}}, {"table-docx", {".docx"}}, {"table-pdf", {".pdf"}},
};

std::string say(Lang lang, const std::string &en, const std::string &ja) {
  return lang == Lang::ja ? ja : en;
}

// One side ready to compare: the view of the chosen revision, and the words naming it.
struct Side {
  Notice view;
  std::string label;
  std::string path;
};

// Labelled as the user named it; a revision the command chose itself (one FILE) or found in force
// on the date given is named by its effective date.
Side side_of(const Notice &notice, const NoticeRef &ref, const Revision &revision, bool name_revision = false) {
  NoticeRef shown = ref;
  if (name_revision || shown.date) {
    shown.date = revision.effective;
  }
  return {at(notice, revision.effective), shown.label(), notice.path};
}

// Why the exit status is 1: the findings that meet the policy, for a report the terminal does not show.
std::string failure_reason(const Diff &diff, const DiffFailPolicy &policy, const std::vector<std::string> &fail_on,
                           const std::string &output, Lang lang) {
  std::vector<std::string> hits;
  for (const auto &change : diff.changes) {
    for (const auto &f : change.findings) {
      const bool by_severity = policy.severity && f.severity >= *policy.severity;
      const bool by_class = std::find(policy.rules.begin(), policy.rules.end(), f.rule_id) != policy.rules.end();
      if (by_severity || by_class) {
        hits.push_back(std::string(lang == Lang::ja ? label_ja(change.element) : to_string(change.element)) + " " +
                       change.id() + ": " + f.rule_id + say(lang, " (", "（") +
                       std::string(severity_name(f.severity, lang)) + say(lang, ")", "）"));
      }
    }
  }
  std::string fail_list;
  for (const auto &v : fail_on) {
    fail_list += (fail_list.empty() ? "" : ",") + v;
  }
  std::string listed;
  for (std::size_t i = 0; i < hits.size() && i < 3; ++i) {
    listed += (i ? say(lang, "; ", "、") : "") + hits[i];
  }
  if (hits.size() > 3) {
    listed += say(lang, "; and " + std::to_string(hits.size() - 3) + " more",
                  "、ほか " + std::to_string(hits.size() - 3) + " 件");
  }
  const std::string where =
      output.empty() ? "" : say(lang, " The report is in " + output + ".", "報告は " + output + " にあります。");
  return say(lang,
             "notice-audit: diff: exit status 1: " + std::to_string(hits.size()) + " finding" +
                 (hits.size() == 1 ? "" : "s") + " meet --fail-on " + fail_list + ": " + listed + "." + where,
             "notice-audit: diff: --fail-on " + fail_list + " に該当する指摘が " + std::to_string(hits.size()) +
                 " 件あるため終了ステータスは 1 です: " + listed + "。" + where) +
         '\n';
}

} // namespace

int run_diff(const DiffCliOptions &o, std::ostream &out, std::ostream &err) {
  const Lang lang = o.lang.empty() ? lang_from_environment() : parse_lang(o.lang).value_or(Lang::en);
  std::string policy_error;
  const auto policy = parse_diff_fail_policy(o.fail_on, policy_error);
  if (!policy) {
    std::string bad;
    for (const auto &value : o.fail_on) {
      std::string ignored;
      if (!parse_diff_fail_policy({value}, ignored)) {
        bad = value;
      }
    }
    err << "notice-audit: error: "
        << say(lang, policy_error,
               "--fail-on " + bad +
                   ": 重大度（error, warning, info, never）でも変更の種類でもありません。種類の一覧は docs/diff.md "
                   "にあります")
        << '\n';
    return k_exit_usage;
  }
  const std::string format = o.format.empty() ? format_for_output(o.output, k_extensions).value_or("text") : o.format;

  std::optional<Side> old_side;
  std::optional<Side> new_side;
  std::vector<std::string> inputs;
  if (!o.git.empty()) {
    if (!o.new_side.empty()) {
      throw Error("--git " + o.git + " takes one FILE, compared with itself at " + o.git,
                  "--git " + o.git + " には FILE を一つだけ指定します（" + o.git + " の時点の同じファイルと比べます）");
    }
    const NoticeRef current = parse_notice_ref(o.old_side, o.revision);
    NoticeRef committed = current;
    committed.git = o.git;
    const Notice current_notice = load_usable(current, err, lang);
    const Notice committed_notice = load_usable(committed, err, lang);
    old_side = side_of(committed_notice, committed, select_revision(committed_notice, committed));
    new_side = side_of(current_notice, current, select_revision(current_notice, current));
    inputs.push_back(current.path);
  } else if (o.new_side.empty()) {
    const NoticeRef ref = parse_notice_ref(o.old_side, o.revision);
    const Notice notice = load_usable(ref, err, lang);
    const Revision &newer = select_revision(notice, ref);
    old_side = side_of(notice, ref, previous_revision(notice, newer), true);
    new_side = side_of(notice, ref, newer, true);
    inputs.push_back(ref.path);
  } else {
    const NoticeRef old_ref = parse_notice_ref(o.old_side, o.revision);
    const NoticeRef new_ref = parse_notice_ref(o.new_side, o.revision);
    const Notice old_notice = load_usable(old_ref, err, lang);
    const Notice new_notice = old_ref.path == new_ref.path ? old_notice : load_usable(new_ref, err, lang);
    old_side = side_of(old_notice, old_ref, select_revision(old_notice, old_ref));
    new_side = side_of(new_notice, new_ref, select_revision(new_notice, new_ref));
    inputs = {old_ref.path, new_ref.path};
  }

  const Insurer &old_insurer = old_side->view.insurer;
  const Insurer &new_insurer = new_side->view.insurer;
  if (!o.force && old_insurer.name.value != new_insurer.name.value) {
    throw Error(old_side->label + " and " + new_side->label + " are the notices of different insurers (" +
                    old_insurer.name.value + ", " + new_insurer.name.value + "); pass --force to compare them anyway",
                old_side->label + " と " + new_side->label + " は別の保険者の公表文です（" + old_insurer.name.value +
                    "、" + new_insurer.name.value + "）。それでも比べるには --force を指定してください");
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
  write_options.lang = lang;
  write_options.color = o.color == "always" || (o.color == "auto" && o.output.empty() && format == "text" &&
                                                isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
  std::ostringstream buffer;
  std::ostream &sink = o.output.empty() ? out : buffer;
  if (format == "table-docx" || format == "table-pdf") {
    if (o.output.empty() && isatty(STDOUT_FILENO)) {
      throw Error("--format " + format + " is binary; give -o FILE or redirect standard output",
                  "--format " + format + " はバイナリです。-o FILE を指定するか標準出力をリダイレクトしてください");
    }
    sink << render_diff_table(diff, format == "table-docx" ? "docx" : "pdf");
  } else if (format == "json") {
    write_diff_json(sink, diff, write_options);
  } else if (format == "md") {
    write_diff_markdown(sink, diff, write_options);
  } else if (format == "table-html") {
    write_diff_table_html(sink, diff, write_options);
  } else {
    write_diff_text(sink, diff, write_options);
  }
  if (!o.output.empty()) {
    write_file_atomically(o.output, buffer.str(), inputs);
  }
  if (!diff_fails(diff, *policy)) {
    return k_exit_clean;
  }
  if (!o.output.empty() || (format != "text" && format != "md")) {
    out.flush();
    err << failure_reason(diff, *policy, o.fail_on, o.output, lang);
  }
  return k_exit_findings;
}

} // namespace notice::cli
