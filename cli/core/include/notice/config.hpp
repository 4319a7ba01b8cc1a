// notice-audit.toml: the project's settings, found from each notice's directory upward.
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/rules.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
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

/// The largest notice-audit.toml read (checked before reading it).
inline constexpr std::size_t k_max_config_bytes = std::size_t{1} << 20;

/// The nearest notice-audit.toml in the directory `start` or one of its parents, or std::nullopt.
/// The search stops at the root of the repository (the first directory holding `.git`, which is
/// searched) and never enters a directory anyone may write to (mode o+w, such as /tmp), whose
/// files could come from anybody.
std::optional<std::filesystem::path> find_config(const std::filesystem::path &start);

/// Reads and checks a config file. Throws notice::Error naming `path:line:col` for a syntax
/// error, an unknown key, an unknown rule or a bad value, and naming `path` for a file larger than
/// k_max_config_bytes.
Config load_config(const std::string &path);

/// Parses config text as if read from `path`; same errors as load_config().
Config parse_config(const std::string &path, std::string_view text);

/// Which configuration applies to each notice of one run, as ruff and clang-tidy do it: the file
/// given with --config for every notice, none with --no-config, else the nearest one found by
/// find_config() from the notice's own directory. Each file is read once.
class ConfigFinder {
public:
  /// `explicit_path`: --config (empty: search); `disabled`: --no-config.
  ConfigFinder(std::string explicit_path, bool disabled);

  /// The configuration for the notice at `notice_path`; Config::path is empty when none applies.
  /// Throws as load_config() does.
  const Config &for_notice(const std::string &notice_path);

private:
  std::string m_explicit;
  bool m_disabled;
  std::map<std::string, Config, std::less<>> m_loaded;            // by config path; "" is no config
  std::map<std::string, std::string, std::less<>> m_by_directory; // notice directory → config path
};

} // namespace notice
