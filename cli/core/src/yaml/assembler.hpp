// Building our YAML tree from parser events, whatever parser produces them. Every guarantee the
// loader gives about YAML lives here, so that it holds for any event parser behind parse_yaml():
// one document, duplicate and merge keys refused, only core tags, aliases within a node budget,
// bounded depth and scalar length, keys that are text, and quoted scalars kept as strings.
#pragma once

#include "../yaml_tree.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace notice::detail {

/// How a scalar was written; decides whether it may be read as a number, a boolean or null.
enum class ScalarStyle { plain, quoted, block };

/// Thrown by TreeAssembler at the first problem; the event adapter turns it into a YamlParse.
struct YamlStop {
  YamlProblem problem;
};

/// Receives parser events in document order (positions already converted to ours) and assembles
/// the tree. Tags are given resolved (`tag:yaml.org,2002:str`), `!` for the non-specific tag and
/// "" for none; anchors by name, "" for none. Every method throws YamlStop on a problem.
class TreeAssembler {
public:
  explicit TreeAssembler(const LoadLimits &limits) : m_limits(limits) {}

  void document_start(Position pos);
  void scalar(Position pos, std::string_view tag, std::string_view anchor, ScalarStyle style, std::string value);
  void alias(Position pos, std::string_view anchor);
  void sequence_start(Position pos, std::string_view tag, std::string_view anchor);
  void mapping_start(Position pos, std::string_view tag, std::string_view anchor);
  void collection_end();

  int documents() const { return m_documents; }
  /// The finished root; empty before the first document is complete.
  std::optional<YamlNode> &root() { return m_root; }

private:
  struct Frame {
    YamlNode node;
    std::string anchor;
    std::size_t count = 1; // nodes in this subtree, for the alias budget
    bool have_key = false;
    YamlKey key;
    std::unordered_set<std::string> seen; // keys so far, filled only for large mappings
  };

  void count_node(Position pos);
  void open(Position pos, std::string_view tag, std::string_view anchor, YamlNode::Kind kind,
            std::string_view core_name);
  void complete(YamlNode node, std::string_view anchor, std::size_t count);
  void add_key(Frame &parent, YamlNode node);

  const LoadLimits &m_limits;
  std::vector<Frame> m_stack;
  std::optional<YamlNode> m_root;
  std::unordered_map<std::string, std::pair<YamlNode, std::size_t>> m_anchors;
  std::size_t m_nodes = 0;
  int m_documents = 0;
};

} // namespace notice::detail
