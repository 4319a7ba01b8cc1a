#include "notice_text.hpp"

#include "notice/load.hpp"
#include "notice/yaml_write.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace notice;

namespace {

// Every field of the model except positions and the file's path and text, one per line: written
// independently of the writer, so that a field the writer forgets shows up as a difference.
class Describe {
public:
  std::ostringstream out;

  void text(const std::string &key, const Text &t) { out << key << '=' << t.value << '\n'; }
  void texts(const std::string &key, const std::vector<Text> &list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      text(key + "[" + std::to_string(i) + "]", list[i]);
    }
  }
  void refs(const std::string &key, const std::vector<Ref> &list) {
    for (const auto &r : list) {
      out << key << "→" << r.id << '\n';
    }
  }
  void validity(const std::string &key, const Validity &v) {
    out << key << ".added=" << (v.added ? to_string(*v.added) : "-")
        << " removed=" << (v.removed ? to_string(*v.removed) : "-") << '\n';
  }
  void suppress(const std::string &key, const std::vector<Suppression> &list) {
    for (const auto &s : list) {
      out << key << ".suppress " << s.rule << ": " << s.reason.value << '\n';
    }
  }
  void joint(const std::string &key, const std::optional<JointUse> &j) {
    if (!j) {
      return;
    }
    text(key + ".heading", j->heading);
    texts(key + ".intro", j->intro);
    for (const auto &e : j->entries) {
      text(key + ".entry.label", e.label);
      for (const auto &f : e.fields) {
        out << key << ".entry.field=" << f << (e.fields_inferred ? " (inferred)" : "") << '\n';
      }
      texts(key + ".entry.lines", e.lines);
    }
    for (const char *f : k_joint_use_fields) {
      text(key + "." + f, *joint_use_field(*j, f));
    }
  }
  void entries(const std::string &key, const std::vector<ListEntry> &list) {
    for (const auto &e : list) {
      out << key << " [" << e.marker.value << "] " << e.text.value << " data=" << e.data << '\n';
      entries(key + ">", e.children);
    }
  }
  void blocks(const std::string &key, const std::vector<Block> &list) {
    for (const auto &b : list) {
      out << key << " block kind=" << static_cast<int>(b.kind) << " id=" << b.id << " role=" << b.role
          << " level=" << b.level << " marker=" << b.marker.value << '\n';
      text(key + ".text", b.text);
      entries(key + ".entries", b.entries);
      text(key + ".caption", b.caption);
      texts(key + ".header", b.header);
      for (const auto &row : b.rows) {
        texts(key + ".row", row);
      }
      for (const auto &f : b.fields) {
        text(key + ".field.label", f.label);
        texts(key + ".field.value", f.value);
      }
      blocks(key + ">", b.children);
      joint(key + ".joint", b.joint_use);
      refs(key + ".parties", b.parties);
      refs(key + ".data", b.data);
      validity(key, b.validity);
      suppress(key, b.suppress);
    }
  }

  std::string notice(const Notice &n) {
    text("insurer.name", n.insurer.name);
    out << "insurer.kind=" << n.insurer.kind << '\n';
    text("insurer.address", n.insurer.address);
    text("insurer.representative", n.insurer.representative);
    text("title", n.title);
    texts("title_lines", n.title_lines);
    for (const auto &t : n.terms) {
      out << "term " << t.term.value << '=' << t.meaning.value << '\n';
    }
    for (const auto *list : {&n.preamble, &n.postscript}) {
      for (const auto &p : *list) {
        out << "paragraph id=" << p.id << ' ' << p.text.value << '\n';
        validity("paragraph", p.validity);
      }
    }
    for (const auto &d : n.data) {
      out << "data " << d.id << ' ' << d.name.value << ' ' << d.sensitive << d.my_number << ' ' << d.description.value
          << '\n';
      validity("data", d.validity);
    }
    for (const auto &p : n.parties) {
      out << "party " << p.id << ' ' << p.name.value << ' ' << to_string(p.kind) << ' ' << p.abroad << ' '
          << p.country.value << ' ' << p.description.value << '\n';
      validity("party", p.validity);
    }
    for (const auto &c : n.categories) {
      out << "category " << c.id << " number=" << (c.number ? std::to_string(*c.number) : "-") << " model=" << c.model
          << " item_marker=" << c.has_item_marker << c.item_marker << '\n';
      text("category.marker", c.marker);
      text("category.title", c.title);
      texts("category.intro", c.intro);
      blocks("category.notes", c.notes);
      validity("category", c.validity);
      suppress("category", c.suppress);
      for (const auto &b : c.buckets) {
        out << "bucket " << b.id << " kind=" << to_string(b.kind) << b.kind_inferred
            << " item_marker=" << b.has_item_marker << b.item_marker << '\n';
        text("bucket.heading", b.heading);
        joint("bucket.joint", b.joint_use);
        blocks("bucket.notes", b.notes);
        validity("bucket", b.validity);
        suppress("bucket", b.suppress);
        for (const auto &u : b.items) {
          out << "item " << u.id << " flow=" << (u.flow ? to_string(*u.flow) : "-") << " replaces=" << u.replaces
              << '\n';
          text("item.text", u.text);
          refs("item.parties", u.parties);
          refs("item.data", u.data);
          for (const auto &basis : u.basis) {
            out << "basis " << basis.law << ' ' << basis.article << ' ' << basis.paragraph << ' ' << basis.item << ' '
                << basis.note.value << '\n';
          }
          joint("item.joint", u.joint_use);
          texts("item.notes", u.notes);
          texts("item.note_markers", u.note_markers);
          texts("item.undecided", u.undecided);
          validity("item", u.validity);
          suppress("item", u.suppress);
        }
      }
    }
    for (const auto &r : n.revisions) {
      out << "revision " << to_string(r.effective) << " dating=" << static_cast<int>(r.dating)
          << " top=" << r.wording_top << " provenance=" << to_string(r.provenance) << '\n';
      text("revision.wording", r.wording);
      text("revision.source", r.source);
      texts("revision.changes", r.changes);
    }
    for (const auto &e : n.elsewhere) {
      for (const auto &m : e.matters) {
        out << "elsewhere " << m << '\n';
      }
      text("elsewhere.where", e.where);
    }
    blocks("body", n.body);
    if (n.part) {
      out << "part excerpt=" << n.part->excerpt << '\n';
      text("part.of", n.part->of);
      texts("part.others", n.part->others);
      text("part.reason", n.part->reason);
    }
    out << "style " << n.style.item_marker << ' ' << n.style.category_markers_drawn << '\n';
    return out.str();
  }
};

std::string describe(const Notice &n) {
  return Describe().notice(n);
}

std::string read_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Loads `yaml`, requiring it to be clean.
Notice load_clean(const std::string &name, const std::string &yaml) {
  LoadResult r = load_text(name, yaml);
  std::string problems;
  for (const auto &d : r.diagnostics) {
    problems += format_diagnostic(d) + "\n";
  }
  INFO(problems << yaml);
  REQUIRE(r.notice);
  return std::move(*r.notice);
}

// load(write(n)) describes as n does, and writing again gives the same bytes.
void check_round_trip(const std::string &name, const Notice &original) {
  const std::string written = write_notice_yaml(original);
  const Notice back = load_clean(name + " (written)", written);
  INFO(name);
  CHECK(describe(back) == describe(original));
  CHECK(write_notice_yaml(back) == written);
}

Notice with_item_text(const std::string &value) {
  Notice n = load_clean("a.yaml", test::k_minimal);
  n.categories.at(0).buckets.at(0).items.at(0).text.value = value;
  n.title.value = value;
  n.insurer.name.value = value;
  return n;
}

} // namespace

TEST_CASE("scalars YAML would misread are quoted, others stay plain", "[yaml_write]") {
  for (const std::string plain :
       {"保険給付及び付加給付の実施", "・被保険者資格の確認", "１．保険給付", "【健保組合等の内部での利用に係る事例】",
        "令和３年９月１日施行", "○健診", "a-b", "１０", "全角：コロン", "①", "x:y"}) {
    INFO(plain);
    CHECK(yaml_plain_safe(plain));
    CHECK(yaml_scalar(plain) == plain);
  }
  for (const std::string quoted :
       {"true",      "False",      "NO",         "on",       "y",          "null",  "~",  "1",    "1.",   "-1",
        "0x1F",      "1e3",        ".5",         ".inf",     "2021-09-01", "12:30", ":",  "a: b", "a #b", "ends:",
        "#x",        "- 保険給付", "-保険給付",  "* 注",     "*注",        "&a",    "!x", "|",    ">",    "'q'",
        "\"q\"",     "%p",         "@x",         "`x`",      "[a]",        "{a}",   "?",  ",",    "---",  "...",
        " 先頭空白", "末尾空白 ",  "　全角空白", "行\n改行", "タブ\tあり", ""}) {
    INFO(quoted);
    CHECK_FALSE(yaml_plain_safe(quoted));
  }
  CHECK(yaml_scalar("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(yaml_scalar("\x01") == "\"\\x01\"");
  CHECK(yaml_scalar("\xE2\x80\xA8") == "\"\\u2028\"");
}

TEST_CASE("every tricky scalar reads back as itself", "[yaml_write]") {
  for (const std::string value : {"true",
                                  "1.",
                                  ":",
                                  "#",
                                  "・被保険者",
                                  "- 先頭ハイフン",
                                  "* 先頭アスタリスク",
                                  "2021-09-01",
                                  "全角テキスト　中の空白",
                                  "null",
                                  "1",
                                  "a: b",
                                  "x #y",
                                  "\"引用\"",
                                  "'single'",
                                  "行1\n行2",
                                  "\\バックスラッシュ",
                                  "　全角空白で始まる",
                                  "yes",
                                  "0o17",
                                  "+1",
                                  "１．",
                                  "(1)",
                                  "①",
                                  "一、",
                                  "【】",
                                  "〔〕"}) {
    INFO(value);
    const Notice n = with_item_text(value);
    const std::string written = write_notice_yaml(n);
    const Notice back = load_clean("t.yaml", written);
    CHECK(back.categories.at(0).buckets.at(0).items.at(0).text.value == value);
    CHECK(back.title.value == value);
    CHECK(back.insurer.name.value == value);
  }
}

TEST_CASE("the writer is block style, schema 2 and stable", "[yaml_write]") {
  const Notice n = load_clean("a.yaml", test::k_minimal);
  const std::string written = write_notice_yaml(n);
  CHECK(written.rfind("schema: 2\n", 0) == 0);
  CHECK(written.find('{') == std::string::npos);
  CHECK(written.find("\n  name: テスト健康保険組合\n") != std::string::npos);
  CHECK(written.find("\n    marker: \"1．\"\n") == std::string::npos); // 1． is plain: not a number to YAML
  CHECK(written.find("\n    marker: 1．\n") != std::string::npos);
  CHECK(written == write_notice_yaml(n));
}

TEST_CASE("comments go above elements and after keys", "[yaml_write]") {
  const Notice n = load_clean("a.yaml", test::k_minimal);
  YamlComments comments;
  comments.header = {"imported from a.txt", ""};
  const UseCase &item = n.categories.at(0).buckets.at(0).items.at(0);
  comments.above[&item] = {"a.txt line 12"};
  comments.above[&n.categories.at(0)] = {"a.txt line 10"};
  YamlWriteOptions options;
  options.comments = &comments;
  Notice flowing = n;
  flowing.categories.at(0).buckets.at(0).items.at(0).flow = FlowKind::outsourcing;
  comments.above[&flowing.categories.at(0).buckets.at(0).items.at(0)] = {"a.txt line 12"};
  comments.trailing[{&flowing.categories.at(0).buckets.at(0).items.at(0), "flow"}] = "inferred: 委託";
  const std::string written = write_notice_yaml(flowing, options);
  CHECK(written.rfind("# imported from a.txt\n#\nschema: 2\n", 0) == 0);
  CHECK(written.find("          # a.txt line 12\n          - id: benefit-payment\n") != std::string::npos);
  CHECK(written.find("flow: outsourcing  # inferred: 委託\n") != std::string::npos);
  const Notice back = load_clean("c.yaml", written);
  CHECK(describe(back) == describe(flowing));
}

TEST_CASE("load(write(n)) == n for the bundled notice and every fixture", "[yaml_write]") {
  namespace fs = std::filesystem;
  const fs::path root = NOTICE_SOURCE_DIR;
  std::vector<fs::path> files = {root / "notice" / "acom-kenpo.yaml"};
  for (const auto &entry : fs::recursive_directory_iterator(root / "tests")) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  int checked = 0;
  for (const auto &file : files) {
    const LoadResult r = load_text(file.string(), read_file(file));
    if (!r.notice) {
      continue; // fixtures of errors, configs, lexicons, CI recipes …
    }
    check_round_trip(file.string(), *r.notice);
    ++checked;
  }
  // The bundled notice and the valid notices among the e2e fixtures.
  CHECK(checked >= 20);
}

TEST_CASE("format 2 elements survive the writer", "[yaml_write]") {
  const std::string yaml = R"yaml(schema: 2
insurer:
  name: 例健康保険組合
  kind: kenpo
title:
  - 個人情報の利用目的
  - 例健康保険組合
revisions:
  - effective: 2016-10
    wording: 平成28年10月
    wording_at: top
  - seen: 2026-12-01
style:
  item_marker: ○
  category_markers: list
categories:
  - id: c1
    marker: "(1)"
    title: 保険給付
    item_marker: ""
    buckets:
      - id: b1
        heading: 〔健保組合等の内部での利用に係る事例〕
        item_marker: ①
        items:
          - id: i1
            text: 保険給付の実施
            notes:
              - 説明
              - text: 注
                marker: ※
            undecided: [flow, parties]
        notes:
          - list:
              - 行
              - text: 子あり
                marker: ・
                items: [孫]
            marker: ""
    notes:
      - fields:
          - label: 注記1
            value: 値
          - label: 注記2
            value: [a, b]
body:
  - heading: 見出し
    level: 3
  - 段落
  - paragraph: 保存期間の段落
    role: retention
  - data_held:
      - text: 氏名
    marker: ・
  - table:
      caption: 表
      header: [A, B]
      rows:
        - [a, b]
  - section:
      heading: 共同利用
      marker: Ⅱ
      blocks:
        - joint_use:
            heading: 健診結果の共同利用
            intro: [前文]
            entries:
              - label: 1. 共同利用する項目
                text: 健診結果
              - label: 2. 範囲
                lines: [事業主, 当組合]
              - label: 3. 趣旨
                field: statement
                text: 趣旨の文
            responsible: 常務理事
  - purposes: true
part:
  of: 個人情報保護について
  others: [共同利用]
  excerpt: true
  reason: cut
published_elsewhere:
  - matters: [complaints]
    where: 別添3
)yaml";
  const Notice n = load_clean("f2.yaml", yaml);
  check_round_trip("f2.yaml", n);
}
