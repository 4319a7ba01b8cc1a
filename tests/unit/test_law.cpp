// The legal database (schemas/law/*.yaml) and the lexicon: the data is well-formed, matches its JSON
// Schema, every id the rules and diff classes name exists, and the questions rules ask are answered
// as the statutes say on both sides of each date.
#include "notice/diff.hpp"
#include "notice/error.hpp"
#include "notice/law.hpp"
#include "notice/lexicon.hpp"
#include "notice/rules.hpp"
#include "notice/schema.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace notice;
using law::Cite;
using law::Database;

namespace {

const std::string k_dir = NOTICE_SOURCE_DIR;

std::string read(const std::string &path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> schema_errors(const std::string &schema_path, const std::string &yaml_path) {
  const auto schema_document = nlohmann::json::parse(read(schema_path));
  const auto document = nlohmann::json::parse(yaml_as_json(yaml_path, read(yaml_path)));
  valijson::Schema schema;
  valijson::SchemaParser parser;
  parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schema_document), schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  validator.validate(schema, valijson::adapters::NlohmannJsonAdapter(document), &results);
  std::vector<std::string> out;
  for (const auto &e : results) {
    std::string where;
    for (const auto &c : e.context) {
      where += c;
    }
    out.push_back(where + ": " + e.description);
  }
  return out;
}

const std::string k_head = "sources:\n  - id: s\n    document: d\n    read: 2026-12-01\n"
                           "law:\n  id: x\n  title: t\n  title_en: t\n  number: n\n  names: [X法]\n  source: s\n"
                           "  versions:\n    - {from: 2000-01-01, ja: j, en: e, source: s}\n";

std::string parse_error(const std::string &text) {
  try {
    Database::parse({{"t.yaml", text}});
  } catch (const Error &e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("the legal data files and the lexicon match their JSON Schemas", "[law][schema]") {
  for (const auto &entry : std::filesystem::directory_iterator(k_dir + "/schemas/law")) {
    INFO(entry.path().string());
    CHECK(schema_errors(k_dir + "/schemas/law.schema.json", entry.path().string()).empty());
  }
  CHECK(schema_errors(k_dir + "/schemas/lexicon.schema.json", k_dir + "/schemas/lexicon.yaml").empty());
  CHECK(schema_errors(k_dir + "/schemas/kinds.schema.json", k_dir + "/schemas/kinds.yaml").empty());
  // The schema really checks: a cite that is not 第N条… fails it.
  const auto scratch = std::filesystem::temp_directory_path() / ("notice-audit-test-law-" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch);
  const std::string bad = (scratch / "bad-law.yaml").string();
  std::ofstream(bad)
      << "sources: [{id: s, document: d, read: 2026-12-01}]\n"
         "provisions: [{id: a.b, ja: j, en: e, numbering: [{from: 2000-01-01, cite: 27条, source: s}]}]\n";
  CHECK_FALSE(schema_errors(k_dir + "/schemas/law.schema.json", bad).empty());
  std::filesystem::remove_all(scratch);
}

TEST_CASE("the built-in database parses, and every id the rules and diff classes name exists", "[law]") {
  const Database &db = Database::builtin();
  CHECK(db.find_law("appi"));
  CHECK(db.find_law("mynumber_act"));
  for (const RuleInfo &rule : rule_catalog()) {
    INFO(rule.id);
    for (const auto id : rule.provisions) {
      CHECK(db.find_provision(id));
    }
    for (const auto id : rule.milestones) {
      CHECK(db.find_milestone(id));
    }
  }
  for (const DiffRuleInfo &rule : diff_rule_catalog()) {
    INFO(rule.id);
    for (const auto id : rule.provisions) {
      CHECK(db.find_provision(id));
    }
  }
  // Every fact that is not confirmed says why.
  for (const auto &p : db.provisions()) {
    for (const auto &n : p.numbering) {
      INFO(p.id << " " << law::format_cite(n.cite));
      CHECK((n.certainty == law::Certainty::confirmed || !n.note.empty()));
      CHECK(db.find_source(n.source));
    }
  }
  for (const auto &s : db.sources()) {
    INFO(s.id);
    CHECK_FALSE(s.document.empty());
    CHECK(parse_date(s.read));
  }
}

TEST_CASE("the published_elsewhere matters of the notice schema are the law's requirements", "[law][schema]") {
  const auto schema = nlohmann::json::parse(notice_schema_json());
  const auto &allowed = schema["properties"]["published_elsewhere"]["items"]["properties"]["matters"]["items"]["enum"];
  std::set<std::string> in_schema(allowed.begin(), allowed.end());
  std::set<std::string> in_law;
  for (const auto &r : Database::builtin().provision("appi.retained-data-publication").requires_) {
    in_law.insert(r.id);
  }
  CHECK(in_schema == in_law);
}

TEST_CASE("numbering: a provision's number on each side of its dates", "[law]") {
  const Database &db = Database::builtin();
  const auto number = [&](std::string_view id, Date d) {
    const law::Numbering *n = db.numbering(id, d);
    return n ? law::format_cite(n->cite) : std::string("-");
  };
  CHECK(number("appi.joint-use", {2017, 5, 29}) == "第23条第4項第3号");
  CHECK(number("appi.joint-use", {2017, 5, 30}) == "第23条第5項第3号");
  CHECK(number("appi.joint-use", {2022, 3, 31}) == "第23条第5項第3号");
  CHECK(number("appi.joint-use", {2022, 4, 1}) == "第27条第5項第3号");
  CHECK(number("appi.foreign-provision", {2017, 5, 29}) == "-");
  CHECK(number("appi.foreign-provision", {2017, 5, 30}) == "第24条");
  CHECK(number("appi.foreign-provision", {2022, 4, 1}) == "第28条");
  CHECK(number("appi.retained-data-publication", {2017, 5, 29}) == "第24条");
  CHECK(number("appi.retained-data-publication", {2017, 5, 30}) == "第27条");
  CHECK(number("appi.retained-data-publication", {2022, 4, 1}) == "第32条");
  CHECK(number("mynumber.linkage", {2021, 8, 31}) == "第19条第7号");
  CHECK(number("mynumber.linkage", {2021, 9, 1}) == "第19条第8号");
  CHECK(number("mynumber.ordinance-linkage", {2021, 9, 1}) == "第19条第9号");
  CHECK(number("mynumber.employer-transfer", {2021, 8, 31}) == "-");
  CHECK(number("mynumber.employer-transfer", {2021, 9, 1}) == "第19条第4号");
  CHECK(number("kakuho.employer-checkup-records", {2025, 6, 1}) == "第27条第3項");
  CHECK(law::cite_on(db, "appi.joint-use", {2022, 4, 1}) == "個人情報保護法第27条第5項第3号");
  CHECK_THROWS_AS(db.numbering("appi.no-such", {2022, 4, 1}), Error);
}

TEST_CASE("meaning: what a number denotes on a date", "[law]") {
  const Database &db = Database::builtin();
  const auto first = [&](Cite c, Date d) {
    const auto m = db.meaning(c, d);
    return m.empty() ? std::string("-") : m.front()->id;
  };
  CHECK(first({"appi", 28}, {2019, 6, 1}) == "appi.disclosure");
  CHECK(first({"appi", 28}, {2022, 4, 1}) == "appi.foreign-provision");
  CHECK(first({"appi", 32}, {2019, 6, 1}) == "appi.request-procedure");
  CHECK(first({"appi", 32}, {2022, 4, 1}) == "appi.retained-data-publication");
  CHECK(first({"appi", 23}, {2022, 3, 31}) == "appi.third-party-provision");
  CHECK(first({"appi", 23}, {2022, 4, 1}) == "appi.security-measures");
  CHECK(first({"appi", 24}, {2016, 1, 1}) == "appi.retained-data-publication");
  CHECK(first({"appi", 24}, {2017, 5, 30}) == "appi.foreign-provision");
  CHECK(first({"appi", 24}, {2022, 4, 1}) == "appi.employee-supervision");
  // A number inside a provision means that provision first: 第27条第5項第3号 is joint use.
  CHECK(first({"appi", 27, 0, 5, 3}, {2022, 4, 1}) == "appi.joint-use");
  CHECK(first({"appi", 99}, {2022, 4, 1}) == "-");
}

TEST_CASE("change dates and history", "[law]") {
  const Database &db = Database::builtin();
  const auto &dates = db.change_dates();
  CHECK(std::is_sorted(dates.begin(), dates.end()));
  for (const Date d : {Date{2017, 5, 30}, Date{2021, 9, 1}, Date{2022, 4, 1}, Date{2024, 12, 2}, Date{2025, 12, 2}}) {
    CHECK(std::find(dates.begin(), dates.end(), d) != dates.end());
  }
  CHECK(law::history(db, "appi.joint-use", Lang::en) ==
        "個人情報保護法 第27条第5項第3号 (2022-04-01–); 第23条第5項第3号 (2017-05-30–2022-03-31) [secondary source]; "
        "第23条第4項第3号 (2005-04-01–2017-05-29)");
}

TEST_CASE("a malformed data file is refused with its position", "[law]") {
  CHECK(parse_error(k_head).empty());
  CHECK(parse_error(k_head + "provisions:\n  - {id: x.a, ja: j, en: e, numbering: [{from: 2000-01-01, cite: 第1条, "
                             "source: s}], typo: 1}\n") == "built-in legal data t.yaml:15:5: unknown key `typo`");
  CHECK(parse_error(k_head + "provisions:\n  - {id: x.a, ja: j, en: e, numbering: [{from: 2000-01-01, cite: 第1条, "
                             "source: nowhere}]}\n")
            .find("source `nowhere` is not declared") != std::string::npos);
  CHECK(parse_error(k_head + "provisions:\n  - {id: x.a, ja: j, en: e, numbering: [{from: 2001-01-01, cite: 第1条, "
                             "source: s}, {from: 2000-01-01, cite: 第2条, source: s}]}\n")
            .find("ascend") != std::string::npos);
  CHECK(parse_error(k_head + "provisions:\n  - {id: x.a, ja: j, en: e, numbering: [{from: 2000-01-01, cite: 第1条, "
                             "source: s, certainty: uncertain}]}\n")
            .find("must say in `note`") != std::string::npos);
  CHECK(parse_error(k_head + "provisions:\n  - {id: x.a, ja: j, en: e, numbering: [{from: 2000-01-01, cite: 27条五, "
                             "source: s}]}\n")
            .find("`cite` must read like") != std::string::npos);
}

TEST_CASE("citations in prose and alone", "[law]") {
  const auto found = law::find_citations("個人情報保護法第２７条第５項第三号及び番号法第 19条第 8号");
  REQUIRE(found.size() == 2);
  CHECK(found[0].cite == Cite{"appi", 27, 0, 5, 3});
  CHECK(found[1].cite == Cite{"mynumber_act", 19, 0, 0, 8});
  CHECK(law::parse_cite("第30条の9第2項") == Cite{"", 30, 9, 2, 0});
  CHECK_FALSE(law::parse_cite("第27条及び"));
  CHECK(law::law_id("行政手続きにおける特定の個人を識別するための番号の利用等に関する法律") == "mynumber_act");
  CHECK(law::law_id("implied_consent") == "implied_consent");
  CHECK(law::law_id("民法") == "");
}

TEST_CASE("a keyword A&B needs both words", "[law]") {
  const law::Provision &change = Database::builtin().provision("appi.joint-use-change");
  CHECK(change.named_in("共同利用の責任者を変更する場合"));
  CHECK_FALSE(change.named_in("健診結果の共同利用"));
}

TEST_CASE("the lexicon", "[lexicon]") {
  const Lexicon &lex = Lexicon::builtin();
  const auto m = lex.find("insurance-card", "健康保険被保険者証の発行");
  REQUIRE(m);
  CHECK(m->word == "被保険者証");
  CHECK(m->offset == std::string("健康保険").size());
  CHECK(lex.is("vague-purpose", "その他"));
  CHECK_FALSE(lex.is("vague-purpose", "その他の保健事業"));
  CHECK_THROWS_AS(lex.words("no-such-list"), Error);
  CHECK_THROWS_WITH(Lexicon::parse("l.yaml", "lists:\n  a: []\n"), Catch::Contains("l.yaml:2:6"));
}
