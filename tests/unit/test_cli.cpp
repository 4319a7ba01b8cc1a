// The command line's own mechanisms: suggestions for typos, the extension of -o, the one rule of
// addressing a revision (FILE@DATE, --revision), and lists that do not eat positional arguments.
#include "cmd_diff.hpp"
#include "cmd_graph.hpp"
#include "cmd_validate.hpp"
#include "notice_ref.hpp"
#include "suggest.hpp"

#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/process.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace notice;
using namespace notice::cli;

namespace {

// The program's command line, as main builds it, for parsing tests.
struct Program {
  CLI::App app{"notice-audit", "notice-audit"};
  ValidateOptions validate;
  DiffCliOptions diff;
  GraphOptions graph;
  Program() {
    app.require_subcommand(1);
    app.set_version_flag("-V,--version", "notice-audit test");
    add_validate(app, validate);
    add_diff(app, diff);
    add_graph(app, graph);
  }
  void parse(std::vector<std::string> args) {
    std::reverse(args.begin(), args.end()); // CLI11 takes them last first
    app.parse(args);
  }
};

const std::string k_notice = std::string(NOTICE_SOURCE_DIR) + "/notice/acom-kenpo.yaml";

} // namespace

TEST_CASE("cli: edit distance counts a swap of neighbours as one") {
  CHECK(edit_distance("validate", "validate") == 0);
  CHECK(edit_distance("valdate", "validate") == 1);  // a missing letter
  CHECK(edit_distance("--fromat", "--format") == 1); // two letters swapped
  CHECK(edit_distance("rendr", "render") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("graph", "diff") == 5);
}

TEST_CASE("cli: closest suggests a near name, a unique prefix, or nothing") {
  const std::vector<std::string> subcommands{"validate", "render", "rules", "diff", "graph", "init", "schema"};
  CHECK(closest("valdate", subcommands) == "validate");
  CHECK(closest("grpah", subcommands) == "graph");
  CHECK(closest("rule", subcommands) == "rules");
  CHECK_FALSE(closest("publish", subcommands));
  CHECK_FALSE(closest("x", subcommands));
  const std::vector<std::string> options{"-f", "--format", "--fail-on", "-o", "--output"};
  CHECK(closest("--fromat", options) == "--format");
  CHECK(closest("--form", options) == "--format");
  CHECK(closest("--outptu", options) == "--output");
  CHECK(closest("--fa", options) == "--fail-on"); // the only option it begins
  CHECK_FALSE(closest("--colour-scheme", options));
}

TEST_CASE("cli: unknown subcommands and options are named before CLI11 parses") {
  Program p;
  CHECK(unknown_word(p.app, {"valdate", "x.yaml"}, Lang::en) ==
        "unknown subcommand `valdate`; did you mean `validate`?");
  CHECK(unknown_word(p.app, {"valdate"}, Lang::ja) == "不明なサブコマンド `valdate` です。`validate` のことですか？");
  CHECK(unknown_word(p.app, {"validate", "--fromat", "json", "x.yaml"}, Lang::en) ==
        "validate: unknown option --fromat; did you mean --format? (`notice-audit validate --help` lists the "
        "options)");
  CHECK(unknown_word(p.app, {"validate", "--fromat=json", "x.yaml"}, Lang::en)
            ->starts_with("validate: unknown option --fromat; did you mean --format?"));
  CHECK(unknown_word(p.app, {"diff", "-x", "a", "b"}, Lang::en)->starts_with("diff: unknown option -x"));
  // Values are skipped: `-o -` writes to standard output; a value may look like anything.
  CHECK_FALSE(unknown_word(p.app, {"graph", "-o", "-", "x.yaml"}, Lang::en));
  CHECK_FALSE(unknown_word(p.app, {"validate", "-qr", "2021-10-29", "x.yaml"}, Lang::en));
  CHECK_FALSE(unknown_word(p.app, {"graph", "--diff", "a.yaml", "b.yaml", "--party", "employer"}, Lang::en));
  CHECK_FALSE(unknown_word(p.app, {"diff", "--", "--odd-file-name.yaml"}, Lang::en));
  CHECK_FALSE(unknown_word(p.app, {"--version"}, Lang::en));
}

TEST_CASE("cli: lists take one value per occurrence and leave the positional arguments alone") {
  SECTION("--fail-on before OLD NEW") {
    Program p;
    p.parse({"diff", "--fail-on", "warning", "old.yaml", "new.yaml"});
    CHECK(p.diff.fail_on == std::vector<std::string>{"warning"});
    CHECK(p.diff.old_side == "old.yaml");
    CHECK(p.diff.new_side == "new.yaml");
  }
  SECTION("--fail-on=… and repeated, comma-separated") {
    Program p;
    p.parse({"diff", "--fail-on=warning", "old.yaml", "--fail-on", "diff/new-recipient,error", "new.yaml"});
    CHECK(p.diff.fail_on == std::vector<std::string>{"warning", "diff/new-recipient", "error"});
    CHECK(p.diff.old_side == "old.yaml");
    CHECK(p.diff.new_side == "new.yaml");
  }
  SECTION("after the positional arguments") {
    Program p;
    p.parse({"diff", "old.yaml", "new.yaml", "--fail-on", "warning"});
    CHECK(p.diff.fail_on == std::vector<std::string>{"warning"});
    CHECK(p.diff.new_side == "new.yaml");
  }
  SECTION("graph filters before FILE") {
    Program p;
    p.parse({"graph", "--party", "employer", "--purpose", "3", "notice.yaml"});
    CHECK(p.graph.parties == std::vector<std::string>{"employer"});
    CHECK(p.graph.purposes == std::vector<std::string>{"3"});
    CHECK(p.graph.path == "notice.yaml");
  }
  SECTION("validate --ignore before the files") {
    Program p;
    p.parse({"validate", "--ignore", "guideline-superseded", "a.yaml", "b.yaml"});
    CHECK(p.validate.ignore == std::vector<std::string>{"guideline-superseded"});
    CHECK(p.validate.paths == std::vector<std::string>{"a.yaml", "b.yaml"});
  }
}

TEST_CASE("cli: -o's extension names the format, and an unknown one is an error") {
  const std::vector<FormatExtension> table{{"txt", {".txt"}}, {"pdf", {".pdf"}}, {"docx", {".docx"}}};
  CHECK(format_for_output("notice.pdf", table) == "pdf");
  CHECK(format_for_output("NOTICE.PDF", table) == "pdf");
  CHECK_FALSE(format_for_output("", table));
  CHECK_FALSE(format_for_output("-", table));
  CHECK_FALSE(format_for_output("notice", table));
  try {
    format_for_output("out/notice.pfd", table);
    FAIL("no error");
  } catch (const Error &e) {
    CHECK(std::string(e.what()) == "-o out/notice.pfd: .pfd names no output format (.txt, .pdf, .docx); did you "
                                   "mean .pdf? give --format to write this name anyway");
    CHECK(e.message_ja().find(".pdf のことですか？") != std::string::npos);
  }
}

TEST_CASE("cli: FILE@DATE and --revision name the revision in force on a date, everywhere") {
  SECTION("parsing") {
    CHECK(parse_notice_ref("a.yaml", "").path == "a.yaml");
    CHECK_FALSE(parse_notice_ref("a.yaml", "").date);
    const NoticeRef dated = parse_notice_ref("a.yaml@2021-10-29", "");
    CHECK(dated.path == "a.yaml");
    CHECK(to_string(*dated.date) == "2021-10-29");
    CHECK(dated.label() == "a.yaml@2021-10-29");
    CHECK(to_string(*parse_notice_ref("a.yaml", "2021-09-01").date) == "2021-09-01");
    CHECK(parse_notice_ref("mail@example", "").path == "mail@example"); // not a date: part of the name
    CHECK_THROWS_WITH(parse_notice_ref("a.yaml@2021-13-01", ""),
                      "a.yaml@2021-13-01: `2021-13-01` is not a date; name a revision as FILE@YYYY-MM-DD");
    CHECK_THROWS_WITH(parse_notice_ref("a.yaml@2021-10-29", "2021-09-01"),
                      "a.yaml@2021-10-29 names a date and --revision 2021-09-01 another; give only one");
    CHECK_THROWS_WITH(parse_notice_ref("a.yaml", "10/29"), "--revision 10/29: not a date; write YYYY-MM-DD");
    NoticeRef committed = parse_notice_ref("a.yaml@2021-10-29", "", "main");
    CHECK(committed.label() == "main:a.yaml@2021-10-29");
  }
  SECTION("a date selects the revision in force on it, not only an exact effective date") {
    const Notice notice = *load_file(k_notice).notice;
    CHECK(to_string(select_revision(notice, parse_notice_ref("x@2021-09-01", "")).effective) == "2021-09-01");
    CHECK(to_string(select_revision(notice, parse_notice_ref("x@2021-10-28", "")).effective) == "2021-09-01");
    CHECK(to_string(select_revision(notice, parse_notice_ref("x@2030-01-01", "")).effective) == "2021-10-29");
    CHECK(to_string(select_revision(notice, parse_notice_ref("x", "")).effective) == "2021-10-29");
    CHECK_THROWS_WITH(select_revision(notice, parse_notice_ref("x@2020-01-01", "")),
                      "x: no revision is in force on 2020-01-01; its revisions are effective "
                      "2021-09-01, 2021-10-29");
    const Revision &latest = select_revision(notice, parse_notice_ref("x", ""));
    CHECK(to_string(previous_revision(notice, latest).effective) == "2021-09-01");
    CHECK_THROWS(previous_revision(notice, previous_revision(notice, latest)));
  }
}

TEST_CASE("cli: graph --git draws a file as committed, and --diff FILE --git compares it with the working tree") {
  namespace fs = std::filesystem;
  const fs::path repo = fs::temp_directory_path() / ("notice-audit-graph-git-" + std::to_string(::getpid()));
  fs::create_directories(repo);
  const std::string file = (repo / "notice.yaml").string();
  fs::copy_file(k_notice, file, fs::copy_options::overwrite_existing);
  const auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", repo.string(), "-c", "user.email=t@example.invalid", "-c", "user.name=t"});
    REQUIRE(run_process(args).exit_code == 0);
  };
  git({"init", "-q"});
  git({"add", "notice.yaml"});
  git({"commit", "-q", "-m", "published"});
  // The working tree renames a party: the committed copy still has the old name.
  {
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find("name: 事業主");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("name: 事業主").size(), "name: 事業主（勤務先）");
    std::ofstream(file) << text;
  }
  std::ostringstream out;
  std::ostringstream err;
  GraphOptions committed;
  committed.path = file;
  committed.git = "HEAD";
  committed.format = "dot";
  CHECK(run_graph(committed, out, err) == 0);
  CHECK(out.str().find("事業主（勤務先）") == std::string::npos);
  CHECK(out.str().find("事業主") != std::string::npos);

  GraphOptions changes;
  changes.diff = {file};
  changes.git = "HEAD";
  changes.format = "dot";
  std::ostringstream diff_out;
  CHECK(run_graph(changes, diff_out, err) == 0);
  CHECK(diff_out.str().find("変更点: HEAD 2021-10-29") != std::string::npos);
  CHECK(diff_out.str().find("事業主（勤務先）") != std::string::npos);
  fs::remove_all(repo);
}
