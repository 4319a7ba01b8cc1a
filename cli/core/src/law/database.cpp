// Builds the legal database from schemas/law/*.yaml (compiled in) and answers the rules' questions.
#include "utf8.hpp"
#include "yaml_tree.hpp"

#include "notice/error.hpp"
#include "notice/law.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace notice::detail {
extern const std::string_view k_law_appi_yaml;
extern const std::string_view k_law_mynumber_yaml;
extern const std::string_view k_law_health_yaml;
extern const std::string_view k_law_elderly_yaml;
extern const std::string_view k_law_milestones_yaml;
} // namespace notice::detail

namespace notice::law {
namespace {

using detail::YamlNode;

// Reads one file; every problem is an Error naming file:line:col, because the data is ours and a
// test keeps it well-formed: a broken entry must never pass silently.
class Reader {
public:
  Reader(const std::string &name, const YamlNode &root) : m_name(name), m_root(root) {}

  [[noreturn]] void fail(const YamlNode &at, const std::string &what) const {
    throw Error("built-in legal data " + m_name + ":" + std::to_string(at.pos.line) + ":" +
                std::to_string(at.pos.column) + ": " + what);
  }

  // Refuses keys the schema does not know: a typo in the data must not pass silently.
  void only(const YamlNode &map, std::initializer_list<std::string_view> allowed) const {
    for (const auto &key : map.keys) {
      if (std::find(allowed.begin(), allowed.end(), key.name) == allowed.end()) {
        fail(map, "unknown key `" + key.name + "`");
      }
    }
  }

  std::string text(const YamlNode &map, std::string_view key, bool required = true) const {
    const YamlNode *v = map.get(key);
    if (!v || v->kind == YamlNode::Kind::null) {
      if (required) {
        fail(map, "`" + std::string(key) + "` is required");
      }
      return {};
    }
    if (!v->is_scalar()) {
      fail(*v, "`" + std::string(key) + "` must be text");
    }
    return v->scalar;
  }

  Date date(const YamlNode &map, std::string_view key) const {
    const std::string value = text(map, key);
    const auto d = parse_date(value);
    if (!d) {
      fail(*map.get(key), "`" + std::string(key) + "` must be a date YYYY-MM-DD, not `" + value + "`");
    }
    return *d;
  }

  std::optional<Date> optional_date(const YamlNode &map, std::string_view key) const {
    if (!map.get(key)) {
      return std::nullopt;
    }
    return date(map, key);
  }

  Certainty certainty(const YamlNode &map) const {
    const std::string value = text(map, "certainty", false);
    if (value.empty() || value == "confirmed") {
      return Certainty::confirmed;
    }
    if (value == "uncertain" || value == "secondary") {
      if (text(map, "note", false).empty()) {
        fail(map, "a " + value + " fact must say in `note` what it rests on and what could not be confirmed");
      }
      return value == "uncertain" ? Certainty::uncertain : Certainty::secondary;
    }
    fail(*map.get("certainty"), "`certainty` is confirmed, secondary or uncertain");
  }

  std::vector<std::string> strings(const YamlNode &map, std::string_view key) const {
    std::vector<std::string> out;
    const YamlNode *v = map.get(key);
    if (!v) {
      return out;
    }
    if (!v->is_sequence()) {
      fail(*v, "`" + std::string(key) + "` must be a list");
    }
    for (const auto &child : v->children) {
      if (!child.is_scalar()) {
        fail(child, "`" + std::string(key) + "` lists text");
      }
      out.push_back(child.scalar);
    }
    return out;
  }

  const std::vector<YamlNode> &list(const YamlNode &map, std::string_view key) const {
    static const std::vector<YamlNode> k_empty;
    const YamlNode *v = map.get(key);
    if (!v) {
      return k_empty;
    }
    if (!v->is_sequence()) {
      fail(*v, "`" + std::string(key) + "` must be a list");
    }
    for (const auto &child : v->children) {
      if (!child.is_mapping()) {
        fail(child, "each entry of `" + std::string(key) + "` is a mapping");
      }
    }
    return v->children;
  }

  const std::string &name() const { return m_name; }
  const YamlNode &root() const { return m_root; }

private:
  const std::string &m_name;
  const YamlNode &m_root;
};

bool by_from(const Numbering &a, const Numbering &b) {
  return a.from < b.from;
}

} // namespace

bool Provision::named_in(std::string_view text) const {
  return std::any_of(keywords.begin(), keywords.end(), [&](const std::string &keyword) {
    std::size_t start = 0;
    while (true) {
      const std::size_t amp = keyword.find('&', start);
      const std::string_view part = std::string_view(keyword).substr(start, amp - start);
      if (text.find(part) == std::string_view::npos) {
        return false;
      }
      if (amp == std::string::npos) {
        return true;
      }
      start = amp + 1;
    }
  });
}

bool Cite::within(const Cite &other) const {
  if (law != other.law || article != other.article || branch != other.branch) {
    return false;
  }
  if (other.paragraph && other.paragraph != paragraph) {
    return false;
  }
  if (other.item && other.item != item) {
    return false;
  }
  return true;
}

Database Database::parse(const std::vector<std::pair<std::string, std::string_view>> &files) {
  Database db;
  for (const auto &[name, text] : files) {
    const Source source(name, std::string(text));
    const auto parsed = detail::parse_yaml(source, LoadLimits{});
    if (!parsed.root || !parsed.root->is_mapping()) {
      const Position pos = parsed.problem ? parsed.problem->pos : Position{};
      throw Error("built-in legal data " + name + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) +
                  ": " + (parsed.problem ? parsed.problem->message.en : std::string("not a mapping")));
    }
    const YamlNode &root = *parsed.root;
    Reader r(name, root);
    for (const auto &key : root.keys) {
      if (key.name != "sources" && key.name != "law" && key.name != "provisions" && key.name != "milestones") {
        r.fail(root, "unknown key `" + key.name + "`");
      }
    }
    for (const YamlNode &s : r.list(root, "sources")) {
      r.only(s, {"id", "document", "url", "read"});
      SourceRef ref{r.text(s, "id"), r.text(s, "document"), r.text(s, "url", false), r.text(s, "read")};
      if (db.find_source(ref.id)) {
        r.fail(s, "source `" + ref.id + "` is declared twice");
      }
      db.m_sources.push_back(std::move(ref));
    }
    const auto source_of = [&](const YamlNode &map) {
      std::string id = r.text(map, "source");
      if (!db.find_source(id)) {
        r.fail(*map.get("source"), "source `" + id + "` is not declared in `sources`");
      }
      return id;
    };

    std::string law_id;
    if (const YamlNode *l = root.get("law")) {
      Law law;
      r.only(*l,
             {"id", "title", "title_en", "number", "names", "common_misspellings", "items_only", "source", "versions"});
      law.id = r.text(*l, "id");
      law.title = r.text(*l, "title");
      law.title_en = r.text(*l, "title_en");
      law.number = r.text(*l, "number");
      law.names = r.strings(*l, "names");
      law.common_misspellings = r.strings(*l, "common_misspellings");
      law.source = source_of(*l);
      if (const YamlNode *items = l->get("items_only")) {
        for (const auto &n : items->children) {
          law.items_only.push_back(std::atoi(n.scalar.c_str()));
        }
      }
      for (const YamlNode &v : r.list(*l, "versions")) {
        r.only(v, {"from", "amended_by", "ja", "en", "source", "certainty", "note"});
        law.versions.push_back({r.date(v, "from"), r.text(v, "amended_by", false), r.text(v, "ja"), r.text(v, "en"),
                                source_of(v), r.certainty(v)});
        if (law.versions.size() > 1 && !(law.versions[law.versions.size() - 2].from < law.versions.back().from)) {
          r.fail(v, "versions must ascend by `from`");
        }
      }
      if (law.versions.empty() || law.names.empty()) {
        r.fail(*l, "a law needs `versions` and `names`");
      }
      law_id = law.id;
      db.m_laws.push_back(std::move(law));
    }
    for (const YamlNode &p : r.list(root, "provisions")) {
      if (law_id.empty()) {
        r.fail(p, "provisions belong to the file's `law`");
      }
      Provision prov;
      r.only(p, {"id", "ja", "en", "keywords", "note", "numbering", "requires"});
      prov.id = r.text(p, "id");
      prov.law = law_id;
      prov.ja = r.text(p, "ja");
      prov.en = r.text(p, "en");
      prov.keywords = r.strings(p, "keywords");
      prov.note = r.text(p, "note", false);
      if (db.find_provision(prov.id)) {
        r.fail(p, "provision `" + prov.id + "` is declared twice");
      }
      for (const YamlNode &n : r.list(p, "numbering")) {
        r.only(n, {"from", "until", "cite", "amended_by", "source", "certainty", "note"});
        Numbering num;
        num.from = r.date(n, "from");
        num.until = r.optional_date(n, "until");
        const std::string cite = r.text(n, "cite");
        const auto parsed_cite = parse_cite(cite);
        if (!parsed_cite) {
          r.fail(*n.get("cite"), "`cite` must read like 第27条第5項第3号, not `" + cite + "`");
        }
        num.cite = *parsed_cite;
        num.cite.law = law_id;
        num.amended_by = r.text(n, "amended_by", false);
        num.source = source_of(n);
        num.certainty = r.certainty(n);
        num.note = r.text(n, "note", false);
        prov.numbering.push_back(std::move(num));
      }
      if (prov.numbering.empty()) {
        r.fail(p, "a provision needs at least one `numbering` entry");
      }
      if (!std::is_sorted(prov.numbering.begin(), prov.numbering.end(), by_from)) {
        r.fail(p, "`numbering` must ascend by `from`");
      }
      for (const YamlNode &q : r.list(p, "requires")) {
        r.only(q, {"id", "ja", "en", "from", "source", "certainty", "note"});
        prov.requires_.push_back({r.text(q, "id"), r.text(q, "ja"), r.text(q, "en"), r.date(q, "from"), source_of(q),
                                  r.certainty(q), r.text(q, "note", false)});
      }
      db.m_provision_index.emplace(prov.id, db.m_provisions.size());
      db.m_provisions.push_back(std::move(prov));
    }
    for (const YamlNode &m : r.list(root, "milestones")) {
      r.only(m, {"id", "date", "ja", "en", "source", "certainty", "note"});
      Milestone ms{r.text(m, "id"), r.date(m, "date"), r.text(m, "ja"),         r.text(m, "en"),
                   source_of(m),    r.certainty(m),    r.text(m, "note", false)};
      if (db.find_milestone(ms.id)) {
        r.fail(m, "milestone `" + ms.id + "` is declared twice");
      }
      db.m_milestones.push_back(std::move(ms));
    }
  }

  std::set<Date> dates;
  for (const auto &law : db.m_laws) {
    for (const auto &v : law.versions) {
      dates.insert(v.from);
    }
  }
  for (const auto &p : db.m_provisions) {
    for (const auto &n : p.numbering) {
      dates.insert(n.from);
      if (n.until) {
        dates.insert(next_day(*n.until)); // the first day without it
      }
    }
    for (const auto &q : p.requires_) {
      dates.insert(q.from);
    }
  }
  for (const auto &m : db.m_milestones) {
    dates.insert(m.date);
  }
  db.m_change_dates.assign(dates.begin(), dates.end());

  for (const auto &law : db.m_laws) {
    for (const auto *list : {&law.names, &law.common_misspellings}) {
      for (const auto &name : *list) {
        std::u32string points;
        std::size_t i = 0;
        while (i < name.size()) {
          points.push_back(detail::next_code_point(name, i));
        }
        db.m_names.emplace_back(std::move(points), law.id);
      }
    }
  }
  std::stable_sort(db.m_names.begin(), db.m_names.end(),
                   [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
  return db;
}

const Database &Database::builtin() {
  static const Database db = parse({{"schemas/law/appi.yaml", detail::k_law_appi_yaml},
                                    {"schemas/law/mynumber.yaml", detail::k_law_mynumber_yaml},
                                    {"schemas/law/health.yaml", detail::k_law_health_yaml},
                                    {"schemas/law/elderly.yaml", detail::k_law_elderly_yaml},
                                    {"schemas/law/milestones.yaml", detail::k_law_milestones_yaml}});
  return db;
}

const Law *Database::find_law(std::string_view id) const {
  const auto it = std::find_if(m_laws.begin(), m_laws.end(), [&](const Law &l) { return l.id == id; });
  return it == m_laws.end() ? nullptr : &*it;
}

const Provision *Database::find_provision(std::string_view id) const {
  const auto it = m_provision_index.find(id); // rules look provisions up by id for every item
  return it == m_provision_index.end() ? nullptr : &m_provisions[it->second];
}

const Milestone *Database::find_milestone(std::string_view id) const {
  const auto it =
      std::find_if(m_milestones.begin(), m_milestones.end(), [&](const Milestone &m) { return m.id == id; });
  return it == m_milestones.end() ? nullptr : &*it;
}

const SourceRef *Database::find_source(std::string_view id) const {
  const auto it = std::find_if(m_sources.begin(), m_sources.end(), [&](const SourceRef &s) { return s.id == id; });
  return it == m_sources.end() ? nullptr : &*it;
}

const Provision &Database::provision(std::string_view id) const {
  if (const Provision *p = find_provision(id)) {
    return *p;
  }
  throw Error("internal error: no provision `" + std::string(id) + "` in the legal database");
}

Date Database::date(std::string_view milestone) const {
  if (const Milestone *m = find_milestone(milestone)) {
    return m->date;
  }
  throw Error("internal error: no milestone `" + std::string(milestone) + "` in the legal database");
}

const Numbering *Database::numbering(std::string_view id, Date date) const {
  return numbering(provision(id), date);
}

const Numbering *Database::numbering(const Provision &p, Date date) {
  const Numbering *found = nullptr;
  for (const auto &n : p.numbering) {
    if (n.from <= date) {
      found = &n;
    }
  }
  if (found && found->until && *found->until < date) {
    return nullptr;
  }
  return found;
}

std::vector<const Provision *> Database::meaning(const Cite &cite, Date date) const {
  std::vector<std::pair<int, const Provision *>> ranked; // (distance in levels, provision)
  const auto depth = [](const Cite &c) { return (c.paragraph ? 1 : 0) + (c.item ? 1 : 0); };
  for (const auto &p : m_provisions) {
    if (p.law != cite.law) {
      continue;
    }
    const Numbering *n = numbering(p, date);
    if (!n) {
      continue;
    }
    if (cite == n->cite) {
      ranked.emplace_back(0, &p);
    } else if (cite.within(n->cite)) {
      ranked.emplace_back(depth(cite) - depth(n->cite), &p); // the provision contains the citation
    } else if (n->cite.within(cite)) {
      ranked.emplace_back(10 + depth(n->cite) - depth(cite), &p); // the citation contains the provision
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<const Provision *> out;
  for (const auto &[rank, p] : ranked) {
    out.push_back(p);
  }
  return out;
}

const Law *Database::law_named(std::string_view name) const {
  for (const auto &law : m_laws) {
    if (law.id == name || std::find(law.names.begin(), law.names.end(), name) != law.names.end()) {
      return &law;
    }
  }
  return nullptr;
}

std::string format_cite(const Cite &c) {
  std::string s = "第" + std::to_string(c.article) + "条";
  if (c.branch) {
    s += "の" + std::to_string(c.branch);
  }
  if (c.paragraph) {
    s += "第" + std::to_string(c.paragraph) + "項";
  }
  if (c.item) {
    s += "第" + std::to_string(c.item) + "号";
  }
  return s;
}

namespace {
std::string short_name(const Database &db, const std::string &law) {
  const Law *l = db.find_law(law);
  if (!l) {
    return law;
  }
  // The shortest name notices use (個人情報保護法, 番号法); the title when there is no other.
  std::string best = l->title;
  for (const auto &n : l->names) {
    if (n.size() < best.size()) {
      best = n;
    }
  }
  return best;
}
} // namespace

std::string cite_on(const Database &db, std::string_view provision, Date date) {
  const Numbering *n = db.numbering(provision, date);
  if (!n) {
    return {};
  }
  return short_name(db, n->cite.law) + format_cite(n->cite);
}

std::string history(const Database &db, std::string_view id, Lang lang) {
  const Provision &p = db.provision(id);
  std::string out;
  for (auto it = p.numbering.rbegin(); it != p.numbering.rend(); ++it) {
    std::string until;
    if (it->until) {
      until = to_string(*it->until);
    } else if (it != p.numbering.rbegin()) {
      until = to_string(previous_day(std::prev(it)->from));
    }
    if (!out.empty()) {
      out += "; ";
    }
    out += format_cite(it->cite) + " (" + to_string(it->from) + (lang == Lang::ja ? "〜" : "–") + until + ")";
    if (it->certainty == Certainty::uncertain) {
      out += lang == Lang::ja ? "［未確認］" : " [unconfirmed]";
    } else if (it->certainty == Certainty::secondary) {
      out += lang == Lang::ja ? "［二次資料］" : " [secondary source]";
    }
  }
  return short_name(db, p.law) + " " + out;
}

} // namespace notice::law
