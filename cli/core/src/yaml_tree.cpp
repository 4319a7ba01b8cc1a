#include "yaml_tree.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace notice::detail {

const YamlNode *YamlNode::get(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].name == key) {
      return &children[i];
    }
  }
  return nullptr;
}

Position YamlNode::key_pos(std::string_view key) const {
  for (const auto &k : keys) {
    if (k.name == key) {
      return k.pos;
    }
  }
  return pos;
}

namespace {

/// Thrown from the event handler to stop parsing at the first problem.
struct Stop {
  YamlProblem problem;
};

constexpr std::string_view k_core_tag = "tag:yaml.org,2002:";

class TreeBuilder : public YAML::EventHandler {
public:
  TreeBuilder(const Source &source, std::size_t offset, const LoadLimits &limits)
      : m_source(source), m_offset(offset), m_limits(limits) {}

  std::optional<YamlNode> &root() { return m_root; }
  int documents() const { return m_documents; }

  Position to_position(const YAML::Mark &mark) const {
    if (mark.is_null() || mark.pos < 0) {
      return {};
    }
    return m_source.position_of(m_offset + static_cast<std::size_t>(mark.pos));
  }

  void OnDocumentStart(const YAML::Mark &mark) override {
    if (++m_documents > 1) {
      fail("multiple-documents", mark,
           {"a second YAML document starts here; keep one notice per file (split the file at `---`)",
            "2つ目のYAML文書がここから始まります。1ファイルに1つの公表文にしてください（`---` で分割）"});
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    YamlNode node;
    node.pos = to_position(mark);
    complete(std::move(node), anchor, 1);
  }

  void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    const auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) {
      fail("yaml-alias", mark,
           {"this alias refers to a node that contains it; aliases cannot be recursive",
            "このエイリアスは自分を含むノードを参照しています。エイリアスは再帰できません"});
    }
    const std::size_t count = it->second.second;
    if (m_nodes + count > m_limits.max_nodes) {
      fail("alias-budget", mark,
           {"expanding this alias would make the document larger than " + std::to_string(m_limits.max_nodes) +
                " nodes; a notice needs no such repetition (is this an alias bomb?)",
            "このエイリアスを展開すると文書が " + std::to_string(m_limits.max_nodes) +
                " ノードを超えます。公表文にこのような繰り返しは不要です（エイリアス爆弾ではありませんか）"});
    }
    m_nodes += count;
    YamlNode copy = it->second.first;
    copy.pos = to_position(mark);
    complete(std::move(copy), 0, count);
  }

  void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                const std::string &value) override {
    count_node(mark);
    if (value.size() > m_limits.max_scalar_bytes) {
      fail("scalar-too-long", mark,
           {"this value is " + std::to_string(value.size()) + " bytes long, more than the limit of " +
                std::to_string(m_limits.max_scalar_bytes) + "; split it into paragraphs or items",
            "この値は " + std::to_string(value.size()) + " バイトあり、上限 " +
                std::to_string(m_limits.max_scalar_bytes) + " バイトを超えています。段落や項目に分けてください"});
    }
    YamlNode node;
    node.kind = YamlNode::Kind::scalar;
    node.pos = to_position(mark);
    node.scalar = value;
    if (tag == "?") {
      node.quoted = false;
    } else if (tag == "!" || tag == std::string(k_core_tag) + "str") {
      node.quoted = true;
    } else if (tag == std::string(k_core_tag) + "int" || tag == std::string(k_core_tag) + "bool" ||
               tag == std::string(k_core_tag) + "null") {
      node.quoted = false;
    } else {
      fail("yaml-tag", mark,
           {"unsupported tag `" + tag + "`; remove it (only !!str, !!int, !!bool and !!null are read)",
            "対応していないタグ `" + tag + "` です。削除してください（読めるのは !!str, !!int, !!bool, !!null のみ）"});
    }
    complete(std::move(node), anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YamlNode::Kind::sequence, "seq");
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YamlNode::Kind::mapping, "map");
  }
  void OnMapEnd() override { close(); }

private:
  struct Frame {
    YamlNode node;
    YAML::anchor_t anchor = 0;
    std::size_t count = 1; // nodes in this subtree, for the alias budget
    bool have_key = false;
    YamlKey key;
    std::unordered_set<std::string> seen;
  };

  [[noreturn]] void fail(std::string rule, const YAML::Mark &mark, Message message) const {
    throw Stop{YamlProblem{std::move(rule), to_position(mark), std::move(message)}};
  }
  [[noreturn]] void fail_at(std::string rule, Position pos, Message message) const {
    throw Stop{YamlProblem{std::move(rule), pos, std::move(message)}};
  }

  void count_node(const YAML::Mark &mark) {
    if (++m_nodes > m_limits.max_nodes) {
      fail("node-budget", mark,
           {"the document has more than " + std::to_string(m_limits.max_nodes) + " nodes; split it",
            "文書のノード数が " + std::to_string(m_limits.max_nodes) + " を超えています。分割してください"});
    }
  }

  void open(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, YamlNode::Kind kind,
            std::string_view core_name) {
    count_node(mark);
    if (tag != "?" && tag != "!" && tag != std::string(k_core_tag) + std::string(core_name)) {
      fail("yaml-tag", mark,
           {"unsupported tag `" + tag + "`; remove it", "対応していないタグ `" + tag + "` です。削除してください"});
    }
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
      fail("too-deep", mark,
           {"nesting deeper than " + std::to_string(m_limits.max_depth) +
                " levels; a notice is at most about 8 levels deep: check the indentation",
            "入れ子が " + std::to_string(m_limits.max_depth) +
                " 段を超えています。公表文は深くても8段程度です。インデントを確認してください"});
    }
    Frame frame;
    frame.node.kind = kind;
    frame.node.pos = to_position(mark);
    frame.anchor = anchor;
    m_stack.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    complete(std::move(frame.node), frame.anchor, frame.count);
  }

  void complete(YamlNode node, YAML::anchor_t anchor, std::size_t count) {
    if (anchor != 0) {
      m_anchors[anchor] = {node, count};
    }
    if (m_stack.empty()) {
      m_root = std::move(node);
      return;
    }
    Frame &parent = m_stack.back();
    parent.count += count;
    if (parent.node.kind == YamlNode::Kind::sequence) {
      parent.node.children.push_back(std::move(node));
      return;
    }
    if (!parent.have_key) {
      if (node.kind != YamlNode::Kind::scalar) {
        fail_at("yaml-key", node.pos,
                {"a key must be plain text, not a list, mapping or null",
                 "キーは文字列にしてください（リスト・マッピング・null は使えません）"});
      }
      if (!node.quoted && node.scalar == "<<") {
        fail_at("merge-key", node.pos,
                {"merge keys (`<<:`) are not supported; write the keys out (aliases `*name` still work)",
                 "マージキー（`<<:`）には対応していません。キーを書き出してください（エイリアス `*name` は使えます）"});
      }
      if (!parent.seen.insert(node.scalar).second) {
        Position first = parent.node.key_pos(node.scalar);
        fail_at("duplicate-key", node.pos,
                {"duplicate key `" + node.scalar + "` (first at line " + std::to_string(first.line) +
                     "); YAML keeps only one of them: remove or rename one",
                 "キー `" + node.scalar + "` が重複しています（最初は " + std::to_string(first.line) +
                     " 行目）。YAML ではどちらか一方しか残りません。削除するか名前を変えてください"});
      }
      parent.key = YamlKey{std::move(node.scalar), node.pos};
      parent.have_key = true;
      return;
    }
    parent.node.keys.push_back(std::move(parent.key));
    parent.node.children.push_back(std::move(node));
    parent.have_key = false;
  }

  const Source &m_source;
  std::size_t m_offset;
  const LoadLimits &m_limits;
  std::vector<Frame> m_stack;
  std::optional<YamlNode> m_root;
  std::unordered_map<YAML::anchor_t, std::pair<YamlNode, std::size_t>> m_anchors;
  std::size_t m_nodes = 0;
  int m_documents = 0;
};

} // namespace

YamlParse parse_yaml(const Source &source, const LoadLimits &limits) {
  std::string_view text = source.text();
  std::size_t offset = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") { // a UTF-8 byte order mark is harmless: skip it
    offset = 3;
  }
  std::istringstream stream{std::string(text.substr(offset))};
  TreeBuilder builder(source, offset, limits);
  YamlParse result;
  try {
    YAML::Parser parser(stream);
    if (parser.HandleNextDocument(builder)) {
      parser.HandleNextDocument(builder); // only to detect a second document
    }
  } catch (const Stop &stop) {
    result.problem = stop.problem;
    return result;
  } catch (const YAML::DeepRecursion &e) {
    result.problem = YamlProblem{"too-deep",
                                 builder.to_position(e.mark),
                                 {"nesting too deep for the YAML parser; check the brackets and indentation",
                                  "入れ子が深すぎます。括弧とインデントを確認してください"}};
    return result;
  } catch (const YAML::Exception &e) {
    result.problem = YamlProblem{
        "yaml-syntax", builder.to_position(e.mark), {"YAML syntax: " + e.msg, "YAML の構文エラー: " + e.msg}};
    return result;
  }
  if (builder.documents() == 0 || !builder.root() || builder.root()->kind == YamlNode::Kind::null) {
    result.problem = YamlProblem{"empty",
                                 Position{1, 1},
                                 {"the file is empty; a notice is a YAML mapping that starts with `schema: 1`",
                                  "ファイルが空です。公表文は `schema: 1` で始まる YAML のマッピングです"}};
    return result;
  }
  result.root = std::move(builder.root());
  return result;
}

} // namespace notice::detail
