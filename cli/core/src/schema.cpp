#include "notice/schema.hpp"

#include "pattern.hpp"
#include "schema_check.hpp"
#include "utf8.hpp"
#include "yaml_schema_adapter.hpp"

#include "notice/error.hpp"

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

// Five of valijson's visits, done faster on our tree with the same outcome, the same sentences and
// the same error contexts (valijson 1.0, the version Debian 12 ships): tests/unit/test_schema_check.cpp
// compares them with valijson's own visits error for error, tests/unit/test_load.cpp tries each limit
// on both sides.
// valijson matches `pattern` with std::regex, which took a fifth of the schema check and recurses once
// per character; minLength and maxLength copied each text and decoded it to count code points;
// properties and items copied the path of every value, and each key, even when no error is wanted.
namespace valijson {

namespace {

// The context of a child value: the path to it, needed only when errors are collected.
std::vector<std::string> child_context(const ValidationResults *results, const std::vector<std::string> &context,
                                       const std::string &step) {
  if (!results) {
    return {};
  }
  std::vector<std::string> out(context);
  out.push_back("[" + step + "]");
  return out;
}

} // namespace

template <>
bool ValidationVisitor<notice::detail::YamlNodeAdapter>::visit(const constraints::PropertiesConstraint &constraint) {
  if (!m_target.isObject()) {
    return true;
  }
  const notice::detail::YamlNode &node = *m_target.node();
  const std::size_t size = node.keys.size();
  std::vector<char> matched(size, 0);
  bool validated = true;
  // Validates member `i` against `subschema`, which applies to it by its `kind` ("property name" or
  // "pattern") `name`; the sentence is built only for an error.
  const auto check_member = [&](std::size_t i, const Subschema &subschema, const char *kind, std::string_view name) {
    matched[i] = 1;
    ValidationVisitor child(notice::detail::YamlNodeAdapter(node.children[i]),
                            child_context(m_results, m_context, node.keys[i].name), m_strictTypes, m_results,
                            m_regexesCache);
    if (child.validateSchema(subschema)) {
      return true;
    }
    if (m_results) {
      m_results->pushError(m_context, std::string("Failed to validate against schema associated with ") + kind + " '" +
                                          std::string(name) + "'.");
    }
    validated = false;
    return false;
  };
  // `properties`, in the schema's order; a failure stops here unless errors are collected.
  constraint.applyToProperties([&](const auto &name, const Subschema *subschema) {
    const std::string_view key(name.c_str());
    for (std::size_t i = 0; i < size; ++i) {
      if (node.keys[i].name == key) {
        return check_member(i, *subschema, "property name", key) || m_results != nullptr;
      }
    }
    return true;
  });
  if (!validated && !m_results) {
    return false;
  }
  // `patternProperties`: every key the pattern matches; the first failure stops the pattern.
  constraint.applyToPatternProperties([&](const auto &pattern, const Subschema *subschema) {
    const notice::detail::Pattern compiled{std::string_view(pattern.c_str())};
    for (std::size_t i = 0; i < size; ++i) {
      if (compiled.search(node.keys[i].name) && !check_member(i, *subschema, "pattern", pattern.c_str())) {
        return false;
      }
    }
    return true;
  });
  const Subschema *additional = constraint.getAdditionalPropertiesSubschema();
  if (!additional) {
    for (std::size_t i = 0; i < size; ++i) {
      if (!matched[i]) {
        if (m_results) {
          m_results->pushError(m_context, "Object contains a property that could not be validated using "
                                          "'properties' or 'additionalProperties' constraints: '" +
                                              node.keys[i].name + "'.");
        }
        return false;
      }
    }
    return validated;
  }
  for (std::size_t i = 0; i < size; ++i) {
    if (!matched[i]) {
      ValidationVisitor child(notice::detail::YamlNodeAdapter(node.children[i]),
                              child_context(m_results, m_context, node.keys[i].name), m_strictTypes, m_results,
                              m_regexesCache);
      if (!child.validateSchema(*additional)) {
        if (m_results) {
          m_results->pushError(m_context, "Failed to validate against additional properties schema");
        }
        validated = false;
      }
    }
  }
  return validated;
}

template <>
bool ValidationVisitor<notice::detail::YamlNodeAdapter>::visit(const constraints::SingularItemsConstraint &constraint) {
  const Subschema *items = constraint.getItemsSubschema();
  if (!m_target.isArray() || !items) {
    return true;
  }
  const notice::detail::YamlNode &node = *m_target.node();
  bool validated = true;
  for (std::size_t index = 0; index < node.children.size(); ++index) {
    ValidationVisitor child(notice::detail::YamlNodeAdapter(node.children[index]),
                            child_context(m_results, m_context, std::to_string(index)), m_strictTypes, m_results,
                            m_regexesCache);
    if (!child.validateSchema(*items)) {
      if (!m_results) {
        return false;
      }
      m_results->pushError(m_context, "Failed to validate item #" + std::to_string(index) + " in array.");
      validated = false;
    }
  }
  return validated;
}

template <>
bool ValidationVisitor<notice::detail::YamlNodeAdapter>::visit(const constraints::PatternConstraint &constraint) {
  if (!m_target.isString()) {
    return true;
  }
  // One compiled pattern per constraint of the compiled schema, per thread: there is one schema
  // (SchemaChecker::instance), which lives as long as the process, and its patterns are few.
  thread_local std::unordered_map<const constraints::PatternConstraint *, std::unique_ptr<notice::detail::Pattern>>
      compiled;
  auto &pattern = compiled[&constraint];
  if (!pattern) {
    pattern = std::make_unique<notice::detail::Pattern>(constraint.getPattern<std::string::allocator_type>());
  }
  if (pattern->search(m_target.scalar())) {
    return true;
  }
  if (m_results) {
    m_results->pushError(m_context, "Failed to match regex specified by 'pattern' constraint.");
  }
  return false;
}

template <>
bool ValidationVisitor<notice::detail::YamlNodeAdapter>::visit(const constraints::MaxLengthConstraint &constraint) {
  if (!m_target.isString()) {
    return true;
  }
  const uint64_t max_length = constraint.getMaxLength();
  const std::string &text = m_target.scalar();
  if (text.size() <= max_length || notice::detail::count_code_points(text) <= max_length) {
    return true;
  }
  if (m_results) {
    m_results->pushError(m_context,
                         "String should be no more than " + std::to_string(max_length) + " characters in length.");
  }
  return false;
}

template <>
bool ValidationVisitor<notice::detail::YamlNodeAdapter>::visit(const constraints::MinLengthConstraint &constraint) {
  if (!m_target.isString()) {
    return true;
  }
  const uint64_t min_length = constraint.getMinLength();
  const std::string &text = m_target.scalar();
  // A character is at most 4 bytes.
  if (text.size() >= 4 * min_length || notice::detail::count_code_points(text) >= min_length) {
    return true;
  }
  if (m_results) {
    m_results->pushError(m_context,
                         "String should be no fewer than " + std::to_string(min_length) + " characters in length.");
  }
  return false;
}

} // namespace valijson

namespace notice {
namespace detail {
extern const std::string_view k_notice_schema_json;
} // namespace detail

std::string_view notice_schema_json() {
  return detail::k_notice_schema_json;
}

namespace detail {

ScalarValue scalar_value(const YamlNode &node) {
  ScalarValue v;
  switch (node.kind) {
  case YamlNode::Kind::null:
    return v;
  case YamlNode::Kind::sequence:
    v.type = ScalarValue::Type::sequence;
    return v;
  case YamlNode::Kind::mapping:
    v.type = ScalarValue::Type::mapping;
    return v;
  case YamlNode::Kind::scalar:
    break;
  }
  v.type = ScalarValue::Type::string;
  if (node.quoted) {
    return v;
  }
  // Our scalar typing (docs/format.md): quoted stays string; plain true/false, integers, null. valijson
  // asks once per constraint, so most texts are told by their first byte.
  const std::string &s = node.scalar;
  if (s.empty()) {
    v.type = ScalarValue::Type::null;
    return v;
  }
  const char c = s[0];
  if ((c == 'n' || c == 'N' || c == '~') && (s == "null" || s == "Null" || s == "NULL" || s == "~")) {
    v.type = ScalarValue::Type::null;
  } else if ((c == 't' || c == 'T' || c == 'f' || c == 'F') &&
             (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")) {
    v.type = ScalarValue::Type::boolean;
    v.boolean = c == 't' || c == 'T';
  } else if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
    const char *begin = s.data() + (s.size() > 1 && c == '+' ? 1 : 0);
    const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v.integer);
    const bool leading_zero = s.size() > 1 && (c == '0' || (s.size() > 2 && s[1] == '0' && c == '-'));
    if (ec == std::errc() && end == s.data() + s.size() && !leading_zero) {
      v.type = ScalarValue::Type::integer;
    }
  }
  return v;
}

nlohmann::json to_json(const YamlNode &node) {
  const ScalarValue v = scalar_value(node);
  switch (v.type) {
  case ScalarValue::Type::null:
    return nullptr;
  case ScalarValue::Type::boolean:
    return v.boolean;
  case ScalarValue::Type::integer:
    return v.integer;
  case ScalarValue::Type::string:
    return node.scalar;
  case ScalarValue::Type::sequence: {
    auto array = nlohmann::json::array();
    array.get_ref<nlohmann::json::array_t &>().reserve(node.children.size());
    for (const auto &child : node.children) {
      array.push_back(to_json(child));
    }
    return array;
  }
  case ScalarValue::Type::mapping: {
    auto object = nlohmann::json::object();
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
      object.emplace(node.keys[i].name, to_json(node.children[i]));
    }
    return object;
  }
  }
  return nullptr;
}

namespace {

// Follows valijson's context ("<root>", "[key]", "[0]") down our tree to the node it names.
const YamlNode *follow(const YamlNode &root, const std::vector<std::string> &context) {
  const YamlNode *node = &root;
  for (std::size_t i = 1; i < context.size() && node; ++i) {
    const std::string &step = context[i];
    if (step.size() < 2 || step.front() != '[' || step.back() != ']') {
      break;
    }
    const std::string inner = step.substr(1, step.size() - 2);
    if (node->is_mapping()) {
      node = node->get(inner);
    } else if (node->is_sequence()) {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), index);
      node = ec == std::errc() && index < node->children.size() ? &node->children[index] : nullptr;
    } else {
      break;
    }
  }
  return node;
}

std::string pointer_of(const std::vector<std::string> &context) {
  std::string pointer;
  for (std::size_t i = 1; i < context.size(); ++i) {
    const std::string &step = context[i];
    pointer += '/';
    pointer += step.size() >= 2 ? step.substr(1, step.size() - 2) : step;
  }
  return pointer.empty() ? "/" : pointer;
}

bool is_prefix(const std::vector<std::string> &a, const std::vector<std::string> &b) {
  return a.size() < b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// valijson reports every enclosing schema that failed as well as the leaf; the enclosing ones say
// only "Failed to validate …" and bury the useful message.
bool is_wrapper(const std::string &description) {
  return description.rfind("Failed to validate", 0) == 0;
}

// The schema that applies at document path `context`, following $ref, properties and items (and the
// branches of oneOf/anyOf that have the step); nullptr when the path leaves the schema.
const nlohmann::json *schema_at(const nlohmann::json &document, const std::vector<std::string> &context) {
  const auto resolve = [&](const nlohmann::json *node) {
    for (int hops = 0; node && hops < 16 && node->is_object() && node->contains("$ref"); ++hops) {
      const std::string ref = node->at("$ref").get<std::string>();
      const std::string prefix = "#/definitions/";
      const std::string name = ref.rfind(prefix, 0) == 0 ? ref.substr(prefix.size()) : std::string();
      node = document.contains("definitions") && document.at("definitions").contains(name)
                 ? &document.at("definitions").at(name)
                 : nullptr;
    }
    return node;
  };
  std::function<const nlohmann::json *(const nlohmann::json *, std::size_t)> walk =
      [&](const nlohmann::json *node, std::size_t i) -> const nlohmann::json * {
    node = resolve(node);
    if (!node || !node->is_object()) {
      return nullptr;
    }
    if (i == context.size()) {
      return node;
    }
    const std::string &step = context[i];
    const std::string inner = step.size() >= 2 ? step.substr(1, step.size() - 2) : step;
    if (node->contains("properties") && node->at("properties").contains(inner)) {
      if (const auto *found = walk(&node->at("properties").at(inner), i + 1)) {
        return found;
      }
    }
    if (node->contains("items") && !inner.empty() && std::isdigit(static_cast<unsigned char>(inner[0]))) {
      if (const auto *found = walk(&node->at("items"), i + 1)) {
        return found;
      }
    }
    for (const char *branches : {"oneOf", "anyOf", "allOf"}) {
      if (node->contains(branches)) {
        for (const auto &branch : node->at(branches)) {
          if (const auto *found = walk(&branch, i)) {
            return found;
          }
        }
      }
    }
    return nullptr;
  };
  return walk(&document, 1);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "`kenpoo` is not one of the allowed values: kenpo, kokuho_kumiai, kyosai, other (did you mean
// `kenpo`?)", from the enum the schema declares at that place.
bool describe_enum(const nlohmann::json &schema, const YamlNode *node, const std::vector<std::string> &context,
                   std::string &message, std::string &message_ja) {
  const nlohmann::json *at = schema_at(schema, context);
  if (!at || !at->contains("enum") || !node || !node->is_scalar()) {
    return false;
  }
  std::string allowed;
  std::string closest;
  std::size_t best = 3; // suggest only a near miss
  for (const auto &value : at->at("enum")) {
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    allowed += (allowed.empty() ? "" : ", ") + text;
    if (const std::size_t distance = edit_distance(node->scalar, text); distance < best) {
      best = distance;
      closest = text;
    }
  }
  message = "`" + node->scalar + "` is not one of the allowed values: " + allowed;
  message_ja = "`" + node->scalar + "` は使える値ではありません。使える値: " + allowed;
  if (!closest.empty()) {
    message += " (did you mean `" + closest + "`?)";
    message_ja += "（`" + closest + "` の誤りではありませんか）";
  }
  return true;
}

// Makes valijson's sentences read like ours and points at the key when one is named.
void describe(const nlohmann::json &schema, const YamlNode &root, const valijson::ValidationResults::Error &error,
              Diagnostic &d) {
  const YamlNode *node = follow(root, error.context);
  d.pos = node ? node->pos : root.pos;
  std::string message = error.description;
  std::string message_ja;
  const std::string unknown = "Object contains a property that could not be validated using 'properties' or "
                              "'additionalProperties' constraints: '";
  if (message.rfind(unknown, 0) == 0) {
    std::string key = message.substr(unknown.size());
    key = key.substr(0, key.find('\''));
    if (node && node->is_mapping()) {
      d.pos = node->key_pos(key);
    }
    message = "unknown key `" + key + "` here; check its spelling against docs/format.md";
    message_ja = "ここでは使えないキー `" + key + "` です。docs/format.md で綴りを確認してください";
  } else if (const std::string missing = "Missing required property '"; message.rfind(missing, 0) == 0) {
    std::string key = message.substr(missing.size());
    key = key.substr(0, key.find('\''));
    message = "missing required key `" + key + "`";
    message_ja = "必須のキー `" + key + "` がありません";
  } else if (message.rfind("Value type not permitted by 'type' constraint", 0) == 0) {
    message = "this value has the wrong type (e.g. a number or a list where text is expected, or quoted text "
              "where a number is); see docs/format.md";
    message_ja = "値の種類が違います（文字列の位置に数値やリスト、数値の位置に引用符付きの文字列など）。"
                 "docs/format.md を確認してください";
  } else if (message.rfind("Failed to match regex specified by 'pattern' constraint", 0) == 0) {
    message = "this value does not have the required form (ids: lowercase letters, digits, - and _; dates: "
              "YYYY-MM-DD; article numbers: digits)";
    message_ja = "値の形式が違います（id は英小文字・数字・-・_、日付は YYYY-MM-DD、条項号は数字）";
  } else if (message.rfind("Failed to match against any enum values", 0) == 0) {
    if (!describe_enum(schema, node, error.context, message, message_ja)) {
      message = "this value is not one of the allowed values; docs/format.md lists them";
      message_ja = "許されている値のいずれでもありません。docs/format.md の一覧を確認してください";
    }
  } else if (message.rfind("Failed to match expected value set by 'const' constraint", 0) == 0) {
    message = "this value is fixed by the format (`schema: 1`)";
    message_ja = "この値は形式で決まっています（`schema: 1`）";
  } else if (const std::string longer = "String should be no more than "; message.rfind(longer, 0) == 0) {
    const std::string limit = message.substr(longer.size(), message.find(' ', longer.size()) - longer.size());
    message = "this text is longer than " + limit + " characters; split it";
    message_ja = "文字列が長すぎます（上限 " + limit + " 文字）。分けてください";
  } else if (const std::string shorter = "String should be no fewer than "; message.rfind(shorter, 0) == 0) {
    const std::string limit = message.substr(shorter.size(), message.find(' ', shorter.size()) - shorter.size());
    if (limit == "1") {
      message = "this text is empty; write the text as published, or remove the key";
      message_ja = "文字列が空です。公表されているとおりに書くか、キーを削除してください";
    } else {
      message = "this text is shorter than " + limit + " characters";
      message_ja = "文字列が短すぎます（" + limit + " 文字以上）";
    }
  } else if (const std::string fewer = "Array should contain no fewer than "; message.rfind(fewer, 0) == 0) {
    const std::string limit = message.substr(fewer.size(), message.find(' ', fewer.size()) - fewer.size());
    message = "this list needs at least " + limit + (limit == "1" ? " entry" : " entries");
    message_ja = "このリストには少なくとも " + limit + " 個の要素が必要です";
  } else {
    if (!message.empty() && message.back() == '.') {
      message.pop_back();
    }
    // Rarer valijson sentences name the keyword that failed; they are kept as they are.
    message_ja = "スキーマに適合しません: " + message;
  }
  const std::string where = " (at " + pointer_of(error.context) + ")";
  d.message = message + where;
  d.message_ja = message_ja + where;
}

} // namespace

struct SchemaChecker::Impl {
  nlohmann::json document; // the schema as JSON, to name allowed values
  valijson::Schema schema; // read-only once compiled
};

SchemaChecker::SchemaChecker() : m_impl(std::make_unique<Impl>()) {
  try {
    m_impl->document = nlohmann::json::parse(notice_schema_json());
    valijson::SchemaParser parser;
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(m_impl->document), m_impl->schema);
  } catch (const std::exception &e) {
    throw Error(std::string("the built-in JSON Schema is broken: ") + e.what());
  }
}

SchemaChecker::~SchemaChecker() = default;

const SchemaChecker &SchemaChecker::instance() {
  static const SchemaChecker checker;
  return checker;
}

std::vector<Diagnostic> SchemaChecker::check(const YamlNode &root, const std::string &path) const {
  thread_local valijson::Validator validator; // its regex cache changes while it validates
  // A first pass that stops at the first error and keeps no paths; the second, only for a file with
  // errors, collects them all with their paths.
  if (validator.validate(m_impl->schema, YamlNodeAdapter(root), nullptr)) {
    return {};
  }
  valijson::ValidationResults results;
  if (validator.validate(m_impl->schema, YamlNodeAdapter(root), &results)) {
    throw Error("internal error: the schema check found an error in " + path +
                " on its first pass and none on its second; please report it with the file");
  }
  std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
  // A value that fits none of the branches of a oneOf/anyOf gets every branch's complaint from valijson
  // ("wrong type", "child schema #0", …). When a branch went deeper (an unknown key inside the mapping
  // form), that deeper finding is the useful one; otherwise one sentence says the value has none of the
  // allowed forms.
  const auto is_choice = [](const std::string &description) {
    return description.rfind("Failed to validate against any child schemas allowed by", 0) == 0;
  };
  std::vector<std::vector<std::string>> choices;
  for (const auto &error : errors) {
    if (is_choice(error.description)) {
      choices.push_back(error.context);
    }
  }
  std::vector<std::vector<std::string>> merged; // choice places already reported
  std::vector<Diagnostic> diagnostics;
  for (const auto &error : errors) {
    const bool has_deeper = std::any_of(errors.begin(), errors.end(),
                                        [&](const auto &other) { return is_prefix(error.context, other.context); });
    if (is_wrapper(error.description) && has_deeper) {
      continue;
    }
    if (std::find(choices.begin(), choices.end(), error.context) != choices.end()) {
      if (has_deeper || std::find(merged.begin(), merged.end(), error.context) != merged.end()) {
        continue;
      }
      merged.push_back(error.context);
      Diagnostic d;
      d.severity = Severity::error;
      d.rule_id = "schema";
      d.path = path;
      const YamlNode *node = follow(root, error.context);
      d.pos = node ? node->pos : root.pos;
      const std::string where = " (at " + pointer_of(error.context) + ")";
      d.message = "this value has none of the forms allowed here (text, a list or a mapping as docs/format.md "
                  "shows for this key)" +
                  where;
      d.message_ja = "この値はここで使える形（文字列・リスト・マッピング。docs/format.md のこのキーの説明を参照）の"
                     "いずれでもありません" +
                     where;
      diagnostics.push_back(std::move(d));
      continue;
    }
    Diagnostic d;
    d.severity = Severity::error;
    d.rule_id = "schema";
    d.path = path;
    describe(m_impl->document, root, error, d);
    diagnostics.push_back(std::move(d));
  }
  return diagnostics;
}

std::vector<std::pair<std::string, std::string>> SchemaChecker::raw_errors(const YamlNode &root, bool stock) const {
  valijson::ValidationResults results;
  valijson::Validator validator;
  if (stock) {
    const nlohmann::json document = to_json(root);
    validator.validate(m_impl->schema, valijson::adapters::NlohmannJsonAdapter(document), &results);
  } else {
    validator.validate(m_impl->schema, YamlNodeAdapter(root), &results);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto &error : results) {
    out.emplace_back(pointer_of(error.context), error.description);
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace detail
std::string yaml_as_json(const std::string &name, std::string_view text) {
  const Source source(name, std::string(text));
  const auto parsed = detail::parse_yaml(source, LoadLimits{});
  if (!parsed.root) {
    const Position pos = parsed.problem ? parsed.problem->pos : Position{};
    throw Error(name + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " +
                (parsed.problem ? parsed.problem->message.en : std::string("no YAML document")));
  }
  return detail::to_json(*parsed.root).dump();
}

} // namespace notice
