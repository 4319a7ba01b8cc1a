// Schema conformance of a parsed YAML tree, through valijson over a JSON copy of the tree.
#pragma once

#include "yaml_tree.hpp"

#include "notice/diagnostic.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace notice::detail {

/// The compiled schema, shared read-only by every thread; each thread validates with a validator of
/// its own (valijson's validator caches compiled regexes as it goes, so one cannot be shared).
class SchemaChecker {
public:
  ~SchemaChecker();
  SchemaChecker(const SchemaChecker &) = delete;
  SchemaChecker &operator=(const SchemaChecker &) = delete;

  /// Checks `root` against the schema; findings get rule id `schema` and the positions of the
  /// offending YAML nodes.
  /// Safe to call from several threads at once.
  std::vector<Diagnostic> check(const YamlNode &root, const std::string &path) const;

  /// The process-wide checker (compiling the schema takes a while; do it once). Thread-safe.
  static const SchemaChecker &instance();

  /// valijson's raw errors (path, sentence) for `root`, sorted: through our adapter and visits
  /// (`stock` false, what check() uses) or through valijson's own visits on a JSON copy of the tree
  /// (`stock` true). The unit tests compare the two on every fixture.
  std::vector<std::pair<std::string, std::string>> raw_errors(const YamlNode &root, bool stock) const;

private:
  /// Compiles the embedded notice schema. Throws notice::Error if the embedded schema is broken. Only
  /// instance() makes one: the compiled patterns are cached per constraint of this one schema.
  SchemaChecker();

  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace notice::detail
