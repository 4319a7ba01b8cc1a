// The JSON Schemas we ship are themselves valid draft-07 schemas, and the bundled notice passes its
// schema: what editors rely on (docs/editor.md).
#include "notice/load.hpp"
#include "notice/schema.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <fstream>
#include <sstream>

namespace {

nlohmann::json read_json(const std::string &path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

// Every error valijson reports for `document` against `schema_document`.
std::vector<std::string> errors(const nlohmann::json &schema_document, const nlohmann::json &document) {
  valijson::Schema schema;
  valijson::SchemaParser parser;
  parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schema_document), schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  validator.validate(schema, valijson::adapters::NlohmannJsonAdapter(document), &results);
  std::vector<std::string> out;
  for (const auto &e : results) {
    out.push_back(e.description);
  }
  return out;
}

const std::string k_dir = NOTICE_SOURCE_DIR;

} // namespace

TEST_CASE("the shipped JSON Schemas are valid draft-07", "[schema]") {
  // tests/data/json-schema-draft-07.json is the draft-07 meta-schema (json-schema.org), as shipped
  // in ajv's npm package.
  const auto meta = read_json(k_dir + "/tests/data/json-schema-draft-07.json");
  CHECK(errors(meta, nlohmann::json::parse(notice::notice_schema_json())).empty());
  CHECK(errors(meta, read_json(k_dir + "/schemas/notice.schema.json")).empty());
  CHECK(errors(meta, read_json(k_dir + "/schemas/diff.schema.json")).empty());
  // The meta-schema really checks: a schema with a wrong keyword type fails it.
  CHECK_FALSE(errors(meta, nlohmann::json::parse(R"({"type": 12})")).empty());
}

TEST_CASE("the compiled-in schema is the file in schemas/", "[schema]") {
  CHECK(nlohmann::json::parse(notice::notice_schema_json()) == read_json(k_dir + "/schemas/notice.schema.json"));
}

TEST_CASE("the bundled notice passes its schema and starts with the editor modeline", "[schema]") {
  const auto loaded = notice::load_file(k_dir + "/notice/acom-kenpo.yaml");
  CHECK(loaded.diagnostics.empty());
  CHECK(loaded.notice);
  std::ifstream in(k_dir + "/notice/acom-kenpo.yaml");
  std::string first;
  std::getline(in, first);
  CHECK(first == "# yaml-language-server: $schema=../schemas/notice.schema.json");
}
