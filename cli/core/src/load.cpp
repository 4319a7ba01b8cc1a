#include "notice/load.hpp"

#include "schema_check.hpp"
#include "utf8.hpp"
#include "yaml_tree.hpp"

#include "notice/error.hpp"
#include "notice/lexicon.hpp"
#include "notice/schema.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace notice {
namespace {

using detail::YamlNode;

Diagnostic make_error(const std::string &path, std::string rule, Position pos, Message message) {
  Diagnostic d;
  d.severity = Severity::error;
  d.rule_id = std::move(rule);
  d.path = path;
  d.pos = pos;
  d.message = std::move(message.en);
  d.message_ja = std::move(message.ja);
  return d;
}

/// Copies the schema-checked YAML tree into the model. The schema has already guaranteed the
/// shape, but every accessor still tolerates surprises: a wrong shape yields empty values, never UB.
class ModelBuilder {
public:
  ModelBuilder(const std::string &path, std::vector<Diagnostic> &diagnostics)
      : m_path(path), m_diagnostics(diagnostics) {}

  Notice build(const YamlNode &root) {
    Notice n;
    n.path = m_path;
    n.schema_version = static_cast<int>(integer(root.get("schema")).value_or(0));
    if (const YamlNode *insurer = map(root.get("insurer"))) {
      n.insurer.name = text(insurer, "name");
      n.insurer.kind = text(insurer, "kind").value;
      n.insurer.address = text(insurer, "address");
      n.insurer.representative = text(insurer, "representative");
    }
    if (const YamlNode *title = root.get("title"); title && title->is_sequence()) {
      // Several title lines: the first is the title; the others print after it.
      std::vector<Text> lines = texts(title);
      if (!lines.empty()) {
        n.title = lines.front();
        n.title_lines.assign(lines.begin() + 1, lines.end());
      }
    } else {
      n.title = text(&root, "title");
    }
    if (const YamlNode *style = map(root.get("style"))) {
      if (const YamlNode *marker = style->get("item_marker"); marker && marker->is_scalar()) {
        n.style.item_marker = marker->scalar;
      }
      n.style.category_markers_drawn = text(style, "category_markers").value == "list";
    }
    for (const YamlNode &r : items_of(root.get("revisions"))) {
      n.revisions.push_back(revision(r));
    }
    for (const YamlNode &t : items_of(root.get("terms"))) {
      n.terms.push_back(Term{text(&t, "term"), text(&t, "meaning"), t.pos});
    }
    for (const YamlNode &p : items_of(root.get("preamble"))) {
      n.preamble.push_back(paragraph(p));
    }
    for (const YamlNode &d : items_of(root.get("data"))) {
      n.data.push_back(data_source(d));
    }
    for (const YamlNode &p : items_of(root.get("parties"))) {
      n.parties.push_back(party(p));
    }
    for (const YamlNode &c : items_of(root.get("categories"))) {
      n.categories.push_back(category(c));
    }
    for (const YamlNode &p : items_of(root.get("postscript"))) {
      n.postscript.push_back(paragraph(p));
    }
    for (const YamlNode &b : items_of(root.get("body"))) {
      n.body.push_back(block(b));
    }
    if (const YamlNode *part = map(root.get("part"))) {
      Part p;
      p.of = text(part, "of");
      p.others = texts(part->get("others"));
      p.excerpt = flag(part, "excerpt");
      p.reason = text(part, "reason");
      p.pos = part->pos;
      n.part = std::move(p);
    }
    for (const YamlNode &e : items_of(root.get("published_elsewhere"))) {
      Elsewhere where;
      for (const YamlNode &m : items_of(e.get("matters"))) {
        if (m.is_scalar()) {
          where.matters.push_back(m.scalar);
        }
      }
      where.where = text(&e, "where");
      where.pos = e.pos;
      n.elsewhere.push_back(std::move(where));
    }
    return n;
  }

private:
  static const YamlNode *map(const YamlNode *node) { return node && node->is_mapping() ? node : nullptr; }

  static const std::vector<YamlNode> &items_of(const YamlNode *node) {
    static const std::vector<YamlNode> k_none;
    return node && node->is_sequence() ? node->children : k_none;
  }

  static Text text(const YamlNode *node, std::string_view key) {
    const YamlNode *value = node ? node->get(key) : nullptr;
    if (value && value->is_scalar()) {
      return Text{value->scalar, value->pos};
    }
    return Text{{}, value ? value->pos : Position{}};
  }

  static std::optional<long long> integer(const YamlNode *node) {
    if (!node || !node->is_scalar() || node->quoted) {
      return std::nullopt;
    }
    try {
      std::size_t used = 0;
      const long long value = std::stoll(node->scalar, &used);
      return used == node->scalar.size() ? std::optional<long long>(value) : std::nullopt;
    } catch (const std::exception &) {
      return std::nullopt;
    }
  }

  static bool flag(const YamlNode *node, std::string_view key) {
    const YamlNode *value = node ? node->get(key) : nullptr;
    return value && value->is_scalar() && !value->quoted && value->scalar == "true";
  }

  static std::vector<Text> texts(const YamlNode *node) {
    std::vector<Text> out;
    for (const YamlNode &item : items_of(node)) {
      if (item.is_scalar()) {
        out.push_back(Text{item.scalar, item.pos});
      }
    }
    return out;
  }

  static std::vector<Ref> refs(const YamlNode *node) {
    std::vector<Ref> out;
    for (const YamlNode &item : items_of(node)) {
      if (item.is_scalar()) {
        out.push_back(Ref{item.scalar, item.pos});
      }
    }
    return out;
  }

  std::optional<Date> date(const YamlNode *node) {
    if (!node || !node->is_scalar()) {
      return std::nullopt;
    }
    return date_value(node, node->scalar);
  }

  // `value` (the node's text, or a completed form of it) as a date, or a finding at the node.
  std::optional<Date> date_value(const YamlNode *node, const std::string &value) {
    auto parsed = parse_date(value);
    if (!parsed) {
      m_diagnostics.push_back(make_error(m_path, "invalid-date", node->pos,
                                         {"`" + node->scalar + "` is not a date that exists; write YYYY-MM-DD",
                                          "`" + node->scalar + "` は存在しない日付です。YYYY-MM-DD で書いてください"}));
    }
    return parsed;
  }

  Validity validity(const YamlNode &node) {
    Validity v;
    if (const YamlNode *added = node.get("added")) {
      v.added = date(added);
      v.added_pos = added->pos;
    }
    if (const YamlNode *removed = node.get("removed")) {
      v.removed = date(removed);
      v.removed_pos = removed->pos;
    }
    return v;
  }

  std::vector<Suppression> suppressions(const YamlNode &node) {
    std::vector<Suppression> out;
    for (const YamlNode &s : items_of(node.get("suppress"))) {
      out.push_back(Suppression{text(&s, "rule").value, text(&s, "reason"), s.pos});
    }
    return out;
  }

  Paragraph paragraph(const YamlNode &node) {
    if (node.is_scalar()) {
      return Paragraph{{}, Text{node.scalar, node.pos}, {}};
    }
    return Paragraph{text(&node, "id").value, text(&node, "text"), validity(node)};
  }

  Revision revision(const YamlNode &node) {
    Revision r;
    r.pos = node.pos;
    if (const YamlNode *effective = node.get("effective")) {
      // A month alone (2016-10) when the notice prints only its month: in force from its first day.
      if (effective->is_scalar() && effective->scalar.size() == 7) {
        r.dating = Revision::Dating::month;
        if (auto first = date_value(effective, effective->scalar + "-01")) {
          r.effective = *first;
        }
      } else if (auto d = date(effective)) {
        r.effective = *d;
      }
    } else if (auto seen = date(node.get("seen"))) {
      r.dating = Revision::Dating::seen;
      r.effective = *seen;
    }
    r.wording = text(&node, "wording");
    r.wording_top = text(&node, "wording_at").value == "top";
    r.wording_above = text(&node, "wording_at").value == "above";
    r.provenance =
        text(&node, "provenance").value == "reconstructed" ? Provenance::reconstructed : Provenance::published;
    r.source = text(&node, "source");
    r.changes = texts(node.get("changes"));
    return r;
  }

  DataSource data_source(const YamlNode &node) {
    DataSource d;
    d.id = text(&node, "id").value;
    d.pos = node.pos;
    d.name = text(&node, "name");
    d.sensitive = flag(&node, "sensitive");
    d.my_number = flag(&node, "my_number");
    d.description = text(&node, "description");
    d.validity = validity(node);
    return d;
  }

  Party party(const YamlNode &node) {
    Party p;
    p.id = text(&node, "id").value;
    p.pos = node.pos;
    p.name = text(&node, "name");
    p.kind = parse_party_kind(text(&node, "kind").value).value_or(PartyKind::other);
    p.abroad = flag(&node, "abroad");
    p.country = text(&node, "country");
    p.description = text(&node, "description");
    p.validity = validity(node);
    return p;
  }

  std::optional<JointUse> joint_use(const YamlNode *node) {
    if (!map(node)) {
      return std::nullopt;
    }
    JointUse j;
    j.heading = text(node, "heading");
    j.intro = texts(node->get("intro"));
    for (const YamlNode &e : items_of(node->get("entries"))) {
      JointUseEntry entry;
      entry.label = text(&e, "label");
      if (const YamlNode *field = e.get("field"); field && field->is_scalar()) {
        entry.fields.push_back(field->scalar);
      }
      for (const YamlNode &field : items_of(e.get("fields"))) {
        if (field.is_scalar()) {
          entry.fields.push_back(field.scalar);
        }
      }
      entry.pos = e.pos;
      if (const YamlNode *t = e.get("text"); t && t->is_scalar()) {
        entry.lines.push_back(Text{t->scalar, t->pos});
      }
      for (const Text &line : texts(e.get("lines"))) {
        entry.lines.push_back(line);
      }
      j.entries.push_back(std::move(entry));
    }
    j.statement = text(node, "statement");
    j.items = text(node, "items");
    j.scope = text(node, "scope");
    j.purpose = text(node, "purpose");
    j.responsible = text(node, "responsible");
    j.address = text(node, "address");
    j.representative = text(node, "representative");
    j.pos = node->pos;
    fill_joint_use_fields(j);
    return j;
  }

  // The statutory fields of a disclosure printed with the society's own labels: an entry's `field`, or
  // the field its label names (lexicon lists joint-use-label.<field>). Fields given directly win.
  static void fill_joint_use_fields(JointUse &j) {
    const Lexicon &lex = Lexicon::builtin();
    for (JointUseEntry &e : j.entries) {
      if (e.fields.empty() && !e.label.empty()) {
        for (const char *field : k_joint_use_fields) {
          if (lex.any(std::string("joint-use-label.") + field, e.label.value)) {
            e.fields.emplace_back(field);
            e.fields_inferred = true;
          }
        }
      }
      if (e.lines.empty()) {
        continue;
      }
      std::string joined;
      for (const Text &line : e.lines) {
        joined += (joined.empty() ? "" : "\n") + line.value;
      }
      for (const std::string &field : e.fields) {
        if (Text *target = joint_use_field(j, field); target && target->empty()) {
          *target = Text{joined, e.lines.front().pos};
        }
      }
    }
  }

  ListEntry list_entry(const YamlNode &node) {
    ListEntry e;
    e.pos = node.pos;
    if (node.is_scalar()) {
      e.text = Text{node.scalar, node.pos};
      return e;
    }
    e.marker = text(&node, "marker");
    e.text = text(&node, "text");
    if (const YamlNode *d = node.get("data"); d && d->is_scalar()) {
      e.data = d->scalar;
      e.data_pos = d->pos;
    }
    for (const YamlNode &child : items_of(node.get("items"))) {
      e.children.push_back(list_entry(child));
    }
    return e;
  }

  // One printed block: a plain string is a paragraph; a mapping names its kind by its key.
  Block block(const YamlNode &node) {
    Block b;
    b.pos = node.pos;
    if (node.is_scalar()) {
      b.text = Text{node.scalar, node.pos};
      return b;
    }
    b.id = text(&node, "id").value;
    b.role = text(&node, "role").value;
    b.marker = text(&node, "marker");
    b.validity = validity(node);
    b.suppress = suppressions(node);
    if (node.get("paragraph")) {
      b.kind = Block::Kind::paragraph;
      b.text = text(&node, "paragraph");
    } else if (node.get("heading")) {
      b.kind = Block::Kind::heading;
      b.text = text(&node, "heading");
      b.level = static_cast<int>(integer(node.get("level")).value_or(2));
    } else if (const YamlNode *list = node.get("list")) {
      b.kind = Block::Kind::list;
      for (const YamlNode &e : items_of(list)) {
        b.entries.push_back(list_entry(e));
      }
    } else if (const YamlNode *held = node.get("data_held")) {
      b.kind = Block::Kind::data_held;
      for (const YamlNode &e : items_of(held)) {
        b.entries.push_back(list_entry(e));
      }
    } else if (const YamlNode *table = map(node.get("table"))) {
      b.kind = Block::Kind::table;
      b.caption = text(table, "caption");
      b.header = texts(table->get("header"));
      for (const YamlNode &row : items_of(table->get("rows"))) {
        b.rows.push_back(texts(&row));
      }
    } else if (const YamlNode *fields = node.get("fields")) {
      b.kind = Block::Kind::fields;
      for (const YamlNode &f : items_of(fields)) {
        FieldLine line;
        line.label = text(&f, "label");
        line.pos = f.pos;
        if (const YamlNode *value = f.get("value"); value && value->is_scalar()) {
          line.value.push_back(Text{value->scalar, value->pos});
        } else {
          line.value = texts(f.get("value"));
        }
        b.fields.push_back(std::move(line));
      }
    } else if (const YamlNode *section = map(node.get("section"))) {
      b.kind = Block::Kind::section;
      b.text = text(section, "heading");
      b.marker = text(section, "marker");
      if (b.role.empty()) {
        b.role = text(section, "role").value;
      }
      for (const YamlNode &child : items_of(section->get("blocks"))) {
        b.children.push_back(block(child));
      }
    } else if (const YamlNode *joint = map(node.get("joint_use"))) {
      b.kind = Block::Kind::joint_use;
      b.joint_use = joint_use(joint);
      b.parties = refs(node.get("parties"));
      b.data = refs(node.get("data"));
    } else if (node.get("purposes")) {
      b.kind = Block::Kind::purposes;
    }
    return b;
  }

  UseCase use_case(const YamlNode &node) {
    UseCase u;
    u.id = text(&node, "id").value;
    u.pos = node.pos;
    u.text = text(&node, "text");
    if (const YamlNode *marker = node.get("marker"); marker && marker->is_scalar()) {
      u.marker = Text{marker->scalar, marker->pos};
      u.has_marker = true;
    }
    if (const YamlNode *flow = node.get("flow"); flow && flow->is_scalar()) {
      u.flow = parse_flow_kind(flow->scalar);
      u.flow_pos = flow->pos;
    }
    u.parties = refs(node.get("parties"));
    u.data = refs(node.get("data"));
    for (const YamlNode &b : items_of(node.get("basis"))) {
      u.basis.push_back(Basis{text(&b, "law").value, text(&b, "article").value, text(&b, "paragraph").value,
                              text(&b, "item").value, text(&b, "note"), b.pos});
    }
    u.joint_use = joint_use(node.get("joint_use"));
    for (const YamlNode &note : items_of(node.get("notes"))) {
      if (note.is_scalar()) {
        u.notes.push_back(Text{note.scalar, note.pos});
        u.note_markers.emplace_back();
      } else if (note.is_mapping()) {
        u.notes.push_back(text(&note, "text"));
        u.note_markers.push_back(text(&note, "marker"));
      }
    }
    u.replaces = text(&node, "replaces").value;
    u.undecided = texts(node.get("undecided"));
    u.validity = validity(node);
    u.suppress = suppressions(node);
    return u;
  }

  Bucket bucket(const YamlNode &node) {
    Bucket b;
    b.id = text(&node, "id").value;
    b.pos = node.pos;
    b.heading = text(&node, "heading");
    if (node.get("kind")) {
      b.kind = parse_bucket_kind(text(&node, "kind").value).value_or(BucketKind::other);
    } else {
      b.kind = read_bucket_kind(b.heading.value);
      b.kind_inferred = true;
    }
    for (const YamlNode &item : items_of(node.get("items"))) {
      b.items.push_back(use_case(item));
    }
    b.joint_use = joint_use(node.get("joint_use"));
    if (const YamlNode *marker = node.get("item_marker"); marker && marker->is_scalar()) {
      b.item_marker = marker->scalar;
      b.has_item_marker = true;
    }
    for (const YamlNode &n : items_of(node.get("notes"))) {
      b.notes.push_back(block(n));
    }
    b.validity = validity(node);
    b.suppress = suppressions(node);
    return b;
  }

  Category category(const YamlNode &node) {
    Category c;
    c.id = text(&node, "id").value;
    c.pos = node.pos;
    if (const YamlNode *number = node.get("number")) {
      if (auto value = integer(number)) {
        c.number = static_cast<int>(*value);
      }
      c.number_pos = number->pos;
    }
    c.marker = text(&node, "marker");
    c.title = text(&node, "title");
    c.intro = texts(node.get("intro"));
    for (const YamlNode &b : items_of(node.get("buckets"))) {
      c.buckets.push_back(bucket(b));
    }
    c.model = text(&node, "model").value;
    if (const YamlNode *marker = node.get("item_marker"); marker && marker->is_scalar()) {
      c.item_marker = marker->scalar;
      c.has_item_marker = true;
    }
    for (const YamlNode &n : items_of(node.get("notes"))) {
      c.notes.push_back(block(n));
    }
    c.validity = validity(node);
    c.suppress = suppressions(node);
    return c;
  }

  const std::string &m_path;
  std::vector<Diagnostic> &m_diagnostics;
};

} // namespace

BucketKind read_bucket_kind(std::string_view heading) {
  // The lexicon lists bucket-heading.<kind>; the most specific kinds are tried first.
  const Lexicon &lex = Lexicon::builtin();
  for (const BucketKind kind : {BucketKind::review_payment, BucketKind::received, BucketKind::provided,
                                BucketKind::joint_use, BucketKind::internal, BucketKind::external}) {
    if (lex.any("bucket-heading." + std::string(to_string(kind)), heading)) {
      return kind;
    }
  }
  return BucketKind::other;
}

LoadResult load_text(const std::string &path, std::string text, const LoadLimits &limits) {
  LoadResult result;
  if (text.size() > limits.max_file_bytes) {
    result.diagnostics.push_back(
        make_error(path, "file-too-large", Position{1, 1},
                   {"the file is " + std::to_string(text.size()) + " bytes; notices larger than " +
                        std::to_string(limits.max_file_bytes) + " bytes are refused",
                    "ファイルが " + std::to_string(text.size()) + " バイトあります。" +
                        std::to_string(limits.max_file_bytes) + " バイトを超える公表文は読み込みません"}));
    return result;
  }
  auto source = std::make_shared<Source>(path, std::move(text));
  result.source = source;
  if (const auto problem = detail::check_encoding(source->text())) {
    result.diagnostics.push_back(
        make_error(path, "encoding", source->position_of(problem->offset), {problem->message, problem->message_ja}));
    return result;
  }
  const detail::YamlParse parsed = detail::parse_yaml(*source, limits);
  if (parsed.problem) {
    result.diagnostics.push_back(
        make_error(path, parsed.problem->rule_id, parsed.problem->pos, parsed.problem->message));
    return result;
  }
  const YamlNode &root = *parsed.root;
  if (!root.is_mapping()) {
    const char *found = root.is_sequence() ? "a list" : "a single value";
    const char *found_ja = root.is_sequence() ? "リスト" : "単一の値";
    result.diagnostics.push_back(
        make_error(path, "root-not-mapping", root.pos,
                   {std::string("the top level is ") + found + "; a notice is a mapping that starts with `schema: 1`",
                    std::string("最上位が") + found_ja + "です。公表文は `schema: 1` で始まるマッピングです"}));
    return result;
  }
  if (const YamlNode *version = root.get("schema"); version && version->is_scalar() && !version->quoted) {
    bool known = false;
    std::string readable;
    for (int v : k_schema_versions) {
      known = known || version->scalar == std::to_string(v);
      readable += (readable.empty() ? "" : ", ") + std::to_string(v);
    }
    if (!known) {
      result.diagnostics.push_back(
          make_error(path, "schema-version", version->pos,
                     {"`schema: " + version->scalar + "` is not a format version this build reads (it reads " +
                          readable + "); upgrade notice-audit or fix the number",
                      "`schema: " + version->scalar + "` はこの版では読めない形式です（読めるのは " + readable +
                          "）。notice-audit を更新するか、番号を直してください"}));
      return result;
    }
  }
  auto schema_findings = detail::SchemaChecker::instance().check(root, path);
  if (!schema_findings.empty()) {
    result.diagnostics = std::move(schema_findings);
    return result;
  }
  Notice notice = ModelBuilder(path, result.diagnostics).build(root);
  notice.source = source;
  // A date that does not exist leaves a hole in the model; rules run on it would only report
  // consequences of that hole (revision order, unknown revisions), so stop here.
  if (result.diagnostics.empty()) {
    result.notice = std::move(notice);
  }
  return result;
}

LoadResult load_file(const std::string &path, const LoadLimits &limits) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    throw Error(path + ": no such file");
  }
  if (fs::is_directory(status)) {
    throw Error(path + ": is a directory; pass the notice files, or the directory to `validate`");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(path + ": cannot open: " + std::strerror(errno));
  }
  // Read in chunks and stop past the limit: a huge file (or an endless pipe) is never pulled in whole.
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= limits.max_file_bytes && in.read(chunk, sizeof chunk).gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    throw Error(path + ": read error: " + std::strerror(errno));
  }
  if (text.size() > limits.max_file_bytes) {
    LoadResult result;
    result.diagnostics.push_back(
        make_error(path, "file-too-large", Position{1, 1},
                   {"the file is larger than " + std::to_string(limits.max_file_bytes) +
                        " bytes; a notice is far smaller: is this the right file?",
                    "ファイルが " + std::to_string(limits.max_file_bytes) +
                        " バイトを超えています。公表文はずっと小さいはずです。正しいファイルですか"}));
    return result;
  }
  return load_text(path, std::move(text), limits);
}

} // namespace notice
