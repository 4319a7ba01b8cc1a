// Our own YAML tree, built from parser events: libyaml's event parser in yaml_tree.cpp feeds the
// parser-neutral yaml/assembler.cpp. Building the tree from events lets us detect duplicate keys,
// budget alias expansion, refuse merge keys and several documents, cap depth and scalar length,
// and keep quoted scalars as strings — none of which a document loader offers.
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/load.hpp"
#include "notice/source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice::detail {

struct YamlNode;

/// A mapping key with its position.
struct YamlKey {
  std::string name;
  Position pos;
};

/// One node: null, scalar, sequence or mapping.
struct YamlNode {
  enum class Kind { null, scalar, sequence, mapping };

  Kind kind = Kind::null;
  Position pos;
  bool quoted = false;            ///< quoted, block or `!!str` scalar: always a string
  std::string scalar;             ///< the value of a scalar
  std::vector<YamlNode> children; ///< sequence items, or mapping values in key order
  std::vector<YamlKey> keys;      ///< mapping keys, parallel to `children`

  bool is_mapping() const { return kind == Kind::mapping; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_scalar() const { return kind == Kind::scalar; }

  /// The value under `key` of a mapping, or nullptr.
  const YamlNode *get(std::string_view key) const;
  /// The position of `key` in a mapping, or this node's position when absent.
  Position key_pos(std::string_view key) const;
};

/// A problem that stopped parsing, at a position in the file.
struct YamlProblem {
  std::string rule_id; ///< yaml-syntax, duplicate-key, merge-key, alias-budget, …
  Position pos;
  Message message;
};

/// The root node, or the problem that prevented building it.
struct YamlParse {
  std::optional<YamlNode> root;
  std::optional<YamlProblem> problem;
};

/// Parses `source`'s text (already checked to be UTF-8) as a single YAML document.
YamlParse parse_yaml(const Source &source, const LoadLimits &limits);

} // namespace notice::detail
