#include "assembler.hpp"

#include <algorithm>

namespace notice::detail {
namespace {

constexpr std::string_view k_core_tag = "tag:yaml.org,2002:";

[[noreturn]] void fail(std::string rule, Position pos, Message message) {
  throw YamlStop{YamlProblem{std::move(rule), pos, std::move(message)}};
}

bool is_core(std::string_view tag, std::string_view name) {
  return tag.size() == k_core_tag.size() + name.size() && tag.substr(0, k_core_tag.size()) == k_core_tag &&
         tag.substr(k_core_tag.size()) == name;
}

// The YAML core schema's spellings of null, for untagged plain scalars.
bool is_null_spelling(std::string_view value) {
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

constexpr std::string_view k_ideographic_space = "\xE3\x80\x80"; // U+3000

} // namespace

void TreeAssembler::document_start(Position pos) {
  if (++m_documents > 1) {
    fail("multiple-documents", pos,
         {"a second YAML document starts here; keep one notice per file (split the file at `---`)",
          "2つ目のYAML文書がここから始まります。1ファイルに1つの公表文にしてください（`---` で分割）"});
  }
}

void TreeAssembler::count_node(Position pos) {
  if (++m_nodes > m_limits.max_nodes) {
    fail("node-budget", pos,
         {"the document has more than " + std::to_string(m_limits.max_nodes) + " nodes; split it",
          "文書のノード数が " + std::to_string(m_limits.max_nodes) + " を超えています。分割してください"});
  }
}

void TreeAssembler::scalar(Position pos, std::string_view tag, std::string_view anchor, ScalarStyle style,
                           std::string value) {
  count_node(pos);
  if (value.size() > m_limits.max_scalar_bytes) {
    fail("scalar-too-long", pos,
         {"this value is " + std::to_string(value.size()) + " bytes long, more than the limit of " +
              std::to_string(m_limits.max_scalar_bytes) + "; split it into paragraphs or items",
          "この値は " + std::to_string(value.size()) + " バイトあり、上限 " +
              std::to_string(m_limits.max_scalar_bytes) + " バイトを超えています。段落や項目に分けてください"});
  }
  YamlNode node;
  node.pos = pos;
  if (tag.empty()) {
    node.quoted = style != ScalarStyle::plain;
  } else if (tag == "!" || is_core(tag, "str")) {
    node.quoted = true;
  } else if (is_core(tag, "int") || is_core(tag, "bool") || is_core(tag, "null")) {
    node.quoted = false;
  } else {
    const std::string shown(tag);
    fail("yaml-tag", pos,
         {"unsupported tag `" + shown + "`; remove it (only !!str, !!int, !!bool and !!null are read)",
          "対応していないタグ `" + shown + "` です。削除してください（読めるのは !!str, !!int, !!bool, !!null のみ）"});
  }
  if (tag.empty() && style == ScalarStyle::plain && is_null_spelling(value)) {
    node.kind = YamlNode::Kind::null;
  } else {
    node.kind = YamlNode::Kind::scalar;
    node.scalar = std::move(value);
  }
  complete(std::move(node), anchor, 1);
}

void TreeAssembler::alias(Position pos, std::string_view anchor) {
  const auto it = m_anchors.find(std::string(anchor));
  if (it == m_anchors.end()) {
    bool open = false;
    for (const Frame &frame : m_stack) {
      open = open || frame.anchor == anchor;
    }
    const std::string name(anchor);
    if (open) {
      fail("yaml-alias", pos,
           {"this alias refers to a node that contains it; aliases cannot be recursive",
            "このエイリアスは自分を含むノードを参照しています。エイリアスは再帰できません"});
    }
    fail("yaml-alias", pos,
         {"the alias `*" + name + "` refers to no anchor `&" + name + "` before it",
          "エイリアス `*" + name + "` が参照するアンカー `&" + name + "` がその前にありません"});
  }
  const std::size_t count = it->second.second;
  if (m_nodes + count > m_limits.max_nodes) {
    fail("alias-budget", pos,
         {"expanding this alias would make the document larger than " + std::to_string(m_limits.max_nodes) +
              " nodes; a notice needs no such repetition (is this an alias bomb?)",
          "このエイリアスを展開すると文書が " + std::to_string(m_limits.max_nodes) +
              " ノードを超えます。公表文にこのような繰り返しは不要です（エイリアス爆弾ではありませんか）"});
  }
  m_nodes += count;
  YamlNode copy = it->second.first;
  copy.pos = pos;
  complete(std::move(copy), {}, count);
}

void TreeAssembler::sequence_start(Position pos, std::string_view tag, std::string_view anchor) {
  open(pos, tag, anchor, YamlNode::Kind::sequence, "seq");
}

void TreeAssembler::mapping_start(Position pos, std::string_view tag, std::string_view anchor) {
  open(pos, tag, anchor, YamlNode::Kind::mapping, "map");
}

void TreeAssembler::open(Position pos, std::string_view tag, std::string_view anchor, YamlNode::Kind kind,
                         std::string_view core_name) {
  count_node(pos);
  if (!tag.empty() && tag != "!" && !is_core(tag, core_name)) {
    const std::string shown(tag);
    fail("yaml-tag", pos,
         {"unsupported tag `" + shown + "`; remove it", "対応していないタグ `" + shown + "` です。削除してください"});
  }
  if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
    fail("too-deep", pos,
         {"nesting deeper than " + std::to_string(m_limits.max_depth) +
              " levels; a notice is at most about 8 levels deep: check the indentation",
          "入れ子が " + std::to_string(m_limits.max_depth) +
              " 段を超えています。公表文は深くても8段程度です。インデントを確認してください"});
  }
  Frame frame;
  frame.node.kind = kind;
  frame.node.pos = pos;
  // A notice's mappings have a handful of keys: one allocation instead of four as they grow.
  constexpr std::size_t k_usual_size = 8;
  frame.node.children.reserve(k_usual_size);
  if (kind == YamlNode::Kind::mapping) {
    frame.node.keys.reserve(k_usual_size);
  }
  frame.anchor = anchor;
  m_stack.push_back(std::move(frame));
}

void TreeAssembler::collection_end() {
  Frame frame = std::move(m_stack.back());
  m_stack.pop_back();
  complete(std::move(frame.node), frame.anchor, frame.count);
}

void TreeAssembler::complete(YamlNode node, std::string_view anchor, std::size_t count) {
  if (!anchor.empty()) {
    m_anchors.insert_or_assign(std::string(anchor), std::pair{node, count});
  }
  if (m_stack.empty()) {
    m_root = std::move(node);
    return;
  }
  Frame &parent = m_stack.back();
  parent.count += count;
  if (parent.node.kind == YamlNode::Kind::sequence) {
    parent.node.children.push_back(std::move(node));
  } else if (!parent.have_key) {
    add_key(parent, std::move(node));
  } else {
    parent.node.keys.push_back(std::move(parent.key));
    parent.node.children.push_back(std::move(node));
    parent.have_key = false;
  }
}

void TreeAssembler::add_key(Frame &parent, YamlNode node) {
  if (node.kind != YamlNode::Kind::scalar) {
    fail("yaml-key", node.pos,
         {"a key must be plain text, not a list, mapping or null",
          "キーは文字列にしてください（リスト・マッピング・null は使えません）"});
  }
  if (!node.quoted && node.scalar == "<<") {
    fail("merge-key", node.pos,
         {"merge keys (`<<:`) are not supported; write the keys out (aliases `*name` still work)",
          "マージキー（`<<:`）には対応していません。キーを書き出してください（エイリアス `*name` は使えます）"});
  }
  // A line indented with full-width spaces reads as a key that starts with them.
  if (!node.quoted && node.scalar.compare(0, k_ideographic_space.size(), k_ideographic_space) == 0) {
    fail("yaml-syntax", Position{node.pos.line, 1},
         {"this line is indented with full-width spaces (U+3000, 全角スペース); indent with ordinary spaces",
          "この行は全角スペース（U+3000）で字下げされています。半角スペースで字下げしてください"});
  }
  // Notice mappings have a handful of keys: a scan beats hashing; a huge mapping gets a hash set.
  constexpr std::size_t k_scan_limit = 32;
  const std::vector<YamlKey> &keys = parent.node.keys;
  bool duplicate = false;
  if (keys.size() < k_scan_limit) {
    duplicate = std::any_of(keys.begin(), keys.end(), [&](const YamlKey &k) { return k.name == node.scalar; });
  } else {
    if (parent.seen.empty()) {
      for (const YamlKey &k : keys) {
        parent.seen.insert(k.name);
      }
    }
    duplicate = !parent.seen.insert(node.scalar).second;
  }
  if (duplicate) {
    const Position first = parent.node.key_pos(node.scalar);
    fail("duplicate-key", node.pos,
         {"duplicate key `" + node.scalar + "` (first at line " + std::to_string(first.line) +
              "); YAML keeps only one of them: remove or rename one",
          "キー `" + node.scalar + "` が重複しています（最初は " + std::to_string(first.line) +
              " 行目）。YAML ではどちらか一方しか残りません。削除するか名前を変えてください"});
  }
  parent.key = YamlKey{std::move(node.scalar), node.pos};
  parent.have_key = true;
}

} // namespace notice::detail
