// The schema check runs valijson over our YAML tree with five visits of our own (schema.cpp). Here it
// is compared, error for error, with valijson's own visits on a JSON copy of the same tree: on every
// YAML file of the tests and on variations of the minimal notice that break each kind of constraint.
#include "notice_text.hpp"
#include "schema_check.hpp"
#include "yaml_tree.hpp"

#include "notice/source.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace notice;
using test::k_minimal;
using test::replaced;

namespace {

using Errors = std::vector<std::pair<std::string, std::string>>;

// valijson names the first unknown key in the order it walks the object: ours, the file's order; a
// JSON copy, sorted. That key is left out of the comparison (the next test pins ours).
Errors without_unknown_key(Errors errors) {
  const std::string unknown = "Object contains a property that could not be validated";
  for (auto &[path, sentence] : errors) {
    if (sentence.rfind(unknown, 0) == 0) {
      sentence = unknown;
    }
  }
  std::sort(errors.begin(), errors.end());
  return errors;
}

// Both lists of errors for `text`, or nothing when it is not a YAML tree.
std::optional<std::pair<Errors, Errors>> both(const std::string &name, const std::string &text) {
  const Source source(name, text);
  const auto parsed = detail::parse_yaml(source, LoadLimits{});
  if (!parsed.root) {
    return std::nullopt;
  }
  const auto &checker = detail::SchemaChecker::instance();
  return std::pair{without_unknown_key(checker.raw_errors(*parsed.root, false)),
                   without_unknown_key(checker.raw_errors(*parsed.root, true))};
}

} // namespace

TEST_CASE("our schema visits find what valijson's own find, on every YAML file of the tests", "[schema]") {
  namespace fs = std::filesystem;
  std::size_t files = 0;
  std::size_t with_errors = 0;
  for (const auto &entry : fs::recursive_directory_iterator(fs::path(NOTICE_SOURCE_DIR) / "tests")) {
    if (!entry.is_regular_file() || (entry.path().extension() != ".yaml" && entry.path().extension() != ".yml")) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const auto errors = both(entry.path().string(), text.str());
    if (!errors) {
      continue;
    }
    INFO(entry.path().string());
    CHECK(errors->first == errors->second);
    ++files;
    with_errors += errors->first.empty() ? 0 : 1;
  }
  CHECK(files > 50);
  CHECK(with_errors > 10); // fixtures of broken notices, configs and other YAML that is not a notice
}

TEST_CASE("our schema visits find what valijson's own find, constraint by constraint", "[schema]") {
  const std::vector<std::pair<std::string, std::string>> breaks = {
      {"  kind: kenpo\n", "  kind: kenpo\n  knd: x\n"},                                     // additionalProperties
      {"insurer:\n  name: テスト健康保険組合\n  kind: kenpo\n", ""},                        // required
      {"number: 1", "number: \"1\""},                                                       // type
      {"id: benefit-payment", "id: Benefit"},                                               // pattern
      {"id: benefit-payment", "id: \"benefit\\n\""},                                        // pattern, at the end
      {"effective: 2022-04-01", "effective: 2022-4-1"},                                     // pattern of a date
      {"kind: kenpo", "kind: kenpoo"},                                                      // enum
      {"schema: 1", "schema: 3"},                                                           // enum
      {"text: 保険給付及び付加給付の実施", "text: \"\""},                                   // minLength
      {"text: 保険給付及び付加給付の実施", "text: " + std::string(4001, 'x')},              // maxLength
      {"title: テスト健康保険組合が保有する個人情報の利用目的の公表について", "title: []"}, // minItems, oneOf
      {"data: [applications]", "data: [Applications, 3]"},                                  // items, two errors
      {"data: [applications]", "data: {a: b}"},                                             // type of a list
      {"- law: consent\n", "- law: consent\n                extra: 1\n"},                   // deep unknown key
      {"wording: 令和３年９月１日施行", "wording: [a, b]"},                                 // oneOf/anyOf branches
  };
  for (const auto &[from, to] : breaks) {
    const std::string text = replaced(k_minimal, from, to);
    INFO(to);
    const auto errors = both("a.yaml", text);
    REQUIRE(errors);
    CHECK(!errors->first.empty());
    CHECK(errors->first == errors->second);
  }
  // Several errors at once, in several branches of the tree.
  std::string many = k_minimal;
  for (const auto &[from, to] : breaks) {
    if (!to.empty() && many.find(from) != std::string::npos && from != "schema: 1") {
      many = replaced(many, from, to);
    }
  }
  const auto errors = both("a.yaml", many);
  REQUIRE(errors);
  CHECK(errors->first.size() > 10);
  CHECK(errors->first == errors->second);
}

TEST_CASE("of several unknown keys, the schema check names the first in the file", "[schema]") {
  const Source source("a.yaml", replaced(k_minimal, "  kind: kenpo\n", "  kind: kenpo\n  zeta: 1\n  alpha: 2\n"));
  const auto parsed = detail::parse_yaml(source, LoadLimits{});
  REQUIRE(parsed.root);
  const auto errors = detail::SchemaChecker::instance().raw_errors(*parsed.root, false);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].second == "Failed to validate against schema associated with property name 'insurer'.");
  CHECK(errors[1].second == "Object contains a property that could not be validated using 'properties' or "
                            "'additionalProperties' constraints: 'zeta'.");
}
