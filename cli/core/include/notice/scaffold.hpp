// The files `notice-audit init` creates for a society that starts keeping its notice as YAML.
#pragma once

#include "notice/date.hpp"

#include <string>
#include <vector>

namespace notice {

/// What the new notice is about.
struct ScaffoldOptions {
  std::string insurer;         ///< the society's name, e.g. 〇〇健康保険組合
  std::string kind = "kenpo";  ///< kenpo, kokuho_kumiai, kyosai, other
  Date effective;              ///< the date the first revision takes effect
  std::string file = "notice"; ///< the notice's file name under notice/, without .yaml
  std::string ci = "none";     ///< github, gitlab or none
};

/// One file to create, relative to the target directory.
struct ScaffoldFile {
  std::string path;
  std::string content;
};

/// The files of a new project: notice/<file>.yaml from the model list of purposes, the schema for
/// editors, notice-audit.toml, and the CI recipe asked for. Throws notice::Error for an empty
/// insurer name or a name with line breaks.
std::vector<ScaffoldFile> scaffold(const ScaffoldOptions &options);

} // namespace notice
