#include "notice_ref.hpp"

#include "notice/error.hpp"
#include "notice/git.hpp"
#include "notice/load.hpp"
#include "notice/report.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace notice::cli {
namespace {

std::string revision_list(const Notice &notice) {
  std::string out;
  for (const auto &r : notice.revisions) {
    out += (out.empty() ? "" : ", ") + to_string(r.effective);
  }
  return out;
}

} // namespace

std::string NoticeRef::label() const {
  return (git.empty() ? "" : git + ":") + path + (date ? "@" + to_string(*date) : "");
}

std::optional<Date> parse_revision_option(const std::string &revision) {
  if (revision.empty()) {
    return std::nullopt;
  }
  const auto date = parse_date(revision);
  if (!date) {
    throw Error("--revision " + revision + ": not a date; write YYYY-MM-DD",
                "--revision " + revision + ": 日付ではありません。YYYY-MM-DD の形で書いてください");
  }
  return date;
}

NoticeRef parse_notice_ref(const std::string &argument, const std::string &revision, const std::string &git) {
  NoticeRef ref{argument, parse_revision_option(revision), git};
  const auto at = argument.rfind('@');
  if (at == std::string::npos || at == 0) {
    return ref;
  }
  const std::string suffix = argument.substr(at + 1);
  const bool date_like = !suffix.empty() && std::all_of(suffix.begin(), suffix.end(),
                                                        [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  std::error_code ec;
  if (!date_like || (git.empty() && std::filesystem::exists(argument, ec))) {
    return ref;
  }
  const auto date = parse_date(suffix);
  if (!date) {
    throw Error(argument + ": `" + suffix + "` is not a date; name a revision as FILE@YYYY-MM-DD",
                argument + ": `" + suffix + "` は日付ではありません。改正版は FILE@YYYY-MM-DD の形で指定してください");
  }
  if (ref.date) {
    throw Error(argument + " names a date and --revision " + revision + " another; give only one",
                argument + " と --revision " + revision +
                    " の両方で日付が指定されています。どちらか一方にしてください");
  }
  ref.path = argument.substr(0, at);
  ref.date = date;
  return ref;
}

Notice load_usable(const NoticeRef &ref, std::ostream &err, Lang lang) {
  LoadResult loaded =
      ref.git.empty() ? load_file(ref.path) : load_text(ref.git + ":" + ref.path, git_show_file(ref.git, ref.path));
  const bool broken = !loaded.notice || std::any_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                                                    [](const Diagnostic &d) { return d.severity == Severity::error; });
  if (!broken) {
    return std::move(*loaded.notice);
  }
  std::vector<Diagnostic> errors;
  std::copy_if(loaded.diagnostics.begin(), loaded.diagnostics.end(), std::back_inserter(errors),
               [](const Diagnostic &d) { return d.severity == Severity::error; });
  sort_diagnostics(errors);
  const std::string path = loaded.source ? loaded.source->path() : ref.path;
  ReportOptions options;
  options.summary = false;
  options.lang = lang;
  write_report(err, ReportFormat::text, {FileReport{path, loaded.source, errors}}, options);
  throw Error(path + " is not a usable notice; fix the errors above (`notice-audit validate " + ref.path + "`)",
              path + " は使える公表文ではありません。上のエラーを直してください（`notice-audit validate " + ref.path +
                  "`）");
}

const Revision &select_revision(const Notice &notice, const NoticeRef &ref) {
  const std::string name = (ref.git.empty() ? "" : ref.git + ":") + ref.path;
  if (notice.revisions.empty()) {
    throw Error(name + ": the notice lists no revision", name + ": 改正版（revisions）がありません");
  }
  const Revision *found = ref.date ? revision_at(notice, *ref.date) : latest_revision(notice);
  if (found == nullptr) {
    throw Error(name + ": no revision is in force on " + to_string(*ref.date) + "; its revisions are effective " +
                    revision_list(notice),
                name + ": " + to_string(*ref.date) + " に施行中の改正版はありません。改正版の施行日は " +
                    revision_list(notice) + " です");
  }
  return *found;
}

const Revision &previous_revision(const Notice &notice, const Revision &revision) {
  const Revision *found = nullptr;
  for (const auto &r : notice.revisions) {
    if (r.effective < revision.effective && (found == nullptr || found->effective < r.effective)) {
      found = &r;
    }
  }
  if (found == nullptr) {
    throw Error(notice.path + ": the revision effective " + to_string(revision.effective) +
                    " is its first, with none before it to compare (its revisions are effective " +
                    revision_list(notice) + "); name two sides: OLD NEW",
                notice.path + ": " + to_string(revision.effective) +
                    " 施行の改正版が最初の版で、比べる前の版がありません（改正版の施行日: " + revision_list(notice) +
                    "）。OLD NEW の二つを指定してください");
  }
  return *found;
}

} // namespace notice::cli
