#include "cmd_init.hpp"

#include "exit_codes.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/output.hpp"
#include "notice/scaffold.hpp"

#include <unistd.h>

#include <filesystem>
#include <istream>
#include <ostream>

namespace notice::cli {

CLI::App *add_init(CLI::App &app, InitOptions &o) {
  CLI::App *cmd = app.add_subcommand("init", "Create a new notice (from the model list), notice-audit.toml and the "
                                             "schema in a directory, overwriting nothing");
  cmd->add_option("directory", o.directory, "Where to create the files (default: the current directory)");
  cmd->add_option("--insurer", o.insurer, "The society's name, e.g. 〇〇健康保険組合");
  cmd->add_option("--kind", o.kind,
                  "The kind of insurer, which decides the scaffold's words and lists: kenpo (default), "
                  "kokuho_kumiai, kyosai_national, kyosai_local, kyosai (docs/kinds.md lists them)");
  cmd->add_option("--effective", o.effective, "The date the first revision takes effect (YYYY-MM-DD)");
  cmd->add_option("--ci", o.ci, "Also create a CI recipe: .github/workflows/notice-audit.yml or .gitlab-ci.yml")
      ->check(CLI::IsMember({"github", "gitlab", "none"}));
  cmd->add_option("--file", o.file, "The notice's file name under notice/, without .yaml (default: notice)");
  return cmd;
}

namespace {

// Asks on a terminal; a script without the flag gets a usage error instead of a hang.
std::string ask(const std::string &value, const char *flag, const char *question, std::istream &in, std::ostream &out) {
  if (!value.empty()) {
    return value;
  }
  if (!isatty(STDIN_FILENO)) {
    throw Error(std::string(flag) + " is required when standard input is not a terminal");
  }
  out << question << ": " << std::flush;
  std::string answer;
  std::getline(in, answer);
  return answer;
}

} // namespace

int run_init(const InitOptions &o, std::istream &in, std::ostream &out, std::ostream &err) {
  namespace fs = std::filesystem;
  ScaffoldOptions options;
  options.kind = o.kind;
  options.file = o.file;
  options.ci = o.ci;
  options.insurer = ask(o.insurer, "--insurer", "組合の名称 (insurer name)", in, out);
  const std::string date = ask(o.effective, "--effective", "施行日 (effective date, YYYY-MM-DD)", in, out);
  const auto effective = parse_date(date);
  if (!effective) {
    err << "notice-audit: error: --effective " << escape_control(date) << ": not a date; write YYYY-MM-DD\n";
    return k_exit_usage;
  }
  options.effective = *effective;
  if (o.file.empty() || o.file.find('/') != std::string::npos) {
    err << "notice-audit: error: --file " << escape_control(o.file) << ": give a plain file name\n";
    return k_exit_usage;
  }
  const auto files = scaffold(options);
  std::vector<std::string> existing;
  for (const auto &f : files) {
    // lstat, not fs::exists: a dangling symbolic link is an existing entry too, and writing through
    // it would create a file wherever it points.
    if (entry_exists((fs::path(o.directory) / f.path).string())) {
      existing.push_back((fs::path(o.directory) / f.path).string());
    }
  }
  if (!existing.empty()) {
    err << "notice-audit: error: these files exist already; init overwrites nothing:\n";
    for (const auto &path : existing) {
      err << "  " << escape_control(path) << '\n';
    }
    return k_exit_usage;
  }
  for (const auto &f : files) {
    const fs::path target = fs::path(o.directory) / f.path;
    fs::create_directories(target.parent_path());
    write_file_atomically(target.string(), f.content);
    out << "created " << escape_control(target.string()) << '\n';
  }
  out << "next: edit " << escape_control((fs::path(o.directory) / "notice" / (o.file + ".yaml")).string())
      << ", then run notice-audit validate " << escape_control((fs::path(o.directory) / "notice").string()) << '\n';
  return k_exit_clean;
}

} // namespace notice::cli
