// notice-audit.toml: the project's settings, found from the current directory upward.
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/rules.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace notice {

/// The settings a notice-audit.toml may hold. Absent keys keep the command-line defaults.
struct Config {
  std::string path;                   ///< the file it came from; empty when none was found
  std::optional<std::string> fail_on; ///< "error", "warning", "info" or "never"
  std::optional<std::string> format;  ///< default --format of validate
  RuleOptions rules;                  ///< rule severities, disabled rules and suppressions
};

/// The file name searched for.
inline constexpr const char *k_config_name = "notice-audit.toml";

/// The nearest notice-audit.toml in `start` or one of its parents, or std::nullopt.
std::optional<std::filesystem::path> find_config(const std::filesystem::path &start);

/// Reads and checks a config file. Throws notice::Error naming `path:line:col` for a syntax
/// error, an unknown key, an unknown rule or a bad value.
Config load_config(const std::string &path);

/// Parses config text as if read from `path`; same errors as load_config().
Config parse_config(const std::string &path, std::string_view text);

} // namespace notice
