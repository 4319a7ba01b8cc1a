// Schema conformance of a parsed YAML tree, through valijson over a JSON copy of the tree.
#pragma once

#include "yaml_tree.hpp"

#include "notice/diagnostic.hpp"

#include <memory>
#include <vector>

namespace notice::detail {

/// A compiled schema, reused across files (valijson caches its regexes in it).
class SchemaChecker {
public:
  /// Compiles the embedded notice schema. Throws notice::Error if the embedded schema is broken.
  SchemaChecker();
  ~SchemaChecker();
  SchemaChecker(const SchemaChecker &) = delete;
  SchemaChecker &operator=(const SchemaChecker &) = delete;

  /// Checks `root` against the schema; findings get rule id `schema` and the positions of the
  /// offending YAML nodes.
  std::vector<Diagnostic> check(const YamlNode &root, const std::string &path);

  /// The process-wide checker (compiling the schema takes a while; do it once).
  static SchemaChecker &instance();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace notice::detail
