#include "notice/yaml_write.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace notice {
namespace {

// A small YAML tree that is printed in block style. Built from the model, then written out, so that
// layout decisions (where a key's value goes, where comments sit) are made in one place.
struct Node {
  enum class Kind { scalar, raw, sequence, mapping };
  Kind kind = Kind::scalar;
  std::string value; ///< scalar: the text (quoted when needed); raw: written as is (numbers, true, dates)
  std::vector<std::pair<std::string, Node>> entries; ///< mapping: key → value; sequence: "" → value
  std::vector<std::string> above;                    ///< comment lines printed above the node
  std::string trailing;                              ///< comment at the end of its (first) line
  bool blank_before = false;                         ///< a blank line before it (top-level keys)

  static Node text(std::string_view v) { return Node{Kind::scalar, std::string(v), {}, {}, {}, false}; }
  static Node raw(std::string v) { return Node{Kind::raw, std::move(v), {}, {}, {}, false}; }
  static Node seq() { return Node{Kind::sequence, {}, {}, {}, {}, false}; }
  static Node map() { return Node{Kind::mapping, {}, {}, {}, {}, false}; }

  Node &add(std::string key, Node v) {
    entries.emplace_back(std::move(key), std::move(v));
    return entries.back().second;
  }
  Node &push(Node v) { return add("", std::move(v)); }
  bool is_container() const { return kind == Kind::sequence || kind == Kind::mapping; }
  bool empty_container() const { return is_container() && entries.empty(); }
};

// ---- scalars ---------------------------------------------------------------------------------

// The code point at `i` (advancing `i`); U+FFFD for a malformed sequence.
char32_t next_code_point(std::string_view s, std::size_t &i) {
  const auto b = static_cast<unsigned char>(s[i++]);
  if (b < 0x80) {
    return b;
  }
  int extra = 0;
  char32_t cp = 0;
  if ((b >> 5) == 0x6) {
    extra = 1;
    cp = b & 0x1F;
  } else if ((b >> 4) == 0xE) {
    extra = 2;
    cp = b & 0x0F;
  } else if ((b >> 3) == 0x1E) {
    extra = 3;
    cp = b & 0x07;
  } else {
    return 0xFFFD;
  }
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      return 0xFFFD;
    }
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
    ++i;
  }
  return cp;
}

// Characters YAML does not allow in a plain scalar or that a reader may normalise: controls, the
// C1 block, NEL and the Unicode line and paragraph separators, the BOM.
bool needs_escape(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFD;
}

bool is_ascii_lower_equal(std::string_view s, std::string_view word) {
  if (s.size() != word.size()) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != word[i]) {
      return false;
    }
  }
  return true;
}

// Words that YAML 1.1 or 1.2 readers type as null or booleans.
constexpr std::array<std::string_view, 13> k_reserved{"null", "~", "true", "false", "yes",  "no",   "on",
                                                      "off",  "y", "n",    ".inf",  ".nan", "-.inf"};

// Anything that starts like a number (int, float, hex, octal, sexagesimal, date, time) in any YAML
// version: an ASCII run of digits, signs, dots, colons, underscores and letters after a leading
// digit or sign/dot + digit.
bool looks_numeric(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
  }
  if (i >= s.size() || s[i] < '0' || s[i] > '9') {
    return false;
  }
  for (const char c : s) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
                    c == ':' || c == '_' || c == '+' || c == '-' || c == ' ' || c == 'T';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool is_blank_cp(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

std::string escape_double_quoted(std::string_view s) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t c = next_code_point(s, i);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (c == 0xFFFD && s.substr(start, i - start) != "\xEF\xBF\xBD") {
        // A byte that is not UTF-8 cannot be written as text; U+FFFD says so visibly.
        out += "\\uFFFD";
      } else if (needs_escape(c) && c != 0xFFFD) {
        static const char *k_hex = "0123456789ABCDEF";
        if (c <= 0xFF) {
          out += "\\x";
          out += k_hex[(c >> 4) & 0xF];
          out += k_hex[c & 0xF];
        } else {
          out += "\\u";
          for (int shift = 12; shift >= 0; shift -= 4) {
            out += k_hex[(c >> shift) & 0xF];
          }
        }
      } else {
        out.append(s.substr(start, i - start));
      }
    }
  }
  out += '"';
  return out;
}

// ---- printing --------------------------------------------------------------------------------

class Printer {
public:
  std::string out;

  void comment_lines(const std::vector<std::string> &lines, int indent) {
    for (const auto &line : lines) {
      out.append(static_cast<std::size_t>(indent), ' ');
      out += line.empty() ? "#" : "# " + line;
      out += '\n';
    }
  }

  static std::string inline_value(const Node &n) {
    if (n.kind == Node::Kind::raw) {
      return n.value;
    }
    if (n.kind == Node::Kind::scalar) {
      return yaml_scalar(n.value);
    }
    return n.kind == Node::Kind::sequence ? "[]" : "{}";
  }

  void end_line(const Node &n) {
    if (!n.trailing.empty()) {
      out += "  # " + n.trailing;
    }
    out += '\n';
  }

  // The entries of a mapping, each starting at `indent`; the first may already have its indentation
  // written (after "- ").
  void mapping(const Node &m, int indent, bool first_inline) {
    bool first = true;
    for (const auto &[key, value] : m.entries) {
      if (value.blank_before && !out.empty()) {
        out += '\n';
      }
      if (!(first && first_inline)) {
        comment_lines(value.above, indent);
        out.append(static_cast<std::size_t>(indent), ' ');
      }
      first = false;
      out += key + ":";
      if (!value.is_container() || value.empty_container()) {
        out += " " + inline_value(value);
        end_line(value);
      } else if (value.kind == Node::Kind::sequence) {
        end_line(value);
        sequence(value, indent + 2);
      } else {
        end_line(value);
        mapping(value, indent + 2, false);
      }
    }
  }

  void sequence(const Node &s, int indent) {
    for (const auto &entry : s.entries) {
      const Node &value = entry.second;
      comment_lines(value.above, indent);
      out.append(static_cast<std::size_t>(indent), ' ');
      out += "- ";
      if (!value.is_container() || value.empty_container()) {
        out += inline_value(value);
        end_line(value);
      } else if (value.kind == Node::Kind::mapping) {
        // The comments of the first key go above the "- " line.
        mapping(value, indent + 2, true);
      } else {
        out.pop_back();
        out.pop_back();
        out += "-";
        end_line(value);
        sequence(value, indent + 2);
      }
    }
  }
};

// ---- the model as a tree ---------------------------------------------------------------------

class Builder {
public:
  explicit Builder(const YamlComments *comments) : m_comments(comments) {}

  Node notice(const Notice &n) {
    Node root = Node::map();
    root.add("schema", Node::raw("2"));
    Node insurer = Node::map();
    opt(insurer, "name", n.insurer.name);
    if (!n.insurer.kind.empty()) {
      insurer.add("kind", Node::text(n.insurer.kind));
    }
    opt(insurer, "address", n.insurer.address);
    opt(insurer, "representative", n.insurer.representative);
    top(root, "insurer", std::move(insurer));
    if (!n.title.empty() || !n.title_lines.empty()) {
      if (n.title_lines.empty()) {
        top(root, "title", Node::text(n.title.value), &n.title);
      } else {
        Node lines = Node::seq();
        lines.push(Node::text(n.title.value));
        for (const auto &t : n.title_lines) {
          lines.push(Node::text(t.value));
        }
        top(root, "title", std::move(lines), &n.title);
      }
    }
    Node revisions = Node::seq();
    for (const auto &r : n.revisions) {
      revisions.push(revision(r));
    }
    top(root, "revisions", std::move(revisions));
    if (!n.terms.empty()) {
      Node terms = Node::seq();
      for (const auto &t : n.terms) {
        Node m = Node::map();
        m.add("term", Node::text(t.term.value));
        m.add("meaning", Node::text(t.meaning.value));
        terms.push(annotate(std::move(m), &t));
      }
      top(root, "terms", std::move(terms));
    }
    if (!n.preamble.empty()) {
      top(root, "preamble", paragraphs(n.preamble));
    }
    if (!n.data.empty()) {
      Node data = Node::seq();
      for (const auto &d : n.data) {
        data.push(data_source(d));
      }
      top(root, "data", std::move(data));
    }
    if (!n.parties.empty()) {
      Node parties = Node::seq();
      for (const auto &p : n.parties) {
        parties.push(party(p));
      }
      top(root, "parties", std::move(parties));
    }
    const Style defaults;
    if (n.style.item_marker != defaults.item_marker || n.style.category_markers_drawn) {
      Node style = Node::map();
      if (n.style.item_marker != defaults.item_marker) {
        style.add("item_marker", Node::text(n.style.item_marker));
      }
      if (n.style.category_markers_drawn) {
        style.add("category_markers", Node::text("list"));
      }
      top(root, "style", std::move(style));
    }
    if (!n.categories.empty()) {
      Node categories = Node::seq();
      for (const auto &c : n.categories) {
        categories.push(category(c));
      }
      top(root, "categories", std::move(categories));
    }
    if (!n.postscript.empty()) {
      top(root, "postscript", paragraphs(n.postscript));
    }
    if (!n.body.empty()) {
      top(root, "body", blocks(n.body));
    }
    if (n.part) {
      Node part = Node::map();
      opt(part, "of", n.part->of);
      texts(part, "others", n.part->others);
      if (n.part->excerpt) {
        part.add("excerpt", Node::raw("true"));
      }
      opt(part, "reason", n.part->reason);
      top(root, "part", std::move(part), &*n.part);
    }
    if (!n.elsewhere.empty()) {
      Node list = Node::seq();
      for (const auto &e : n.elsewhere) {
        Node m = Node::map();
        Node matters = Node::seq();
        for (const auto &matter : e.matters) {
          matters.push(Node::text(matter));
        }
        m.add("matters", std::move(matters));
        opt(m, "where", e.where);
        list.push(annotate(std::move(m), &e));
      }
      top(root, "published_elsewhere", std::move(list));
    }
    if (m_comments) {
      root.entries.front().second.above = m_comments->header;
    }
    return root;
  }

private:
  const YamlComments *m_comments;

  Node annotate(Node node, const void *element) {
    if (m_comments && element) {
      if (auto it = m_comments->above.find(element); it != m_comments->above.end()) {
        node.above.insert(node.above.end(), it->second.begin(), it->second.end());
      }
    }
    return node;
  }

  // The trailing comment of `element`'s key `key`, if any, put on `node`.
  Node &trail(Node &node, const void *element, const std::string &key) {
    if (m_comments && element) {
      if (auto it = m_comments->trailing.find({element, key}); it != m_comments->trailing.end()) {
        node.trailing = it->second;
      }
    }
    return node;
  }

  void top(Node &root, const std::string &key, Node value, const void *element = nullptr) {
    Node &added = root.add(key, annotate(std::move(value), element));
    added.blank_before = true;
  }

  static void opt(Node &m, const std::string &key, const Text &t) {
    if (!t.empty()) {
      m.add(key, Node::text(t.value));
    }
  }

  static void texts(Node &m, const std::string &key, const std::vector<Text> &list) {
    if (list.empty()) {
      return;
    }
    Node seq = Node::seq();
    for (const auto &t : list) {
      seq.push(Node::text(t.value));
    }
    m.add(key, std::move(seq));
  }

  static void refs(Node &m, const std::string &key, const std::vector<Ref> &list) {
    if (list.empty()) {
      return;
    }
    Node seq = Node::seq();
    for (const auto &r : list) {
      seq.push(Node::text(r.id));
    }
    m.add(key, std::move(seq));
  }

  static void validity(Node &m, const Validity &v) {
    if (v.added) {
      m.add("added", Node::raw(to_string(*v.added)));
    }
    if (v.removed) {
      m.add("removed", Node::raw(to_string(*v.removed)));
    }
  }

  static void suppressions(Node &m, const std::vector<Suppression> &list) {
    if (list.empty()) {
      return;
    }
    Node seq = Node::seq();
    for (const auto &s : list) {
      Node e = Node::map();
      e.add("rule", Node::text(s.rule));
      opt(e, "reason", s.reason);
      seq.push(std::move(e));
    }
    m.add("suppress", std::move(seq));
  }

  Node revision(const Revision &r) {
    Node m = Node::map();
    const std::string date = to_string(r.effective);
    switch (r.dating) {
    case Revision::Dating::effective:
      m.add("effective", Node::raw(date));
      break;
    case Revision::Dating::month:
      m.add("effective", Node::raw(date.substr(0, 7)));
      break;
    case Revision::Dating::seen:
      m.add("seen", Node::raw(date));
      break;
    }
    trail(m.entries.back().second, &r, "effective");
    opt(m, "wording", r.wording);
    if (r.wording_top) {
      m.add("wording_at", Node::text("top"));
    }
    if (r.provenance == Provenance::reconstructed) {
      m.add("provenance", Node::text("reconstructed"));
    }
    opt(m, "source", r.source);
    texts(m, "changes", r.changes);
    return annotate(std::move(m), &r);
  }

  Node paragraphs(const std::vector<Paragraph> &list) {
    Node seq = Node::seq();
    for (const auto &p : list) {
      if (p.id.empty() && !p.validity.added && !p.validity.removed) {
        seq.push(annotate(Node::text(p.text.value), &p));
      } else {
        Node m = Node::map();
        if (!p.id.empty()) {
          m.add("id", Node::text(p.id));
        }
        m.add("text", Node::text(p.text.value));
        validity(m, p.validity);
        seq.push(annotate(std::move(m), &p));
      }
    }
    return seq;
  }

  Node data_source(const DataSource &d) {
    Node m = Node::map();
    m.add("id", Node::text(d.id));
    opt(m, "name", d.name);
    if (d.sensitive) {
      trail(m.add("sensitive", Node::raw("true")), &d, "sensitive");
    }
    if (d.my_number) {
      trail(m.add("my_number", Node::raw("true")), &d, "my_number");
    }
    opt(m, "description", d.description);
    validity(m, d.validity);
    return annotate(std::move(m), &d);
  }

  Node party(const Party &p) {
    Node m = Node::map();
    m.add("id", Node::text(p.id));
    opt(m, "name", p.name);
    trail(m.add("kind", Node::text(to_string(p.kind))), &p, "kind");
    if (p.abroad) {
      m.add("abroad", Node::raw("true"));
    }
    opt(m, "country", p.country);
    opt(m, "description", p.description);
    validity(m, p.validity);
    return annotate(std::move(m), &p);
  }

  // A disclosure: its entries as printed, then only the statutory fields that no entry gives (the
  // loader fills those from the entries again).
  static Node joint_use(const JointUse &j) {
    Node m = Node::map();
    opt(m, "heading", j.heading);
    texts(m, "intro", j.intro);
    std::vector<std::string> derived;
    if (!j.entries.empty()) {
      Node entries = Node::seq();
      for (const auto &e : j.entries) {
        Node entry = Node::map();
        opt(entry, "label", e.label);
        if (!e.fields_inferred && e.fields.size() == 1) {
          entry.add("field", Node::text(e.fields.front()));
        } else if (!e.fields_inferred && !e.fields.empty()) {
          Node fields = Node::seq();
          for (const auto &f : e.fields) {
            fields.push(Node::text(f));
          }
          entry.add("fields", std::move(fields));
        }
        if (e.lines.size() == 1) {
          entry.add("text", Node::text(e.lines.front().value));
        } else {
          texts(entry, "lines", e.lines);
        }
        if (!e.lines.empty()) {
          std::string joined;
          for (const Text &line : e.lines) {
            joined += (joined.empty() ? "" : "\n") + line.value;
          }
          for (const auto &f : e.fields) {
            derived.push_back(f + "\n" + joined);
          }
        }
        entries.push(std::move(entry));
      }
      m.add("entries", std::move(entries));
    }
    for (const char *field : k_joint_use_fields) {
      const Text *t = joint_use_field(j, field);
      if (t == nullptr || t->empty()) {
        continue;
      }
      // Only the first entry naming a field fills it on load; a value equal to it is not written twice.
      bool from_entry = false;
      for (const auto &d : derived) {
        if (d.compare(0, std::string(field).size() + 1, std::string(field) + "\n") == 0) {
          from_entry = d.substr(std::string(field).size() + 1) == t->value;
          break;
        }
      }
      if (!from_entry) {
        m.add(field, Node::text(t->value));
      }
    }
    return m;
  }

  Node list_entries(const std::vector<ListEntry> &list) {
    Node seq = Node::seq();
    for (const auto &e : list) {
      if (e.marker.empty() && e.data.empty() && e.children.empty()) {
        seq.push(annotate(Node::text(e.text.value), &e));
        continue;
      }
      Node m = Node::map();
      m.add("text", Node::text(e.text.value));
      opt(m, "marker", e.marker);
      if (!e.data.empty()) {
        m.add("data", Node::text(e.data));
      }
      if (!e.children.empty()) {
        m.add("items", list_entries(e.children));
      }
      seq.push(annotate(std::move(m), &e));
    }
    return seq;
  }

  Node blocks(const std::vector<Block> &list) {
    Node seq = Node::seq();
    for (const auto &b : list) {
      seq.push(block(b));
    }
    return seq;
  }

  Node block(const Block &b) {
    const bool bare = b.id.empty() && b.role.empty() && !b.validity.added && !b.validity.removed && b.suppress.empty();
    if (b.kind == Block::Kind::paragraph && bare) {
      return annotate(Node::text(b.text.value), &b);
    }
    Node m = Node::map();
    switch (b.kind) {
    case Block::Kind::paragraph:
      m.add("paragraph", Node::text(b.text.value));
      break;
    case Block::Kind::heading:
      m.add("heading", Node::text(b.text.value));
      if (b.level != 2) {
        m.add("level", Node::raw(std::to_string(b.level)));
      }
      break;
    case Block::Kind::list:
    case Block::Kind::data_held:
      m.add(b.kind == Block::Kind::list ? "list" : "data_held", list_entries(b.entries));
      opt(m, "marker", b.marker);
      break;
    case Block::Kind::table: {
      Node t = Node::map();
      opt(t, "caption", b.caption);
      texts(t, "header", b.header);
      Node rows = Node::seq();
      for (const auto &row : b.rows) {
        Node cells = Node::seq();
        for (const auto &cell : row) {
          cells.push(Node::text(cell.value));
        }
        rows.push(std::move(cells));
      }
      t.add("rows", std::move(rows));
      m.add("table", std::move(t));
      break;
    }
    case Block::Kind::fields: {
      Node fields = Node::seq();
      for (const auto &f : b.fields) {
        Node line = Node::map();
        line.add("label", Node::text(f.label.value));
        if (f.value.size() == 1) {
          line.add("value", Node::text(f.value.front().value));
        } else {
          Node values = Node::seq();
          for (const auto &v : f.value) {
            values.push(Node::text(v.value));
          }
          line.add("value", std::move(values));
        }
        fields.push(std::move(line));
      }
      m.add("fields", std::move(fields));
      break;
    }
    case Block::Kind::section: {
      Node s = Node::map();
      s.add("heading", Node::text(b.text.value));
      opt(s, "marker", b.marker);
      if (!b.children.empty()) {
        s.add("blocks", blocks(b.children));
      }
      m.add("section", std::move(s));
      break;
    }
    case Block::Kind::joint_use:
      m.add("joint_use", b.joint_use ? joint_use(*b.joint_use) : Node::map());
      refs(m, "parties", b.parties);
      refs(m, "data", b.data);
      break;
    case Block::Kind::purposes:
      m.add("purposes", Node::raw("true"));
      break;
    }
    if (!b.id.empty()) {
      m.add("id", Node::text(b.id));
    }
    if (!b.role.empty()) {
      trail(m.add("role", Node::text(b.role)), &b, "role");
    }
    validity(m, b.validity);
    suppressions(m, b.suppress);
    return annotate(std::move(m), &b);
  }

  Node item(const UseCase &u) {
    Node m = Node::map();
    m.add("id", Node::text(u.id));
    if (u.has_marker) {
      m.add("marker", Node::text(u.marker.value));
    }
    m.add("text", Node::text(u.text.value));
    if (u.flow) {
      trail(m.add("flow", Node::text(to_string(*u.flow))), &u, "flow");
    }
    refs(m, "parties", u.parties);
    if (!u.parties.empty()) {
      trail(m.entries.back().second, &u, "parties");
    }
    refs(m, "data", u.data);
    if (!u.data.empty()) {
      trail(m.entries.back().second, &u, "data");
    }
    if (!u.basis.empty()) {
      Node seq = Node::seq();
      for (const auto &b : u.basis) {
        Node basis = Node::map();
        basis.add("law", Node::text(b.law));
        if (!b.article.empty()) {
          basis.add("article", Node::text(b.article));
        }
        if (!b.paragraph.empty()) {
          basis.add("paragraph", Node::text(b.paragraph));
        }
        if (!b.item.empty()) {
          basis.add("item", Node::text(b.item));
        }
        opt(basis, "note", b.note);
        seq.push(std::move(basis));
      }
      trail(m.add("basis", std::move(seq)), &u, "basis");
    }
    if (u.joint_use) {
      m.add("joint_use", joint_use(*u.joint_use));
    }
    if (!u.notes.empty()) {
      Node seq = Node::seq();
      for (std::size_t i = 0; i < u.notes.size(); ++i) {
        const bool marked = i < u.note_markers.size() && !u.note_markers[i].empty();
        if (marked) {
          Node note = Node::map();
          note.add("text", Node::text(u.notes[i].value));
          note.add("marker", Node::text(u.note_markers[i].value));
          seq.push(std::move(note));
        } else {
          seq.push(Node::text(u.notes[i].value));
        }
      }
      m.add("notes", std::move(seq));
    }
    if (!u.replaces.empty()) {
      m.add("replaces", Node::text(u.replaces));
    }
    if (!u.undecided.empty()) {
      Node seq = Node::seq();
      for (const auto &t : u.undecided) {
        seq.push(Node::text(t.value));
      }
      trail(m.add("undecided", std::move(seq)), &u, "undecided");
    }
    validity(m, u.validity);
    suppressions(m, u.suppress);
    return annotate(std::move(m), &u);
  }

  Node bucket(const Bucket &b) {
    Node m = Node::map();
    m.add("id", Node::text(b.id));
    if (!b.kind_inferred) {
      trail(m.add("kind", Node::text(to_string(b.kind))), &b, "kind");
    }
    if (!b.heading.empty()) {
      trail(m.add("heading", Node::text(b.heading.value)), &b, "heading");
    }
    if (b.has_item_marker) {
      m.add("item_marker", Node::text(b.item_marker));
    }
    Node items = Node::seq();
    for (const auto &u : b.items) {
      items.push(item(u));
    }
    m.add("items", std::move(items));
    if (b.joint_use) {
      m.add("joint_use", joint_use(*b.joint_use));
    }
    if (!b.notes.empty()) {
      m.add("notes", blocks(b.notes));
    }
    validity(m, b.validity);
    suppressions(m, b.suppress);
    return annotate(std::move(m), &b);
  }

  Node category(const Category &c) {
    Node m = Node::map();
    m.add("id", Node::text(c.id));
    if (c.number) {
      m.add("number", Node::raw(std::to_string(*c.number)));
    }
    opt(m, "marker", c.marker);
    opt(m, "title", c.title);
    if (!c.model.empty()) {
      trail(m.add("model", Node::text(c.model)), &c, "model");
    }
    if (c.has_item_marker) {
      m.add("item_marker", Node::text(c.item_marker));
    }
    texts(m, "intro", c.intro);
    Node buckets = Node::seq();
    for (const auto &b : c.buckets) {
      buckets.push(bucket(b));
    }
    m.add("buckets", std::move(buckets));
    if (!c.notes.empty()) {
      m.add("notes", blocks(c.notes));
    }
    validity(m, c.validity);
    suppressions(m, c.suppress);
    return annotate(std::move(m), &c);
  }
};

} // namespace

bool yaml_plain_safe(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  // Indicators that start something else at the beginning of a scalar.
  static constexpr std::string_view k_first = "-?:,[]{}#&*!|>'\"%@`";
  if (k_first.find(s.front()) != std::string_view::npos) {
    return false;
  }
  if (s.rfind("---", 0) == 0 || s.rfind("...", 0) == 0) {
    return false;
  }
  for (const auto word : k_reserved) {
    if (is_ascii_lower_equal(s, word)) {
      return false;
    }
  }
  if (looks_numeric(s)) {
    return false;
  }
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos || s.back() == ':' ||
      s.find(":\t") != std::string_view::npos || s.find("\t#") != std::string_view::npos) {
    return false;
  }
  std::size_t i = 0;
  char32_t first = 0;
  char32_t last = 0;
  bool any = false;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (c == 0xFFFD && s.substr(start, i - start) != "\xEF\xBF\xBD") {
      return false;
    }
    if (needs_escape(c) || c == '\t') {
      return false;
    }
    if (!any) {
      first = c;
      any = true;
    }
    last = c;
  }
  return !is_blank_cp(first) && !is_blank_cp(last);
}

std::string yaml_scalar(std::string_view value) {
  return yaml_plain_safe(value) ? std::string(value) : escape_double_quoted(value);
}

std::string write_notice_yaml(const Notice &notice, const YamlWriteOptions &options) {
  const Node root = Builder(options.comments).notice(notice);
  Printer printer;
  printer.comment_lines(root.entries.front().second.above, 0);
  Node copy = root;
  copy.entries.front().second.above.clear();
  printer.mapping(copy, 0, false);
  return printer.out;
}

} // namespace notice
