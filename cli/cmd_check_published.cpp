#include "cmd_check_published.hpp"

#include "exit_codes.hpp"
#include "notice_ref.hpp"

#include "notice/document_text.hpp"
#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/published.hpp"
#include "notice/report.hpp"

#include <ostream>

namespace notice::cli {

CLI::App *add_check_published(CLI::App &app, CheckPublishedOptions &o) {
  CLI::App *cmd = app.add_subcommand(
      "check-published", "Compare a published copy (PDF, HTML, DOCX, text) with the notice in force and list every "
                         "difference");
  cmd->add_option("published", o.published, "The published copy: a PDF, an HTML page, a DOCX, Markdown or text file")
      ->required();
  cmd->add_option("notice", o.notice,
                  "The notice (YAML); NOTICE@YYYY-MM-DD compares with the revision in force on that date "
                  "(default: today)")
      ->required();
  cmd->add_option("-r,--revision", o.revision,
                  "The revision in force on this date (YYYY-MM-DD), when NOTICE names no @DATE");
  cmd->add_option("-f,--format", o.format, "Report format: text or json (default: text)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--read-as", o.read_as,
                  "Read the published copy as this format instead of guessing from its content and extension")
      ->check(CLI::IsMember({"text", "markdown", "html", "pdf", "docx"}));
  cmd->add_flag("--force", o.force, "Compare even a file that does not mention 個人情報 or 利用目的");
  return cmd;
}

int run_check_published(const CheckPublishedOptions &o, std::ostream &out, std::ostream &err) {
  // NOTICE[@DATE] as every subcommand names a revision (notice_ref.hpp); without a date, the
  // revision in force today in Japan.
  NoticeRef ref = parse_notice_ref(o.notice, o.revision);
  if (!ref.date) {
    ref.date = today_in_japan();
  }
  const Date date = *ref.date;
  const std::string &notice_path = ref.path;
  const Notice notice = load_usable(ref, err, lang_from_environment());
  const Revision *revision = &select_revision(notice, ref);

  ReadOptions read_options;
  if (!o.read_as.empty()) {
    read_options.format = parse_document_format(o.read_as);
  }
  const DocumentText published = read_document(o.published, read_options);
  if (!o.force && !looks_like_notice(published)) {
    const std::string lines = std::to_string(published.lines.size());
    throw Error(o.published + ": does not look like a purpose-of-use notice (no 個人情報 or 利用目的 in its " + lines +
                    " lines); give --force to compare it anyway",
                o.published + ": 利用目的の公表文に見えません（" + lines +
                    " 行に「個人情報」も「利用目的」もありません）。それでも比べるには --force を指定してください");
  }

  const std::vector<ExpectedLine> expected = expected_lines(notice, date);
  const PublishedComparison comparison = compare_published(published, expected);
  const PublishedReportContext context{notice_path, date, revision->effective};
  if (o.format == "json") {
    write_published_json(out, published, expected, comparison, context);
  } else {
    write_published_text(out, published, expected, comparison, context);
  }
  return comparison.same() ? k_exit_clean : k_exit_findings;
}

} // namespace notice::cli
