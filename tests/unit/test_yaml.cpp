// The YAML reader: libyaml's events through our assembler, errors in our words at the slip.
#include "notice_text.hpp"

#include "notice/load.hpp"

#include <catch2/catch.hpp>

using namespace notice;
using test::k_minimal;
using test::replaced;

namespace {

using Lines = std::vector<std::string>;

Lines findings(const std::string &text, Lang lang = Lang::en, const LoadLimits &limits = {}) {
  Lines out;
  for (const auto &d : load_text("a.yaml", text, limits).diagnostics) {
    out.push_back(format_diagnostic(d, lang));
  }
  return out;
}

} // namespace

TEST_CASE("yaml: scalars keep how they were written", "[yaml]") {
  // Quoted and block scalars stay strings; plain null spellings are null; core tags are read.
  const std::string text = "schema: 1\ntitle: x\n";
  CHECK(findings(replaced(k_minimal, "number: 1", "number: !!int 1")).empty());
  CHECK(findings(replaced(k_minimal, "number: 1", "number: '1'")).size() == 1);
  CHECK(findings(replaced(k_minimal, "number: 1", "number: |\n      1")).size() == 1);
  CHECK(findings(replaced(k_minimal, "number: 1", "number: !!str 1")).size() == 1);
  CHECK(findings(replaced(k_minimal, "number: 1", "number: ~")).size() == 1);
  CHECK(findings(text + "null: 1\n") ==
        Lines{"a.yaml:3:1: error: a key must be plain text, not a list, mapping or null [yaml-key]"});
  CHECK(findings(text + "x: !custom 1\n") ==
        Lines{"a.yaml:3:4: error: unsupported tag `!custom`; remove it (only !!str, !!int, !!bool and !!null are "
              "read) [yaml-tag]"});
}

TEST_CASE("yaml: anchors and aliases", "[yaml]") {
  CHECK(findings("a: *nowhere\n") ==
        Lines{"a.yaml:1:4: error: the alias `*nowhere` refers to no anchor `&nowhere` before it [yaml-alias]"});
  CHECK(findings("a: &x [1, *x]\n") ==
        Lines{"a.yaml:1:11: error: this alias refers to a node that contains it; aliases cannot be recursive "
              "[yaml-alias]"});
  // An alias repeats the whole node, so the budget counts every copy.
  LoadLimits small;
  small.max_nodes = 20;
  CHECK(findings("a: &x [1, 2, 3, 4, 5]\nb: [*x, *x, *x]\n", Lang::en, small) ==
        Lines{"a.yaml:2:9: error: expanding this alias would make the document larger than 20 nodes; a notice "
              "needs no such repetition (is this an alias bomb?) [alias-budget]"});
}

TEST_CASE("yaml: control characters are refused with their position", "[yaml]") {
  CHECK(findings("schema: 1\ntitle: ab\x1b[2Jc\n") ==
        Lines{"a.yaml:2:10: error: the control character U+001B is not allowed in a YAML file (it could change what "
              "a terminal shows); remove it [encoding]"});
  CHECK(findings("schema: 1\ntitle: 公表\xc2\x9b"
                 "31m\n") ==
        Lines{"a.yaml:2:10: error: the control character U+009B is not allowed in a YAML file (it could change what "
              "a terminal shows); remove it [encoding]"});
  CHECK(findings("schema: 1\ntitle: a\xc2\x85"
                 "b\n")
            .at(0)
            .find("U+0085") != std::string::npos);
  CHECK(findings("schema: 1\ntitle: a\x7f\n").at(0).find("U+007F") != std::string::npos);
  CHECK(findings("schema: 1\r\ntitle:\ta\r\n").at(0).find("[schema]") != std::string::npos); // tab, CR LF: fine
  CHECK(
      findings("schema: 1\ntitle: ab\x1b[2Jc\n", Lang::ja) ==
      Lines{"a.yaml:2:10: error: 制御文字 U+001B は YAML のファイルに使えません（端末の表示を変えるおそれがあります）。"
            "削除してください [encoding]"});
}

TEST_CASE("yaml: the common slips of Japanese authors are named at their line", "[yaml]") {
  SECTION("a full-width colon") {
    CHECK(findings("schema: 1\ntitle：公表について\ninsurer:\n") ==
          Lines{"a.yaml:2:6: error: `：` is a full-width colon; a key and its value are separated by an ASCII "
                "colon and a space (`key: value`) [yaml-syntax]"});
    CHECK(findings("schema: 1\ntitle：公表について\ninsurer:\n", Lang::ja) ==
          Lines{"a.yaml:2:6: error: `：` は全角のコロンです。キーと値は半角のコロンとスペースで区切ってください"
                "（`キー: 値`） [yaml-syntax]"});
  }
  SECTION("full-width spaces in the indentation") {
    CHECK(findings("insurer:\n  name: a\n\u3000\u3000kind: kenpo\n") ==
          Lines{"a.yaml:3:1: error: this line is indented with full-width spaces (U+3000, 全角スペース); indent "
                "with ordinary spaces [yaml-syntax]"});
    CHECK(findings("items:\n  - text: 保険給付\n\u3000\u3000の実施\n").at(0) ==
          "a.yaml:3:1: error: this line is indented with full-width spaces (U+3000, 全角スペース); indent with "
          "ordinary spaces [yaml-syntax]");
  }
  SECTION("indentation off by two") {
    CHECK(findings("insurer:\n  name: a\n    kind: kenpo\n") ==
          Lines{"a.yaml:3:5: error: this line is indented 2 spaces more than the line above it: keys of one "
                "mapping start in the same column (if it continues the text above, put that text in quotes) "
                "[yaml-syntax]"});
    CHECK(findings("items:\n  - id: a\n    text: b\n   data: c\n") ==
          Lines{"a.yaml:4:4: error: a list item (`- …`) was expected here; this line is indented 3 spaces, the "
                "line above it 4: line it up with the entries it belongs to [yaml-syntax]"});
    CHECK(findings("insurer:\n  name: a\n    kind: kenpo\n", Lang::ja) ==
          Lines{"a.yaml:3:5: error: この行は前の行より 2 文字深く字下げされています。同じマッピングのキーは同じ列から"
                "始めてください（前の行の続きの文なら、その文を引用符で囲んでください） [yaml-syntax]"});
  }
  SECTION("an unclosed quote, reported where it opens") {
    CHECK(findings("schema: 1\ntitle: \"公表について\ninsurer:\n  name: a\n") ==
          Lines{"a.yaml:2:8: error: this quote `\"` is never closed: add the closing `\"` at the end of the text "
                "[yaml-syntax]"});
    CHECK(findings("schema: 1\ntitle: '公表について\n").at(0).find("a.yaml:2:8: error: this quote `'`") == 0);
  }
  SECTION("an unclosed bracket, reported where it opens") {
    CHECK(findings("schema: 1\n  title: [x\n") ==
          Lines{"a.yaml:2:3: error: this line is indented 2 spaces more than the line above it: keys of one "
                "mapping start in the same column (if it continues the text above, put that text in quotes) "
                "[yaml-syntax]"});
    CHECK(findings("schema: 1\ntitle: [x, y\ninsurer: 1\n") ==
          Lines{"a.yaml:2:8: error: this `[` is never closed with `]` (or a `,` is missing between its entries) "
                "[yaml-syntax]"});
  }
  SECTION("a tab") {
    CHECK(findings("insurer:\n\tname: a\n").at(0).find("a tab is used for indentation") != std::string::npos);
  }
}

TEST_CASE("yaml: an enum typo lists the allowed values", "[yaml][schema]") {
  CHECK(findings(replaced(k_minimal, "kind: kenpo", "kind: kenpoo")) ==
        Lines{"a.yaml:4:9: error: `kenpoo` is not one of the allowed values: kenpo, kokuho_kumiai, kyosai_national, "
              "kyosai_local, kyosai, other "
              "(did you mean `kenpo`?) (at /insurer/kind) [schema]"});
  CHECK(findings(replaced(k_minimal, "kind: kenpo", "kind: 健保"), Lang::ja) ==
        Lines{"a.yaml:4:9: error: `健保` は使える値ではありません。使える値: kenpo, kokuho_kumiai, kyosai_national, "
              "kyosai_local, kyosai, other "
              "(at /insurer/kind) [schema]"});
}

TEST_CASE("yaml: positions count lines at line feeds and columns in code points, as Source does", "[yaml]") {
  // libyaml also breaks lines at a lone CR and at U+2028; our positions must still match the
  // lines the report quotes.
  CHECK(findings("schema: 1\r\ntitle: 公表\r\ninsurer:\r\n  name: a\r\n  name: b\r\n") ==
        Lines{"a.yaml:5:3: error: duplicate key `name` (first at line 4); YAML keeps only one of them: remove or "
              "rename one [duplicate-key]"});
  CHECK(findings("title: \"a\u2028b\"\ninsurer:\n  name: a\n  name: b\n") ==
        Lines{"a.yaml:4:3: error: duplicate key `name` (first at line 3); YAML keeps only one of them: remove or "
              "rename one [duplicate-key]"});
  // libyaml takes only ASCII letters, digits, - and _ in anchor names; the column counts あ and い once.
  CHECK(findings("title: 公表について\ndata: [あ, い, *う]\n") ==
        Lines{"a.yaml:2:14: error: `&` and `*` must be followed by an anchor name; put text that starts with them "
              "in quotes [yaml-syntax]"});
}
