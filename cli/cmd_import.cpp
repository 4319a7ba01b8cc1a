#include "cmd_import.hpp"

#include "exit_codes.hpp"

#include "notice/document_text.hpp"
#include "notice/error.hpp"
#include "notice/import.hpp"
#include "notice/kinds.hpp"
#include "notice/output.hpp"
#include "notice/yaml_write.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <ostream>

namespace notice::cli {

namespace {

// The insurer kinds of schemas/kinds.yaml.
std::vector<std::string> kind_ids() {
  std::vector<std::string> ids;
  for (const auto &kind : insurer_kinds()) {
    ids.push_back(kind.id);
  }
  return ids;
}

} // namespace

CLI::App *add_import(CLI::App &app, ImportOptions &o) {
  CLI::App *cmd = app.add_subcommand(
      "import", "Read a published notice (text, Markdown, HTML, PDF, DOCX) into notice YAML, marking what was "
                "inferred and what a person must decide");
  cmd->add_option("file", o.file, "The published notice: a text, Markdown, HTML, PDF or DOCX file")->required();
  cmd->add_option("-o,--output", o.output, "Write the YAML to this file (default: standard output); never an input");
  cmd->add_option("--insurer", o.insurer, "The society's name, as it should appear under insurer.name");
  cmd->add_option("--kind", o.kind,
                  "Insurer kind of schemas/kinds.yaml: kenpo (default), kokuho_kumiai, kyosai_national, kyosai_local, "
                  "kyosai, other")
      ->check(CLI::IsMember(kind_ids()));
  cmd->add_option("--effective", o.effective,
                  "施行日 (YYYY-MM-DD) of the revision when the text prints no date (default: recorded as seen today)");
  cmd->add_option("--lang", o.lang, "Language of the notice (only ja)")->check(CLI::IsMember({"ja"}));
  cmd->add_option("--read-as", o.read_as, "Read the file as this format instead of guessing")
      ->check(CLI::IsMember({"text", "markdown", "html", "pdf", "docx"}));
  cmd->add_flag("--force", o.force, "Import even a file that does not mention 個人情報 or 利用目的");
  return cmd;
}

namespace {

Date today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

} // namespace

int run_import(const ImportOptions &o, std::ostream &out, std::ostream &err) {
  notice::ImportOptions options;
  options.insurer = o.insurer;
  options.kind = o.kind;
  // "Today" (the day a text without a date is recorded as seen): NOTICE_AUDIT_AS_OF, as validate reads it.
  options.today = today();
  if (const char *as_of = std::getenv("NOTICE_AUDIT_AS_OF"); as_of && *as_of) {
    if (auto d = parse_date(as_of)) {
      options.today = d;
    }
  }
  if (!o.effective.empty()) {
    options.effective = parse_date(o.effective);
    if (!options.effective) {
      err << "notice-audit: error: --effective " << o.effective << ": not a date; write YYYY-MM-DD\n";
      return k_exit_usage;
    }
  }
  ReadOptions read_options;
  if (!o.read_as.empty()) {
    read_options.format = parse_document_format(o.read_as);
  }
  DocumentText document;
  try {
    document = read_document(o.file, read_options);
  } catch (const Error &e) {
    err << "notice-audit: error: " << e.what() << '\n';
    return k_exit_usage;
  }
  if (!o.force && !looks_like_notice(document)) {
    err << "notice-audit: error: " << o.file << ": does not look like a purpose-of-use notice (no 個人情報 or "
        << "利用目的 in its " << document.lines.size() << " lines); give --force to import it anyway\n";
    return k_exit_usage;
  }
  ImportResult result;
  try {
    result = import_document(document, options);
  } catch (const Error &e) {
    err << "notice-audit: error: " << e.what() << '\n';
    return k_exit_usage;
  }
  YamlWriteOptions write_options;
  write_options.comments = &result.comments;
  const std::string yaml = write_notice_yaml(result.notice, write_options);
  if (o.output.empty()) {
    out << yaml;
  } else {
    write_file_atomically(o.output, yaml, {o.file});
  }
  for (const auto &w : result.warnings) {
    err << "notice-audit: import: " << w << '\n';
  }
  for (const auto &line : import_summary(result.counts)) {
    err << "notice-audit: import: " << line << '\n';
  }
  return k_exit_clean;
}

} // namespace notice::cli
