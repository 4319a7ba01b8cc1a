#include "notice_text.hpp"

#include "notice/error.hpp"
#include "notice/load.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace notice;
using test::k_minimal;
using test::replaced;

namespace {

// The findings of loading `text`, as the lines a user would read.
std::vector<std::string> findings(const std::string &text, const LoadLimits &limits = {}) {
  std::vector<std::string> out;
  for (const auto &d : load_text("a.yaml", text, limits).diagnostics) {
    out.push_back(format_diagnostic(d));
  }
  return out;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_CASE("a valid notice loads into the model with positions", "[load]") {
  const LoadResult r = load_text("a.yaml", k_minimal);
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.notice);
  const Notice &n = *r.notice;
  CHECK(n.schema_version == 1);
  CHECK(n.insurer.name.value == "テスト健康保険組合");
  CHECK(n.insurer.name.pos == Position{3, 9});
  REQUIRE(n.revisions.size() == 2);
  CHECK(n.revisions[1].effective == Date{2022, 4, 1});
  CHECK(n.revisions[1].wording.value == "令和４年４月１日から改正施行する。");
  REQUIRE(n.categories.size() == 1);
  const Category &c = n.categories[0];
  CHECK(c.number == 1);
  CHECK(c.marker.value == "1．");
  REQUIRE(c.buckets.size() == 2);
  CHECK(c.buckets[0].kind == BucketKind::internal);
  const UseCase &item = c.buckets[1].items[0];
  CHECK(item.id == "collabo-health");
  CHECK(effective_flow(item, c.buckets[1]) == FlowKind::provision);
  REQUIRE(item.parties.size() == 1);
  CHECK(item.parties[0].id == "employer");
  CHECK(item.parties[0].pos == Position{41, 23});
  CHECK(item.validity.added == Date{2022, 4, 1});
  CHECK(item.basis.at(0).law == "consent");
  CHECK(n.data[1].sensitive);
  CHECK_FALSE(n.data[0].sensitive);
}

TEST_CASE("the view of a revision keeps only what is in force", "[load][model]") {
  const Notice n = *load_text("a.yaml", k_minimal).notice;
  const Notice before = at(n, Date{2021, 9, 1});
  CHECK(before.categories[0].buckets.size() == 1);
  CHECK(before.revisions.size() == 1);
  const Notice after = at(n, Date{2023, 1, 1});
  CHECK(after.categories[0].buckets[1].items.size() == 1);
  CHECK(revision_at(n, Date{2021, 8, 31}) == nullptr);
  CHECK(revision_at(n, Date{2022, 3, 31})->effective == Date{2021, 9, 1});
  CHECK(latest_revision(n)->effective == Date{2022, 4, 1});
}

TEST_CASE("plain scalars are typed by us: a quoted number is a string", "[load][schema]") {
  CHECK(findings(replaced(k_minimal, "number: 1", "number: \"1\"")) ==
        Lines{"a.yaml:23:13: error: this value has the wrong type (e.g. a number or a list where text is "
              "expected, or quoted text where a number is); see docs/format.md (at /categories/0/number) "
              "[schema]"});
  // An unquoted date stays a string (YAML 1.1 would make it a timestamp), so it passes.
  CHECK(findings(replaced(k_minimal, "effective: 2021-09-01", "effective: \"2021-09-01\"")).empty());
}

TEST_CASE("the schema reports unknown and missing keys at their positions", "[load][schema]") {
  CHECK(findings(replaced(k_minimal, "  kind: kenpo\n", "  kind: kenpo\n  knd: x\n")) ==
        Lines{"a.yaml:5:3: error: unknown key `knd` here; check its spelling against docs/format.md (at /insurer) "
              "[schema]"});
  CHECK(findings(replaced(k_minimal, "insurer:\n  name: テスト健康保険組合\n  kind: kenpo\n", "")) ==
        Lines{"a.yaml:1:1: error: missing required key `insurer` (at /) [schema]"});
  // A page may print no title.
  CHECK(findings(replaced(k_minimal, "title: テスト健康保険組合が保有する個人情報の利用目的の公表について\n", ""))
            .empty());
}

TEST_CASE("the schema's patterns and length limits hold on both sides of their edges", "[load][schema]") {
  const std::string form = "a.yaml:31:17: error: this value does not have the required form (ids: lowercase letters, "
                           "digits, - and _; dates: YYYY-MM-DD; article numbers: digits) (at ";
  CHECK(findings(replaced(k_minimal, "id: benefit-payment", "id: b_9-x")).empty());
  CHECK(findings(replaced(k_minimal, "id: benefit-payment", "id: Benefit")) ==
        Lines{form + "/categories/0/buckets/0/items/0/id) [schema]"});
  // `$` is the very end, as in ECMA-262: a final line feed is not swallowed by it.
  CHECK(findings(replaced(k_minimal, "id: benefit-payment", "id: \"benefit\\n\"")) ==
        Lines{form + "/categories/0/buckets/0/items/0/id) [schema]"});
  CHECK(findings(replaced(k_minimal, "effective: 2022-04-01", "effective: \"2022-04-01\\n\"")).size() == 1);
  // Article numbers: digits, の-branches, and 附則 before them; kanji are matched as characters.
  const std::string cited =
      replaced(k_minimal, "- law: consent\n", "- law: appi\n                article: \"附則2の3\"\n");
  REQUIRE(cited != k_minimal);
  CHECK(findings(cited).empty());
  CHECK(findings(replaced(cited, "附則2の3", "附則2の")).size() == 1);
  // A quoted empty text is a string of no characters; one character is enough.
  CHECK(findings(replaced(k_minimal, "保険給付及び付加給付の実施", "\"\"")) ==
        Lines{"a.yaml:32:19: error: this text is empty; write the text as published, or remove the key (at "
              "/categories/0/buckets/0/items/0/text) [schema]"});
  CHECK(findings(replaced(k_minimal, "保険給付及び付加給付の実施", "\"字\"")).empty());
  // Texts are measured in characters, not bytes: 4000 kanji fit, 4001 do not.
  std::string kanji;
  for (int i = 0; i < 4000; ++i) {
    kanji += "字";
  }
  CHECK(findings(replaced(k_minimal, "保険給付及び付加給付の実施", kanji)).empty());
  CHECK(findings(replaced(k_minimal, "保険給付及び付加給付の実施", kanji + "字")) ==
        Lines{"a.yaml:32:19: error: this text is longer than 4000 characters; split it (at "
              "/categories/0/buckets/0/items/0/text) [schema]"});
}

TEST_CASE("dates must exist in the calendar", "[load]") {
  CHECK(findings(replaced(k_minimal, "effective: 2022-04-01", "effective: 2023-02-29")) ==
        Lines{"a.yaml:9:16: error: `2023-02-29` is not a date that exists; write YYYY-MM-DD [invalid-date]"});
}

TEST_CASE("bad input gets one clear error with its position", "[load][input]") {
  SECTION("empty") {
    CHECK(findings("") == Lines{"a.yaml:1:1: error: the file is empty; a notice is a YAML mapping that starts "
                                "with `schema: 1` [empty]"});
    CHECK(findings("# only a comment\n") == findings(""));
  }
  SECTION("a list or a scalar at the root") {
    CHECK(findings("- a\n- b\n") == Lines{"a.yaml:1:1: error: the top level is a list; a notice is a mapping "
                                          "that starts with `schema: 1` [root-not-mapping]"});
    CHECK(findings("hello\n") == Lines{"a.yaml:1:1: error: the top level is a single value; a notice is a "
                                       "mapping that starts with `schema: 1` [root-not-mapping]"});
  }
  SECTION("not YAML") {
    CHECK(findings("schema: 1\n  title: [x\n") ==
          Lines{"a.yaml:2:3: error: this line is indented 2 spaces more than the line above it: keys of one "
                "mapping start in the same column (if it continues the text above, put that text in quotes) "
                "[yaml-syntax]"});
  }
  SECTION("duplicate keys") {
    CHECK(findings("schema: 1\ninsurer:\n  name: a\n  name: b\n") ==
          Lines{"a.yaml:4:3: error: duplicate key `name` (first at line 3); YAML keeps only one of them: remove "
                "or rename one [duplicate-key]"});
  }
  SECTION("Shift_JIS") {
    CHECK(findings("schema: 1\ntitle: \x82\xa0\x82\xa2\n") ==
          Lines{"a.yaml:2:8: error: the file is not UTF-8 but looks like Shift_JIS; convert it with `iconv -f "
                "SHIFT_JIS -t UTF-8` (or save as UTF-8 in your editor) [encoding]"});
  }
  SECTION("invalid UTF-8 that is not Shift_JIS") {
    CHECK(findings("schema: 1\ntitle: \xff\n") ==
          Lines{"a.yaml:2:8: error: invalid UTF-8 byte sequence; save the file as UTF-8 [encoding]"});
  }
  SECTION("UTF-16") {
    CHECK(findings(std::string("\xff\xfes\x00", 4)) ==
          Lines{"a.yaml:1:1: error: the file is UTF-16; save it as UTF-8 (iconv -f UTF-16 -t UTF-8) [encoding]"});
  }
  SECTION("NUL bytes") {
    CHECK(findings(std::string("schema: 1\ntitle: a\0b\n", 21)) ==
          Lines{"a.yaml:2:9: error: the file contains a NUL byte; a notice is text: remove it, or check that this "
                "is the right file [encoding]"});
  }
  SECTION("a UTF-8 byte order mark is accepted and positions stay right") {
    const auto r = load_text("a.yaml", "\xEF\xBB\xBF" + k_minimal);
    REQUIRE(r.notice);
    CHECK(r.notice->insurer.name.pos == Position{3, 9});
  }
  SECTION("several documents") {
    CHECK(findings("schema: 1\n---\nschema: 1\n") ==
          Lines{"a.yaml:2:1: error: a second YAML document starts here; keep one notice per file (split the file "
                "at `---`) [multiple-documents]"});
  }
  SECTION("merge keys") {
    CHECK(findings("x: &x {a: 1}\ny:\n  <<: *x\n") ==
          Lines{"a.yaml:3:3: error: merge keys (`<<:`) are not supported; write the keys out (aliases `*name` "
                "still work) [merge-key]"});
  }
  SECTION("an alias bomb stops at the node budget") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char level = 'b'; level <= 'i'; ++level) {
      const char prev = static_cast<char>(level - 1);
      bomb += std::string(1, level) + ": &" + level + " [";
      for (int i = 0; i < 10; ++i) {
        bomb += std::string(i ? ", " : "") + "*" + prev;
      }
      bomb += "]\n";
    }
    LoadLimits limits;
    limits.max_nodes = 10'000;
    CHECK(findings(bomb, limits) ==
          Lines{"a.yaml:4:36: error: expanding this alias would make the document larger than 10000 nodes; a "
                "notice needs no such repetition (is this an alias bomb?) [alias-budget]"});
  }
  SECTION("deep nesting") {
    const std::string deep = "a: " + std::string(10'000, '[') + std::string(10'000, ']') + "\n";
    CHECK(findings(deep) == Lines{"a.yaml:1:67: error: nesting deeper than 64 levels; a notice is at most about 8 "
                                  "levels deep: check the indentation [too-deep]"});
  }
  SECTION("a multi-megabyte scalar is refused before the schema's regexes see it") {
    // On one line: libyaml scans it in linear time, and the assembler refuses it as it arrives.
    const std::string line = "schema: 1\ntitle: \"" + std::string(2u << 20, 'a') + "\"\n";
    CHECK(findings(line) == Lines{"a.yaml:2:8: error: this value is 2097152 bytes long, more than the limit of "
                                  "65536; split it into paragraphs or items [scalar-too-long]"});
    // A block scalar of many short lines: refused when the parser hands it over.
    std::string block = "schema: 1\ntitle: |\n";
    for (int i = 0; i < 20'000; ++i) {
      block += "  " + std::string(100, 'a') + "\n";
    }
    CHECK(findings(block) == Lines{"a.yaml:2:8: error: this value is 2020000 bytes long, more than the limit of "
                                   "65536; split it into paragraphs or items [scalar-too-long]"});
  }
  SECTION("a file over the size limit") {
    LoadLimits limits;
    limits.max_file_bytes = 100;
    CHECK(findings(k_minimal, limits).at(0).find("[file-too-large]") != std::string::npos);
  }
  SECTION("unsupported tags and complex keys") {
    CHECK(findings("schema: !!binary aGVsbG8=\n") ==
          Lines{"a.yaml:1:9: error: unsupported tag `tag:yaml.org,2002:binary`; remove it (only !!str, !!int, "
                "!!bool and !!null are read) [yaml-tag]"});
    CHECK(findings("? [a]\n: b\n") ==
          Lines{"a.yaml:1:3: error: a key must be plain text, not a list, mapping or null [yaml-key]"});
  }
  SECTION("a schema version this build does not read") {
    CHECK(findings("schema: 3\n") == Lines{"a.yaml:1:9: error: `schema: 3` is not a format version this build "
                                           "reads (it reads 1, 2); upgrade notice-audit or fix the number "
                                           "[schema-version]"});
  }
}

TEST_CASE("load_file refuses what is not a readable file", "[load][input]") {
  const auto dir = std::filesystem::temp_directory_path() / ("notice-audit-test-load-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  CHECK_THROWS_WITH(load_file((dir / "missing.yaml").string()), Catch::Contains("no such file"));
  CHECK_THROWS_WITH(load_file(dir.string()), Catch::Contains("is a directory"));
  const auto file = dir / "ok.yaml";
  std::ofstream(file) << k_minimal;
  CHECK(load_file(file.string()).notice);
  std::filesystem::remove_all(dir);
}

// docs/format.md shows how to write each structure of a real notice; the examples must load as written.
TEST_CASE("every schema-2 example in docs/format.md loads with no finding from the loader", "[load][docs]") {
  std::ifstream in(NOTICE_SOURCE_DIR "/docs/format.md");
  REQUIRE(in);
  std::string line;
  std::string block;
  bool inside = false;
  int examples = 0;
  int line_number = 0;
  int start = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!inside && line == "```yaml") {
      inside = true;
      block.clear();
      start = line_number + 1;
    } else if (inside && line == "```") {
      inside = false;
      if (block.rfind("schema: 2\n", 0) == 0) {
        ++examples;
        INFO("docs/format.md example at line " << start);
        const LoadResult loaded = load_text("format.md", block);
        for (const auto &d : loaded.diagnostics) {
          UNSCOPED_INFO(d.pos.line << ": " << d.message);
        }
        CHECK(loaded.diagnostics.empty());
        CHECK(loaded.notice);
      }
    } else if (inside) {
      block += line + "\n";
    }
  }
  CHECK(examples >= 4);
}
