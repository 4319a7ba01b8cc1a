#include "notice/config.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/output.hpp"

#include <toml++/toml.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace notice {
namespace {

const std::initializer_list<std::string_view> k_top_keys = {"fail-on", "format", "rules", "suppress"};
const std::initializer_list<std::string_view> k_fail_levels = {"error", "warning", "info", "never"};
const std::initializer_list<std::string_view> k_formats = {"text",   "json",    "sarif",        "junit",
                                                           "github", "summary", "summary-json", "summary-html"};

[[noreturn]] void fail(const std::string &path, const toml::source_region &where, const std::string &message) {
  throw Error(escape_control(path) + ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column) +
              ": " + message);
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed) {
    if (a == value) {
      return true;
    }
  }
  return false;
}

std::string joined(std::initializer_list<std::string_view> values) {
  std::string out;
  for (auto v : values) {
    out += (out.empty() ? "" : ", ") + std::string(v);
  }
  return out;
}

std::string choice(const std::string &path, const toml::node &node, std::string_view key,
                   std::initializer_list<std::string_view> allowed) {
  const auto *value = node.as_string();
  if (!value || !one_of(value->get(), allowed)) {
    fail(path, node.source(), "`" + std::string(key) + "` must be one of " + joined(allowed));
  }
  return value->get();
}

std::string required_string(const std::string &path, const toml::table &table, std::string_view key,
                            bool may_be_absent) {
  const toml::node *node = table.get(key);
  if (!node) {
    if (may_be_absent) {
      return {};
    }
    fail(path, table.source(), "this [[suppress]] entry needs `" + std::string(key) + " = \"…\"`");
  }
  const auto *value = node->as_string();
  if (!value || (!may_be_absent && value->get().empty())) {
    fail(path, node->source(), "`" + std::string(key) + "` must be a non-empty string");
  }
  return value->get();
}

} // namespace

std::optional<std::filesystem::path> find_config(const std::filesystem::path &start) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (ec) {
    return std::nullopt;
  }
  while (true) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || (st.st_mode & S_IWOTH) != 0) {
      return std::nullopt; // unreadable, or anybody's: look no further
    }
    const auto candidate = dir / k_config_name;
    if (fs::is_regular_file(candidate, ec)) {
      // Relative to the current directory where possible: that is how users name files.
      return fs::proximate(candidate, ec);
    }
    if (fs::exists(dir / ".git", ec) || !dir.has_parent_path() || dir.parent_path() == dir) {
      return std::nullopt; // the repository's root (or the file system's)
    }
    dir = dir.parent_path();
  }
}

Config parse_config(const std::string &path, std::string_view text) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error &e) {
    fail(path, e.source(), std::string(e.description()));
  }
  Config config;
  config.path = path;
  for (const auto &[key, node] : table) {
    if (!one_of(key.str(), k_top_keys)) {
      fail(path, key.source(), "unknown key `" + escape_control(key.str()) + "`; known keys: " + joined(k_top_keys));
    }
  }
  if (const toml::node *node = table.get("fail-on")) {
    config.fail_on = choice(path, *node, "fail-on", k_fail_levels);
  }
  if (const toml::node *node = table.get("format")) {
    config.format = choice(path, *node, "format", k_formats);
  }
  if (const toml::node *node = table.get("rules")) {
    const auto *rules = node->as_table();
    if (!rules) {
      fail(path, node->source(), "`rules` must be a table: [rules] then `rule-id = \"warning\"` lines");
    }
    for (const auto &[key, value] : *rules) {
      const RuleInfo *rule = find_rule(key.str());
      if (!rule) {
        fail(path, key.source(), "unknown rule `" + escape_control(key.str()) + "`; `notice-audit rules` lists them");
      }
      if (!rule->configurable) {
        fail(path, key.source(),
             "rule `" + escape_control(key.str()) + "` reports an unreadable file and cannot be configured");
      }
      const std::string level = choice(path, value, key.str(), {"off", "info", "warning", "error"});
      // A former id configures the rule it became.
      config.rules.severity[std::string(rule->id)] = level == "off" ? std::nullopt : parse_severity(level);
    }
  }
  if (const toml::node *node = table.get("suppress")) {
    const auto *list = node->as_array();
    if (!list) {
      fail(path, node->source(), "`suppress` must be an array of tables: [[suppress]]");
    }
    for (const toml::node &entry : *list) {
      const auto *t = entry.as_table();
      if (!t) {
        fail(path, entry.source(), "each [[suppress]] entry must be a table");
      }
      for (const auto &[key, value] : *t) {
        if (!one_of(key.str(), {"rule", "path", "id", "reason"})) {
          fail(path, key.source(),
               "unknown key `" + escape_control(key.str()) +
                   "` in [[suppress]]; known keys: "
                   "rule, path, id, reason");
        }
      }
      ExternalSuppression s;
      s.rule = required_string(path, *t, "rule", false);
      if (!find_rule(s.rule)) {
        fail(path, t->get("rule")->source(),
             "unknown rule `" + escape_control(s.rule) + "`; `notice-audit rules` lists them");
      }
      s.path = required_string(path, *t, "path", true);
      s.element = required_string(path, *t, "id", true);
      s.reason = required_string(path, *t, "reason", false);
      config.rules.suppressions.push_back(std::move(s));
    }
  }
  return config;
}

Config load_config(const std::string &path) {
  const std::string shown = escape_control(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(shown + ": cannot read the configuration file");
  }
  const std::string text = read_at_most(in, k_max_config_bytes);
  if (in.bad()) {
    throw Error(shown + ": cannot read the configuration file");
  }
  if (text.size() > k_max_config_bytes) {
    throw Error(shown + ": larger than " + std::to_string(k_max_config_bytes >> 10) +
                " KiB; a configuration file is a few lines: is this the right file?");
  }
  return parse_config(path, text);
}

ConfigFinder::ConfigFinder(std::string explicit_path, bool disabled)
    : m_explicit(std::move(explicit_path)), m_disabled(disabled) {}

const Config &ConfigFinder::for_notice(const std::string &notice_path) {
  std::string config_path;
  if (!m_disabled && !m_explicit.empty()) {
    config_path = m_explicit;
  } else if (!m_disabled) {
    const std::string directory = std::filesystem::path(notice_path).parent_path().string();
    const auto known = m_by_directory.find(directory);
    if (known != m_by_directory.end()) {
      config_path = known->second;
    } else {
      const auto found = find_config(directory.empty() ? std::string(".") : directory);
      config_path = found ? found->string() : std::string();
      m_by_directory.emplace(directory, config_path);
    }
  }
  const auto loaded = m_loaded.find(config_path);
  if (loaded != m_loaded.end()) {
    return loaded->second;
  }
  return m_loaded.emplace(config_path, config_path.empty() ? Config{} : load_config(config_path)).first->second;
}

} // namespace notice
