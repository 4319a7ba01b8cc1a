#include "notice/git.hpp"

#include "notice/error.hpp"
#include "notice/process.hpp"

#include <filesystem>

namespace notice {
namespace {

std::string first_line(const std::string &text) {
  const auto end = text.find('\n');
  return text.substr(0, end);
}

} // namespace

std::string git_show_file(const std::string &revision, const std::string &path) {
  if (revision.empty() || revision.starts_with('-')) {
    throw Error("--git " + revision + ": not a revision name",
                "--git " + revision + ": リビジョンの名前ではありません");
  }
  const std::filesystem::path file(path);
  std::string directory = file.parent_path().string();
  if (directory.empty()) {
    directory = ".";
  }
  if (!std::filesystem::is_directory(directory)) {
    throw Error(path + ": no such directory: " + directory, path + ": ディレクトリ " + directory + " がありません");
  }
  ProcessOptions in_directory;
  in_directory.working_directory = directory;

  const ProcessResult prefix = run_process({"git", "rev-parse", "--show-prefix"}, in_directory);
  if (prefix.exit_code != 0) {
    throw Error(path + ": not inside a git work tree (" + first_line(prefix.err) +
                    "); --git compares a file in a repository with one of its commits",
                path + ": git の作業ツリーの中にありません（" + first_line(prefix.err) +
                    "）。--git はリポジトリ内のファイルをそのコミットと比べます");
  }
  const ProcessResult commit = run_process(
      {"git", "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"}, in_directory);
  if (commit.exit_code != 0) {
    throw Error("--git " + revision + ": no such revision in the repository of " + path +
                    " (try a branch, a tag or a commit id; `git log --oneline` lists commits)",
                "--git " + revision + ": " + path +
                    " のリポジトリにそのリビジョンはありません（ブランチ、タグ、コミット ID を指定してください。"
                    "`git log --oneline` でコミットの一覧を表示します）");
  }
  // `git rev-parse --show-prefix` gives the directory's path inside the repository, with a
  // trailing slash (empty at the top).
  std::string inside = first_line(prefix.out) + file.filename().string();
  const std::string object = revision + ":" + inside;
  const ProcessResult shown = run_process({"git", "cat-file", "blob", object}, in_directory);
  if (shown.exit_code != 0) {
    throw Error(path + ": did not exist at " + revision + " (as " + inside + " in the repository)",
                path + ": " + revision + " の時点では存在しませんでした（リポジトリ内の " + inside + "）");
  }
  return shown.out;
}

} // namespace notice
