// A valijson adapter over our own YAML tree, so that the schema is checked on the tree the loader
// built instead of on a JSON copy of it (the copy, with its sorted maps of strings, took a third of
// the schema check). The values it shows valijson are those of `scalar_value` (docs/format.md): a
// quoted scalar is a string; a plain one is null, a boolean, an integer or a string.
#pragma once

#include "yaml_tree.hpp"

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>
#include <valijson/internal/optional.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace notice::detail {

/// What a node is as a JSON value, by our scalar typing.
struct ScalarValue {
  enum class Type { null, boolean, integer, string, sequence, mapping };
  Type type = Type::null;
  bool boolean = false;
  long long integer = 0;
};

/// The JSON value of `node` (a scalar's type by docs/format.md; collections by their kind).
ScalarValue scalar_value(const YamlNode &node);

/// `node` as a JSON document (for `schema --to-json` and for freezing values).
nlohmann::json to_json(const YamlNode &node);

/// An empty node of `kind`, for valijson's default-constructed values.
template <YamlNode::Kind kind> const YamlNode &empty_node() {
  static const YamlNode node = [] {
    YamlNode n;
    n.kind = kind;
    return n;
  }();
  return node;
}

class YamlNodeAdapter;
class YamlNodeArrayIterator;
class YamlNodeMemberIterator;

using YamlNodeMember = std::pair<std::string, YamlNodeAdapter>;

class YamlNodeArray {
public:
  using const_iterator = YamlNodeArrayIterator;
  using iterator = YamlNodeArrayIterator;
  YamlNodeArray() : m_node(&empty_node<YamlNode::Kind::sequence>()) {}
  explicit YamlNodeArray(const YamlNode &node) : m_node(&node) {}
  YamlNodeArrayIterator begin() const;
  YamlNodeArrayIterator end() const;
  std::size_t size() const { return m_node->children.size(); }

private:
  const YamlNode *m_node;
};

class YamlNodeObject {
public:
  using const_iterator = YamlNodeMemberIterator;
  using iterator = YamlNodeMemberIterator;
  YamlNodeObject() : m_node(&empty_node<YamlNode::Kind::mapping>()) {}
  explicit YamlNodeObject(const YamlNode &node) : m_node(&node) {}
  YamlNodeMemberIterator begin() const;
  YamlNodeMemberIterator end() const;
  YamlNodeMemberIterator find(const std::string &name) const;
  std::size_t size() const { return m_node->children.size(); }

private:
  const YamlNode *m_node;
};

class YamlNodeValue {
public:
  YamlNodeValue() : m_node(&empty_node<YamlNode::Kind::mapping>()), m_value(scalar_value(*m_node)) {}
  explicit YamlNodeValue(const YamlNode &node) : m_node(&node), m_value(scalar_value(node)) {}

  valijson::adapters::FrozenValue *freeze() const {
    return new valijson::adapters::NlohmannJsonFrozenValue(to_json(*m_node));
  }
  opt::optional<YamlNodeArray> getArrayOptional() const {
    if (isArray()) {
      return opt::make_optional(YamlNodeArray(*m_node));
    }
    return {};
  }
  bool getArraySize(std::size_t &result) const {
    if (isArray()) {
      result = m_node->children.size();
      return true;
    }
    return false;
  }
  bool getBool(bool &result) const {
    if (isBool()) {
      result = m_value.boolean;
      return true;
    }
    return false;
  }
  static bool getDouble(double &) { return false; } // the format has no fractions
  bool getInteger(int64_t &result) const {
    if (isInteger()) {
      result = m_value.integer;
      return true;
    }
    return false;
  }
  opt::optional<YamlNodeObject> getObjectOptional() const {
    if (isObject()) {
      return opt::make_optional(YamlNodeObject(*m_node));
    }
    return {};
  }
  bool getObjectSize(std::size_t &result) const {
    if (isObject()) {
      result = m_node->children.size();
      return true;
    }
    return false;
  }
  bool getString(std::string &result) const {
    if (isString()) {
      result = m_node->scalar;
      return true;
    }
    return false;
  }
  static bool hasStrictTypes() { return true; }
  bool isArray() const { return m_value.type == ScalarValue::Type::sequence; }
  bool isBool() const { return m_value.type == ScalarValue::Type::boolean; }
  static bool isDouble() { return false; }
  bool isInteger() const { return m_value.type == ScalarValue::Type::integer; }
  bool isNull() const { return m_value.type == ScalarValue::Type::null; }
  bool isNumber() const { return isInteger(); }
  bool isObject() const { return m_value.type == ScalarValue::Type::mapping; }
  bool isString() const { return m_value.type == ScalarValue::Type::string; }

private:
  const YamlNode *m_node;
  ScalarValue m_value;
};

class YamlNodeAdapter : public valijson::adapters::BasicAdapter<YamlNodeAdapter, YamlNodeArray, YamlNodeMember,
                                                                YamlNodeObject, YamlNodeValue> {
public:
  YamlNodeAdapter() = default;
  explicit YamlNodeAdapter(const YamlNode &node) : BasicAdapter(YamlNodeValue(node)), m_node(&node) {}
  /// The text of a string value (check isString() first), without copying it.
  const std::string &scalar() const { return m_node->scalar; }
  /// The node itself (of a default-constructed adapter: nullptr).
  const YamlNode *node() const { return m_node; }

private:
  const YamlNode *m_node = nullptr;
};

class YamlNodeArrayIterator {
public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = YamlNodeAdapter;
  using difference_type = YamlNodeAdapter;
  using pointer = YamlNodeAdapter *;
  using reference = YamlNodeAdapter &;

  explicit YamlNodeArrayIterator(const YamlNode *at) : m_at(at) {}
  YamlNodeAdapter operator*() const { return YamlNodeAdapter(*m_at); }
  valijson::adapters::DerefProxy<YamlNodeAdapter> operator->() const {
    return valijson::adapters::DerefProxy<YamlNodeAdapter>(**this);
  }
  bool operator==(const YamlNodeArrayIterator &other) const { return m_at == other.m_at; }
  bool operator!=(const YamlNodeArrayIterator &other) const { return m_at != other.m_at; }
  const YamlNodeArrayIterator &operator++() {
    ++m_at;
    return *this;
  }
  YamlNodeArrayIterator &operator--() { // uniqueItems walks up to the second-to-last item
    --m_at;
    return *this;
  }
  YamlNodeArrayIterator operator++(int) {
    YamlNodeArrayIterator before(m_at);
    ++m_at;
    return before;
  }
  void advance(std::ptrdiff_t n) { m_at += n; }

private:
  const YamlNode *m_at;
};

class YamlNodeMemberIterator {
public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = YamlNodeMember;
  using difference_type = YamlNodeMember;
  using pointer = YamlNodeMember *;
  using reference = YamlNodeMember &;

  YamlNodeMemberIterator(const YamlNode *node, std::size_t index) : m_node(node), m_index(index) {}
  YamlNodeMember operator*() const { return {m_node->keys[m_index].name, YamlNodeAdapter(m_node->children[m_index])}; }
  valijson::adapters::DerefProxy<YamlNodeMember> operator->() const {
    return valijson::adapters::DerefProxy<YamlNodeMember>(**this);
  }
  bool operator==(const YamlNodeMemberIterator &other) const { return m_index == other.m_index; }
  bool operator!=(const YamlNodeMemberIterator &other) const { return m_index != other.m_index; }
  const YamlNodeMemberIterator &operator++() {
    ++m_index;
    return *this;
  }
  YamlNodeMemberIterator operator++(int) {
    YamlNodeMemberIterator before(m_node, m_index);
    ++m_index;
    return before;
  }

private:
  const YamlNode *m_node;
  std::size_t m_index;
};

inline YamlNodeArrayIterator YamlNodeArray::begin() const {
  return YamlNodeArrayIterator(m_node->children.data());
}
inline YamlNodeArrayIterator YamlNodeArray::end() const {
  return YamlNodeArrayIterator(m_node->children.data() + m_node->children.size());
}
inline YamlNodeMemberIterator YamlNodeObject::begin() const {
  return {m_node, 0};
}
inline YamlNodeMemberIterator YamlNodeObject::end() const {
  return {m_node, m_node->children.size()};
}
inline YamlNodeMemberIterator YamlNodeObject::find(const std::string &name) const {
  for (std::size_t i = 0; i < m_node->keys.size(); ++i) {
    if (m_node->keys[i].name == name) {
      return {m_node, i};
    }
  }
  return end();
}

} // namespace notice::detail

template <> struct valijson::adapters::AdapterTraits<notice::detail::YamlNodeAdapter> {
  using DocumentType = notice::detail::YamlNode;
  static std::string adapterName() { return "YamlNodeAdapter"; }
};
