// diff_notices(): pairs the elements of two notices (diff/match.cpp), lists what changed in document
// order, and classifies every change by its legal consequence (diff/catalog.cpp).
#include "notice/diff.hpp"

#include "notice/legal.hpp"
#include "notice/render.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace notice {
namespace {

using Matches = std::vector<std::optional<std::size_t>>;

// For each old index, the new index paired with it, if any.
std::vector<std::optional<std::size_t>> invert(const Matches &matches, std::size_t old_count) {
  std::vector<std::optional<std::size_t>> out(old_count);
  for (std::size_t j = 0; j < matches.size(); ++j) {
    if (matches[j]) {
      out[*matches[j]] = j;
    }
  }
  return out;
}

// Flags the elements of `sequence` (old positions in new order) that lie outside one longest
// increasing subsequence: the fewest elements whose moving explains the new order.
std::vector<bool> out_of_order(const std::vector<std::size_t> &sequence) {
  const std::size_t n = sequence.size();
  std::vector<std::size_t> tails; // index into sequence of the smallest tail of each length
  std::vector<std::size_t> previous(n, SIZE_MAX);
  for (std::size_t i = 0; i < n; ++i) {
    const auto it = std::lower_bound(tails.begin(), tails.end(), sequence[i],
                                     [&](std::size_t t, std::size_t value) { return sequence[t] < value; });
    if (it != tails.begin()) {
      previous[i] = *(it - 1);
    }
    if (it == tails.end()) {
      tails.push_back(i);
    } else {
      *it = i;
    }
  }
  std::vector<bool> out(n, true);
  for (std::size_t i = tails.empty() ? SIZE_MAX : tails.back(); i != SIZE_MAX; i = previous[i]) {
    out[i] = false;
  }
  return out;
}

std::string join(const std::vector<std::string> &values, std::string_view separator) {
  std::string out;
  for (const auto &v : values) {
    out += (out.empty() ? "" : std::string(separator)) + v;
  }
  return out;
}

std::string category_label(const Category &c) {
  return c.marker.value.empty() ? c.title.value : c.marker.value + c.title.value;
}

std::string format_basis(const Basis &b) {
  std::string out = b.law;
  if (!b.article.empty()) {
    out += " 第" + b.article + "条";
  }
  if (!b.paragraph.empty()) {
    out += "第" + b.paragraph + "項";
  }
  if (!b.item.empty()) {
    out += "第" + b.item + "号";
  }
  if (!b.note.empty()) {
    out += " (" + b.note.value + ")";
  }
  return out;
}

std::vector<std::string> joint_use_values(const std::optional<JointUse> &j) {
  if (!j) {
    return {};
  }
  std::vector<std::string> out;
  const auto add = [&](std::string_view name, const Text &t) {
    if (!t.empty()) {
      out.push_back(std::string(name) + ": " + t.value);
    }
  };
  add("items", j->items);
  add("scope", j->scope);
  add("purpose", j->purpose);
  add("responsible", j->responsible);
  add("address", j->address);
  add("representative", j->representative);
  return out;
}

bool is_outward(FlowKind flow) {
  return flow == FlowKind::provision || flow == FlowKind::outsourcing || flow == FlowKind::joint_use;
}

// Data given to others who use it for their own ends (provision or joint use), as opposed to kept
// inside or handed to a contractor.
bool is_shared(FlowKind flow) {
  return flow == FlowKind::provision || flow == FlowKind::joint_use;
}

// One item as the classification sees it: ids of parties and data already translated to the new
// side's ids, so that a renamed party is not a new recipient.
struct Profile {
  FlowKind flow = FlowKind::internal;
  std::vector<std::string> parties;
  std::vector<std::string> data;
  std::set<std::string> outward;                           // parties receiving data
  std::set<std::pair<std::string, std::string>> sensitive; // (party, data) provided to a third party
  std::set<std::pair<std::string, std::string>> my_number; // (party, data) by provision or joint use
  std::vector<std::string> basis;
  std::vector<std::string> joint_use;
  std::vector<std::string> notes;
  legal::Assessment legal;            // the same legal reading validate's rules make
  std::optional<JointUse> disclosure; // on the item, or on its joint-use bucket
  std::string printed;                // the wording around the disclosure (item text and bucket heading)
};

// Everything diff_notices() needs to know about one side.
struct SideIndex {
  const Notice *notice = nullptr;
  struct BucketAt {
    std::size_t category;
    std::size_t bucket;
  };
  struct ItemAt {
    std::size_t category;
    std::size_t bucket;
    std::size_t item;
    std::size_t flat_bucket;
  };
  std::vector<BucketAt> buckets;
  std::vector<ItemAt> items;
  std::vector<std::size_t> first_item_of_bucket; // flat item index where each flat bucket's items start
  std::vector<std::size_t> first_bucket_of_category;

  explicit SideIndex(const Notice &n) : notice(&n) {
    for (std::size_t c = 0; c < n.categories.size(); ++c) {
      first_bucket_of_category.push_back(buckets.size());
      for (std::size_t b = 0; b < n.categories[c].buckets.size(); ++b) {
        first_item_of_bucket.push_back(items.size());
        for (std::size_t i = 0; i < n.categories[c].buckets[b].items.size(); ++i) {
          items.push_back({c, b, i, buckets.size()});
        }
        buckets.push_back({c, b});
      }
    }
  }
  const Category &category(std::size_t c) const { return notice->categories[c]; }
  const Bucket &bucket(std::size_t flat) const {
    return notice->categories[buckets[flat].category].buckets[buckets[flat].bucket];
  }
  const UseCase &item(std::size_t flat) const {
    const ItemAt &at = items[flat];
    return notice->categories[at.category].buckets[at.bucket].items[at.item];
  }
  const Bucket &bucket_of_item(std::size_t flat) const { return bucket(items[flat].flat_bucket); }
};

class Differ {
public:
  Differ(const Notice &old_notice, const Notice &new_notice, const DiffOptions &options)
      : m_old(old_notice), m_new(new_notice), m_options(options) {
    const Revision *latest = latest_revision(new_notice);
    m_legal_date = latest ? latest->effective : Date{};
  }

  Diff run() {
    Diff diff;
    diff.old_side = side_info(m_old.notice, m_options.old_label);
    diff.new_side = side_info(m_new.notice, m_options.new_label);
    diff.legal_date = m_legal_date;
    compare_title();
    compare_terms();
    compare_paragraphs(m_old.notice->preamble, m_new.notice->preamble);
    compare_data();
    compare_parties();
    compare_categories();
    compare_paragraphs(m_old.notice->postscript, m_new.notice->postscript);
    compare_revisions();
    diff.changes = std::move(m_changes);
    return diff;
  }

private:
  SideIndex m_old;
  SideIndex m_new;
  const DiffOptions &m_options;
  Date m_legal_date;
  std::vector<Change> m_changes;
  std::map<std::string, std::string, std::less<>> m_party_map; // old id -> new id
  std::map<std::string, std::string, std::less<>> m_data_map;

  static DiffSideInfo side_info(const Notice *n, const std::string &label) {
    const Revision *latest = latest_revision(*n);
    return {label.empty() ? n->path : label, n->path, latest ? latest->effective : Date{}, n->insurer.name.value};
  }

  ChangeFinding finding(std::string_view rule_id, Message message, std::optional<Severity> severity = {}) const {
    const DiffRuleInfo *rule = find_diff_rule(rule_id);
    return {std::string(rule->id), severity.value_or(rule->severity), std::move(message.en),
            diff_rule_basis(*rule, m_legal_date), std::move(message.ja)};
  }

  static ElementSide side(std::string id, Position pos, std::string text, std::size_t index) {
    ElementSide s;
    s.id = std::move(id);
    s.pos = pos;
    s.text = std::move(text);
    s.index = index;
    return s;
  }

  Change &add_change(ChangeKind kind, ElementKind element, std::optional<ElementSide> old_side,
                     std::optional<ElementSide> new_side) {
    Change c;
    c.kind = kind;
    c.element = element;
    c.old_side = std::move(old_side);
    c.new_side = std::move(new_side);
    if (c.old_side && c.new_side && c.old_side->text != c.new_side->text) {
      c.wording = diff_text(c.old_side->text, c.new_side->text);
    }
    m_changes.push_back(std::move(c));
    return m_changes.back();
  }

  static void attribute(std::vector<AttributeChange> &out, std::string name, std::vector<std::string> old_value,
                        std::vector<std::string> new_value) {
    if (old_value != new_value) {
      out.push_back({std::move(name), std::move(old_value), std::move(new_value)});
    }
  }

  // --- Title, terms, paragraphs, revisions: text only ---------------------------------------

  void compare_title() {
    const Notice &o = *m_old.notice;
    const Notice &n = *m_new.notice;
    if (o.title.value != n.title.value) {
      Change &c = add_change(ChangeKind::reworded, ElementKind::title, side({}, o.title.pos, o.title.value, 0),
                             side({}, n.title.pos, n.title.value, 0));
      c.findings.push_back(finding("diff/wording-only", {"the title was reworded", "題名の文言が変わりました"}));
    }
    std::vector<AttributeChange> attrs;
    attribute(attrs, "name", {o.insurer.name.value}, {n.insurer.name.value});
    attribute(attrs, "kind", {o.insurer.kind}, {n.insurer.kind});
    attribute(attrs, "address", {o.insurer.address.value}, {n.insurer.address.value});
    attribute(attrs, "representative", {o.insurer.representative.value}, {n.insurer.representative.value});
    if (!attrs.empty()) {
      Change &c =
          add_change(ChangeKind::changed, ElementKind::insurer, side({}, o.insurer.name.pos, o.insurer.name.value, 0),
                     side({}, n.insurer.name.pos, n.insurer.name.value, 0));
      c.attributes = std::move(attrs);
      c.findings.push_back(finding("diff/structure", {"the insurer's details changed", "保険者の情報が変わりました"}));
    }
  }

  void compare_terms() {
    const auto &o = m_old.notice->terms;
    const auto &n = m_new.notice->terms;
    std::vector<MatchKey> ok;
    std::vector<MatchKey> nk;
    for (const auto &t : o) {
      ok.push_back({t.term.value, t.meaning.value, {}, 0});
    }
    for (const auto &t : n) {
      nk.push_back({t.term.value, t.meaning.value, {}, 0});
    }
    const Matches m = match_elements(ok, nk, m_options.similarity_threshold);
    const auto back = invert(m, o.size());
    const auto term_side = [](const Term &t, std::size_t i) {
      return side(t.term.value, t.pos, t.term.value + "：" + t.meaning.value, i);
    };
    for (std::size_t j = 0; j < n.size(); ++j) {
      if (!m[j]) {
        add_change(ChangeKind::added, ElementKind::term, {}, term_side(n[j], j))
            .findings.push_back(finding("diff/text-added", {"the defined term 「" + n[j].term.value + "」 was added",
                                                            "定義語「" + n[j].term.value + "」が追加されました"}));
      } else if (o[*m[j]].term.value != n[j].term.value || o[*m[j]].meaning.value != n[j].meaning.value) {
        add_change(ChangeKind::reworded, ElementKind::term, term_side(o[*m[j]], *m[j]), term_side(n[j], j))
            .findings.push_back(
                finding("diff/wording-only", {"the defined term 「" + n[j].term.value + "」 was reworded",
                                              "定義語「" + n[j].term.value + "」の文言が変わりました"}));
      }
    }
    for (std::size_t i = 0; i < o.size(); ++i) {
      if (!back[i]) {
        add_change(ChangeKind::removed, ElementKind::term, term_side(o[i], i), {})
            .findings.push_back(
                finding("diff/text-removed", {"the defined term 「" + o[i].term.value + "」 was removed",
                                              "定義語「" + o[i].term.value + "」が削除されました"}));
      }
    }
  }

  void compare_paragraphs(const std::vector<Paragraph> &o, const std::vector<Paragraph> &n) {
    std::vector<MatchKey> ok;
    std::vector<MatchKey> nk;
    for (const auto &p : o) {
      ok.push_back({p.id, p.text.value, {}, 0});
    }
    for (const auto &p : n) {
      nk.push_back({p.id, p.text.value, {}, 0});
    }
    const Matches m = match_elements(ok, nk, m_options.similarity_threshold);
    const auto back = invert(m, o.size());
    std::vector<std::size_t> order;
    for (const auto &match : m) {
      if (match) {
        order.push_back(*match);
      }
    }
    const std::vector<bool> moved = out_of_order(order);
    const auto para_side = [](const Paragraph &p, std::size_t i) { return side(p.id, p.text.pos, p.text.value, i); };
    std::size_t k = 0;
    for (std::size_t j = 0; j < n.size(); ++j) {
      if (!m[j]) {
        add_change(ChangeKind::added, ElementKind::paragraph, {}, para_side(n[j], j))
            .findings.push_back(finding("diff/text-added", {"a paragraph was added", "段落が追加されました"}));
        continue;
      }
      const Paragraph &old_p = o[*m[j]];
      const bool out_of_place = moved[k++];
      if (old_p.text.value != n[j].text.value || old_p.id != n[j].id) {
        add_change(ChangeKind::reworded, ElementKind::paragraph, para_side(old_p, *m[j]), para_side(n[j], j))
            .findings.push_back(finding("diff/wording-only", {"a paragraph was reworded", "段落の文言が変わりました"}));
      } else if (out_of_place) {
        add_change(ChangeKind::reordered, ElementKind::paragraph, para_side(old_p, *m[j]), para_side(n[j], j))
            .findings.push_back(
                finding("diff/order-only", {"a paragraph moved among the others", "段落の順序が変わりました"}));
      }
    }
    for (std::size_t i = 0; i < o.size(); ++i) {
      if (!back[i]) {
        add_change(ChangeKind::removed, ElementKind::paragraph, para_side(o[i], i), {})
            .findings.push_back(finding("diff/text-removed", {"a paragraph was removed", "段落が削除されました"}));
      }
    }
  }

  void compare_revisions() {
    const auto &o = m_old.notice->revisions;
    const auto &n = m_new.notice->revisions;
    const auto rev_side = [](const Revision &r, std::size_t i) {
      return side(to_string(r.effective), r.wording.pos.known() ? r.wording.pos : r.pos, r.wording.value, i);
    };
    for (std::size_t j = 0; j < n.size(); ++j) {
      const auto it =
          std::find_if(o.begin(), o.end(), [&](const Revision &r) { return r.effective == n[j].effective; });
      if (it == o.end()) {
        add_change(ChangeKind::added, ElementKind::revision, {}, rev_side(n[j], j))
            .findings.push_back(
                finding("diff/text-added",
                        {"the closing line of the revision effective " + to_string(n[j].effective) + " was added",
                         to_string(n[j].effective) + " 施行の改正の施行文が追加されました"}));
      } else if (it->wording.value != n[j].wording.value) {
        add_change(ChangeKind::reworded, ElementKind::revision, rev_side(*it, static_cast<std::size_t>(it - o.begin())),
                   rev_side(n[j], j))
            .findings.push_back(
                finding("diff/wording-only",
                        {"the closing line of the revision effective " + to_string(n[j].effective) + " was reworded",
                         to_string(n[j].effective) + " 施行の改正の施行文の文言が変わりました"}));
      }
    }
    for (std::size_t i = 0; i < o.size(); ++i) {
      if (std::none_of(n.begin(), n.end(), [&](const Revision &r) { return r.effective == o[i].effective; })) {
        add_change(ChangeKind::removed, ElementKind::revision, rev_side(o[i], i), {})
            .findings.push_back(
                finding("diff/text-removed",
                        {"the closing line of the revision effective " + to_string(o[i].effective) + " was removed",
                         to_string(o[i].effective) + " 施行の改正の施行文が削除されました"}));
      }
    }
  }

  // --- Declarations ----------------------------------------------------------------------------

  template <typename T, typename Attributes>
  void compare_declarations(const std::vector<T> &o, const std::vector<T> &n, ElementKind element,
                            std::string_view noun, std::string_view noun_ja,
                            std::map<std::string, std::string, std::less<>> &id_map, Attributes attributes_of) {
    std::vector<MatchKey> ok;
    std::vector<MatchKey> nk;
    for (const auto &d : o) {
      ok.push_back({d.id, d.name.value, {}, 0});
    }
    for (const auto &d : n) {
      nk.push_back({d.id, d.name.value, {}, 0});
    }
    const Matches m = match_elements(ok, nk, m_options.similarity_threshold);
    const auto back = invert(m, o.size());
    for (std::size_t i = 0; i < o.size(); ++i) {
      id_map[o[i].id] = back[i] ? n[*back[i]].id : o[i].id;
    }
    const auto decl_side = [](const T &d, std::size_t i) { return side(d.id, d.pos, d.name.value, i); };
    for (std::size_t j = 0; j < n.size(); ++j) {
      if (!m[j]) {
        add_change(ChangeKind::added, element, {}, decl_side(n[j], j))
            .findings.push_back(finding("diff/declaration-changed",
                                        {std::string(noun) + " 「" + n[j].name.value + "」 was declared",
                                         std::string(noun_ja) + "「" + n[j].name.value + "」が宣言されました"}));
        continue;
      }
      const T &old_d = o[*m[j]];
      std::vector<AttributeChange> attrs;
      attributes_of(attrs, old_d, n[j]);
      attribute(attrs, "description", {old_d.description.value}, {n[j].description.value});
      if (attrs.empty() && old_d.name.value == n[j].name.value && old_d.id == n[j].id) {
        continue;
      }
      Change &c = add_change(old_d.name.value != n[j].name.value ? ChangeKind::reworded : ChangeKind::changed, element,
                             decl_side(old_d, *m[j]), decl_side(n[j], j));
      c.attributes = std::move(attrs);
      c.findings.push_back(finding("diff/declaration-changed",
                                   {std::string(noun) + " 「" + n[j].name.value + "」 changed",
                                    std::string(noun_ja) + "「" + n[j].name.value + "」の宣言が変わりました"}));
    }
    for (std::size_t i = 0; i < o.size(); ++i) {
      if (!back[i]) {
        add_change(ChangeKind::removed, element, decl_side(o[i], i), {})
            .findings.push_back(finding("diff/declaration-changed",
                                        {std::string(noun) + " 「" + o[i].name.value + "」 is no longer declared",
                                         std::string(noun_ja) + "「" + o[i].name.value + "」の宣言がなくなりました"}));
      }
    }
  }

  static std::string yes_no(bool value) { return value ? "true" : "false"; }

  void compare_data() {
    compare_declarations(m_old.notice->data, m_new.notice->data, ElementKind::data, "the data", "個人情報の区分",
                         m_data_map, [](std::vector<AttributeChange> &attrs, const DataSource &a, const DataSource &b) {
                           attribute(attrs, "sensitive", {yes_no(a.sensitive)}, {yes_no(b.sensitive)});
                           attribute(attrs, "my_number", {yes_no(a.my_number)}, {yes_no(b.my_number)});
                         });
  }

  void compare_parties() {
    compare_declarations(m_old.notice->parties, m_new.notice->parties, ElementKind::party, "the party", "相手方",
                         m_party_map, [](std::vector<AttributeChange> &attrs, const Party &a, const Party &b) {
                           attribute(attrs, "kind", {std::string(to_string(a.kind))}, {std::string(to_string(b.kind))});
                           attribute(attrs, "abroad", {yes_no(a.abroad)}, {yes_no(b.abroad)});
                         });
  }

  // --- Categories, buckets, items -------------------------------------------------------------

  std::string party_name(const std::string &new_id) const {
    if (const Party *p = find_party(*m_new.notice, new_id)) {
      return p->name.value;
    }
    for (const auto &[old_id, mapped] : m_party_map) {
      if (mapped == new_id) {
        if (const Party *p = find_party(*m_old.notice, old_id)) {
          return p->name.value;
        }
      }
    }
    return new_id;
  }

  std::string data_name(const std::string &new_id) const {
    if (const DataSource *d = find_data(*m_new.notice, new_id)) {
      return d->name.value;
    }
    for (const auto &[old_id, mapped] : m_data_map) {
      if (mapped == new_id) {
        if (const DataSource *d = find_data(*m_old.notice, old_id)) {
          return d->name.value;
        }
      }
    }
    return new_id;
  }

  static std::string mapped(const std::map<std::string, std::string, std::less<>> &map, const std::string &id) {
    const auto it = map.find(id);
    return it == map.end() ? id : it->second;
  }

  Profile profile(const Notice &notice, const UseCase &item, const Bucket &bucket, bool old_side) const {
    Profile p;
    p.flow = effective_flow(item, bucket);
    p.legal = legal::assess(notice, bucket, item, m_legal_date);
    for (const auto &r : item.parties) {
      p.parties.push_back(old_side ? mapped(m_party_map, r.id) : r.id);
    }
    for (const auto &r : item.data) {
      p.data.push_back(old_side ? mapped(m_data_map, r.id) : r.id);
    }
    if (is_outward(p.flow)) {
      p.outward.insert(p.parties.begin(), p.parties.end());
    }
    for (std::size_t d = 0; d < item.data.size(); ++d) {
      const DataSource *source = find_data(notice, item.data[d].id);
      for (const auto &party : p.parties) {
        // Joint users are not third parties: a complete joint use provides nothing (APPI 27条5項).
        if (source && source->sensitive && p.legal.sensitive && p.legal.to_third_party) {
          p.sensitive.emplace(party, p.data[d]);
        }
        if (source && source->my_number && is_shared(p.flow)) {
          p.my_number.emplace(party, p.data[d]);
        }
      }
    }
    for (const auto &b : item.basis) {
      p.basis.push_back(format_basis(b));
    }
    p.disclosure = item.joint_use ? item.joint_use : bucket.joint_use;
    p.printed = item.text.value + bucket.heading.value;
    p.joint_use = joint_use_values(p.disclosure);
    for (const auto &note : item.notes) {
      p.notes.push_back(note.value);
    }
    return p;
  }

  std::string names(const std::vector<std::string> &ids) const {
    std::vector<std::string> out;
    for (const auto &id : ids) {
      out.push_back(party_name(id));
    }
    return join(out, "、");
  }

  std::string pair_names(const std::vector<std::pair<std::string, std::string>> &pairs) const {
    std::vector<std::string> out;
    for (const auto &[party, data] : pairs) {
      out.push_back(data_name(data) + " → " + party_name(party));
    }
    return join(out, "; ");
  }

  // The legal consequences of going from `o` (nullptr for an added item) to `n`.
  void classify_item(Change &c, const Profile *o, const Profile &n) const {
    static const Profile k_none{};
    const Profile &before = o ? *o : k_none;
    if (o && o->flow == FlowKind::internal && is_shared(n.flow)) {
      c.findings.push_back(
          finding("diff/internal-to-provision",
                  {"was internal use and now gives data to others (" + std::string(to_string(n.flow)) + ")",
                   "内部利用だったものが外部にデータを出すようになりました（" + std::string(label_ja(n.flow)) + "）"}));
    }
    std::vector<std::string> gained;
    for (const auto &party : n.parties) {
      if (n.outward.contains(party) && !before.outward.contains(party) &&
          std::find(gained.begin(), gained.end(), party) == gained.end()) {
        gained.push_back(party);
      }
    }
    if (!gained.empty()) {
      c.findings.push_back(finding(
          "diff/new-recipient", {"now gives data to " + names(gained) + " (" + std::string(to_string(n.flow)) + ")",
                                 names(gained) + "に新たにデータを出します（" + std::string(label_ja(n.flow)) + "）"}));
      std::vector<std::string> foreign;
      for (const auto &id : gained) {
        if (const Party *party = find_party(*m_new.notice, id); party && party->abroad) {
          foreign.push_back(id);
        }
      }
      if (!foreign.empty()) {
        c.findings.push_back(
            finding("diff/new-foreign-recipient", {"now gives data to " + names(foreign) + ", located abroad",
                                                   "外国にある" + names(foreign) + "にデータを出します"}));
      }
    }
    std::vector<std::pair<std::string, std::string>> sensitive;
    std::set_difference(n.sensitive.begin(), n.sensitive.end(), before.sensitive.begin(), before.sensitive.end(),
                        std::back_inserter(sensitive));
    if (!sensitive.empty()) {
      // The grounds validate's rules accept: consent, a law, or implied consent with a way to object.
      const legal::Ground ground = n.legal.ground;
      const bool implied_without_route = ground == legal::Ground::implied_consent && !n.legal.objection_route;
      const bool has_ground = ground != legal::Ground::none && !implied_without_route;
      c.findings.push_back(
          finding("diff/new-sensitive-provision",
                  {"newly provides sensitive data (要配慮個人情報) to a third party: " + pair_names(sensitive) +
                       (implied_without_route ? "; it relies on implied consent, but the notice says no way to object"
                        : has_ground          ? "; the stated ground must cover it"
                                              : "; no ground is stated: obtain consent or cite the law"),
                   "要配慮個人情報を新たに第三者に提供します: " + pair_names(sensitive) +
                       (implied_without_route ? "。黙示の同意によっていますが、拒む方法（申出先）が記載されていません"
                        : has_ground ? "。記載の根拠がこれを含むか確認してください"
                                     : "。根拠の記載がありません。同意を得るか法令を示してください")},
                  has_ground ? Severity::warning : Severity::error));
    }
    std::vector<std::pair<std::string, std::string>> my_number;
    std::set_difference(n.my_number.begin(), n.my_number.end(), before.my_number.begin(), before.my_number.end(),
                        std::back_inserter(my_number));
    if (!my_number.empty()) {
      // Joint use of 特定個人情報 is never one of 番号法第19条's cases; a provision is when it names one.
      const bool covered = n.flow == FlowKind::provision && !n.legal.mynumber_bases.empty();
      c.findings.push_back(
          finding("diff/new-mynumber-provision",
                  {"newly gives My Number data (特定個人情報) to others: " + pair_names(my_number) +
                       (n.flow == FlowKind::joint_use ? "; joint use is not a case of 番号法第19条"
                        : covered                     ? "; check that the case of 番号法第19条 it names covers it"
                                  : "; neither its basis nor its wording names a case of 番号法第19条"),
                   "特定個人情報を新たに他者に渡します: " + pair_names(my_number) +
                       (n.flow == FlowKind::joint_use ? "。共同利用は番号法第19条の各号に当たりません"
                        : covered ? "。示された番号法第19条の号がこれを含むか確認してください"
                                  : "。根拠にも文言にも番号法第19条の号が示されていません")},
                  covered ? Severity::warning : Severity::error));
    }
    bool flow_explained = !o || o->flow == n.flow || (o->flow == FlowKind::internal && is_shared(n.flow));
    if (n.flow == FlowKind::outsourcing && (!o || o->flow != FlowKind::outsourcing)) {
      c.findings.push_back(
          finding("diff/new-outsourcing", {"hands data to a contractor (委託)", "委託先にデータを渡します"}));
      flow_explained = true;
    }
    if (n.flow == FlowKind::joint_use) {
      const bool is_new = !o || o->flow != FlowKind::joint_use;
      if (is_new || o->joint_use != n.joint_use) {
        std::vector<std::string> missing;
        std::vector<std::string> missing_ja;
        for (const law::Requirement *req : legal::missing_joint_use(n.disclosure, n.printed, m_legal_date)) {
          missing.push_back(req->id);
          missing_ja.push_back(req->ja);
        }
        if (!missing.empty()) {
          c.findings.push_back(finding("diff/joint-use-incomplete",
                                       {"is joint use (共同利用) without " + join(missing, ", "),
                                        "共同利用ですが次の公表事項がありません: " + join(missing_ja, "、")}));
        } else if (is_new) {
          c.findings.push_back(finding("diff/new-joint-use", {"is new joint use (共同利用)", "新たな共同利用です"}));
        } else {
          c.findings.push_back(finding("diff/joint-use-changed",
                                       {"the joint-use disclosure changed", "共同利用の公表事項が変わりました"}));
        }
      }
      flow_explained = true;
    }
    if (!flow_explained) {
      c.findings.push_back(finding("diff/flow-changed", {"changed from " + std::string(to_string(o->flow)) + " to " +
                                                             std::string(to_string(n.flow)),
                                                         "データの流れが" + std::string(label_ja(o->flow)) + "から" +
                                                             std::string(label_ja(n.flow)) + "に変わりました"}));
    }
    if (!o) {
      return;
    }
    std::vector<std::string> lost;
    for (const auto &party : o->parties) {
      if (o->outward.contains(party) && !n.outward.contains(party) &&
          std::find(lost.begin(), lost.end(), party) == lost.end()) {
        lost.push_back(party);
      }
    }
    if (!lost.empty()) {
      c.findings.push_back(finding("diff/recipient-removed", {"no longer gives data to " + names(lost),
                                                              names(lost) + "にはデータを出さなくなりました"}));
    }
    if (o->data != n.data && sensitive.empty() && my_number.empty()) {
      c.findings.push_back(finding("diff/data-changed", {"the data involved changed", "扱う個人情報が変わりました"}));
    }
    if (o->basis != n.basis) {
      c.findings.push_back(
          finding("diff/basis-changed", {"the stated legal basis changed", "記載の法的根拠が変わりました"}));
    }
  }

  ElementSide category_side(const SideIndex &s, std::size_t c) const {
    const Category &cat = s.category(c);
    ElementSide e = side(cat.id, cat.pos, category_label(cat), c);
    for (std::size_t k = 0; k < cat.intro.size(); ++k) {
      e.lines.push_back({"intro " + std::to_string(k + 1), cat.intro[k].value});
    }
    return e;
  }

  // The disclosure as render prints it, keyed by field.
  static void add_disclosure(ElementSide &e, const std::optional<JointUse> &joint) {
    if (joint) {
      for (const auto &line : joint_use_lines(*joint)) {
        e.lines.push_back({std::string(line.field), line.text});
      }
    }
  }

  ElementSide bucket_side(const SideIndex &s, std::size_t flat) const {
    const Bucket &b = s.bucket(flat);
    ElementSide e = side(b.id, b.pos, b.heading.value, s.buckets[flat].bucket);
    const Category &cat = s.category(s.buckets[flat].category);
    e.category = cat.id;
    e.place = category_label(cat);
    add_disclosure(e, b.joint_use);
    return e;
  }

  ElementSide item_side(const SideIndex &s, std::size_t flat) const {
    const UseCase &u = s.item(flat);
    ElementSide e = side(u.id, u.pos, u.text.value, s.items[flat].item);
    const Category &cat = s.category(s.items[flat].category);
    const Bucket &b = s.bucket_of_item(flat);
    e.category = cat.id;
    e.bucket = b.id;
    e.place = category_label(cat) + (b.heading.empty() ? "" : " " + b.heading.value);
    for (std::size_t k = 0; k < u.notes.size(); ++k) {
      e.lines.push_back({"note " + std::to_string(k + 1), u.notes[k].value});
    }
    add_disclosure(e, u.joint_use);
    return e;
  }

  void compare_categories() {
    // Categories by id, then by title.
    std::vector<MatchKey> ok;
    std::vector<MatchKey> nk;
    std::vector<std::string> old_labels;
    std::vector<std::string> new_labels;
    for (const auto &c : m_old.notice->categories) {
      old_labels.push_back(c.title.value);
    }
    for (const auto &c : m_new.notice->categories) {
      new_labels.push_back(c.title.value);
    }
    for (std::size_t i = 0; i < old_labels.size(); ++i) {
      ok.push_back({m_old.category(i).id, old_labels[i], {}, 0});
    }
    for (std::size_t j = 0; j < new_labels.size(); ++j) {
      nk.push_back({m_new.category(j).id, new_labels[j], {}, 0});
    }
    const Matches cat_match = match_elements(ok, nk, m_options.similarity_threshold);
    const auto cat_back = invert(cat_match, ok.size());

    // Buckets by id, then by kind and heading within the paired category.
    std::vector<std::string> old_bucket_text;
    std::vector<std::string> new_bucket_text;
    for (std::size_t b = 0; b < m_old.buckets.size(); ++b) {
      old_bucket_text.push_back(std::string(to_string(m_old.bucket(b).kind)) + m_old.bucket(b).heading.value);
    }
    for (std::size_t b = 0; b < m_new.buckets.size(); ++b) {
      new_bucket_text.push_back(std::string(to_string(m_new.bucket(b).kind)) + m_new.bucket(b).heading.value);
    }
    std::vector<MatchKey> obk;
    std::vector<MatchKey> nbk;
    for (std::size_t b = 0; b < m_old.buckets.size(); ++b) {
      const auto paired = cat_back[m_old.buckets[b].category];
      obk.push_back({m_old.bucket(b).id,
                     old_bucket_text[b],
                     {},
                     paired ? static_cast<long>(*paired) : -1 - static_cast<long>(b)});
    }
    for (std::size_t b = 0; b < m_new.buckets.size(); ++b) {
      nbk.push_back({m_new.bucket(b).id, new_bucket_text[b], {}, static_cast<long>(m_new.buckets[b].category)});
    }
    const Matches bucket_match = match_elements(obk, nbk, m_options.similarity_threshold);
    const auto bucket_back = invert(bucket_match, obk.size());

    // Items by id, `replaces`, then wording anywhere in the notice (so that moves are seen).
    std::vector<MatchKey> oik;
    std::vector<MatchKey> nik;
    for (std::size_t i = 0; i < m_old.items.size(); ++i) {
      const UseCase &u = m_old.item(i);
      oik.push_back({u.id, u.text.value, u.replaces, 0});
    }
    for (std::size_t i = 0; i < m_new.items.size(); ++i) {
      const UseCase &u = m_new.item(i);
      nik.push_back({u.id, u.text.value, u.replaces, 0});
    }
    const Matches item_match = match_elements(oik, nik, m_options.similarity_threshold);
    const auto item_back = invert(item_match, oik.size());

    // Which matched elements are out of order among their matched siblings.
    std::vector<bool> cat_reordered(nk.size(), false);
    {
      std::vector<std::size_t> seq;
      std::vector<std::size_t> who;
      for (std::size_t j = 0; j < nk.size(); ++j) {
        if (cat_match[j]) {
          seq.push_back(*cat_match[j]);
          who.push_back(j);
        }
      }
      const auto flags = out_of_order(seq);
      for (std::size_t k = 0; k < who.size(); ++k) {
        cat_reordered[who[k]] = flags[k];
      }
    }
    std::vector<bool> bucket_reordered(nbk.size(), false);
    for (std::size_t c = 0; c < nk.size(); ++c) {
      std::vector<std::size_t> seq;
      std::vector<std::size_t> who;
      const std::size_t first = m_new.first_bucket_of_category[c];
      for (std::size_t b = first; b < first + m_new.category(c).buckets.size(); ++b) {
        if (bucket_match[b] && cat_back[m_old.buckets[*bucket_match[b]].category] == c) {
          seq.push_back(*bucket_match[b]);
          who.push_back(b);
        }
      }
      const auto flags = out_of_order(seq);
      for (std::size_t k = 0; k < who.size(); ++k) {
        bucket_reordered[who[k]] = flags[k];
      }
    }
    std::vector<bool> item_reordered(nik.size(), false);
    for (std::size_t b = 0; b < nbk.size(); ++b) {
      std::vector<std::size_t> seq;
      std::vector<std::size_t> who;
      const std::size_t first = m_new.first_item_of_bucket[b];
      for (std::size_t i = first; i < first + m_new.bucket(b).items.size(); ++i) {
        if (item_match[i] && bucket_back[m_old.items[*item_match[i]].flat_bucket] == b) {
          seq.push_back(*item_match[i]);
          who.push_back(i);
        }
      }
      const auto flags = out_of_order(seq);
      for (std::size_t k = 0; k < who.size(); ++k) {
        item_reordered[who[k]] = flags[k];
      }
    }

    // Walk the new notice; removed elements follow the last new element of their paired container.
    for (std::size_t c = 0; c < nk.size(); ++c) {
      compare_category(cat_match[c], c, cat_reordered[c]);
      const std::size_t first_bucket = m_new.first_bucket_of_category[c];
      for (std::size_t b = first_bucket; b < first_bucket + m_new.category(c).buckets.size(); ++b) {
        compare_bucket(bucket_match[b], b, bucket_reordered[b], cat_back);
        const std::size_t first_item = m_new.first_item_of_bucket[b];
        for (std::size_t i = first_item; i < first_item + m_new.bucket(b).items.size(); ++i) {
          compare_item(item_match[i], i, item_reordered[i], bucket_back);
        }
        if (const auto old_b = bucket_match[b]) {
          removed_items_of(*old_b, item_back);
        }
      }
      if (const auto old_c = cat_match[c]) {
        removed_buckets_of(*old_c, bucket_back, item_back);
      }
    }
    for (std::size_t c = 0; c < ok.size(); ++c) {
      if (!cat_back[c]) {
        const Category &cat = m_old.category(c);
        add_change(ChangeKind::removed, ElementKind::category, category_side(m_old, c), {})
            .findings.push_back(
                finding("diff/purpose-removed", {"the purpose category 「" + category_label(cat) + "」 was removed",
                                                 "利用目的の区分「" + category_label(cat) + "」が削除されました"}));
        removed_buckets_of(c, bucket_back, item_back);
      }
    }
  }

  void removed_buckets_of(std::size_t old_c, const std::vector<std::optional<std::size_t>> &bucket_back,
                          const std::vector<std::optional<std::size_t>> &item_back) {
    const std::size_t first = m_old.first_bucket_of_category[old_c];
    for (std::size_t b = first; b < first + m_old.category(old_c).buckets.size(); ++b) {
      if (!bucket_back[b]) {
        add_change(ChangeKind::removed, ElementKind::bucket, bucket_side(m_old, b), {})
            .findings.push_back(
                finding("diff/structure", {"the bucket 「" + m_old.bucket(b).heading.value + "」 of 「" +
                                               category_label(m_old.category(old_c)) + "」 was removed",
                                           "「" + category_label(m_old.category(old_c)) + "」の区分「" +
                                               m_old.bucket(b).heading.value + "」が削除されました"}));
        removed_items_of(b, item_back);
      }
    }
  }

  void removed_items_of(std::size_t old_b, const std::vector<std::optional<std::size_t>> &item_back) {
    const std::size_t first = m_old.first_item_of_bucket[old_b];
    for (std::size_t i = first; i < first + m_old.bucket(old_b).items.size(); ++i) {
      if (!item_back[i]) {
        add_change(ChangeKind::removed, ElementKind::item, item_side(m_old, i), {})
            .findings.push_back(finding("diff/use-removed", {"a use case was removed", "事例が削除されました"}));
      }
    }
  }

  void compare_category(std::optional<std::size_t> old_c, std::size_t c, bool reordered) {
    const Category &n = m_new.category(c);
    if (!old_c) {
      add_change(ChangeKind::added, ElementKind::category, {}, category_side(m_new, c))
          .findings.push_back(
              finding("diff/purpose-added", {"the purpose category 「" + category_label(n) + "」 was added",
                                             "利用目的の区分「" + category_label(n) + "」が追加されました"}));
      return;
    }
    const Category &o = m_old.category(*old_c);
    std::vector<AttributeChange> attrs;
    const auto number = [](const Category &cat) {
      return cat.number ? std::vector<std::string>{std::to_string(*cat.number)} : std::vector<std::string>{};
    };
    attribute(attrs, "number", number(o), number(n));
    attribute(attrs, "marker", {o.marker.value}, {n.marker.value});
    attribute(attrs, "model", {o.model}, {n.model});
    std::vector<std::string> old_intro;
    std::vector<std::string> new_intro;
    for (const auto &t : o.intro) {
      old_intro.push_back(t.value);
    }
    for (const auto &t : n.intro) {
      new_intro.push_back(t.value);
    }
    attribute(attrs, "intro", old_intro, new_intro);
    const bool reworded = o.title.value != n.title.value;
    if (attrs.empty() && !reworded && o.id == n.id && !reordered) {
      return;
    }
    Change &change = add_change(reworded                        ? ChangeKind::reworded
                                : attrs.empty() && o.id == n.id ? ChangeKind::reordered
                                                                : ChangeKind::changed,
                                ElementKind::category, category_side(m_old, *old_c), category_side(m_new, c));
    // The wording diff shows the title only; the marker is an attribute.
    change.wording = reworded ? diff_text(o.title.value, n.title.value) : std::vector<TextSegment>{};
    const bool structural = std::any_of(attrs.begin(), attrs.end(), [](const AttributeChange &a) {
      return a.name == "number" || a.name == "marker" || a.name == "model";
    });
    const bool intro =
        std::any_of(attrs.begin(), attrs.end(), [](const AttributeChange &a) { return a.name == "intro"; });
    if (reordered) {
      attrs.push_back({"position", {std::to_string(*old_c + 1)}, {std::to_string(c + 1)}});
    }
    change.attributes = std::move(attrs);
    const std::string label = "「" + category_label(n) + "」";
    if (reworded || intro) {
      change.findings.push_back(finding("diff/wording-only", {"the purpose category " + label + " was reworded",
                                                              "利用目的の区分" + label + "の文言が変わりました"}));
    }
    if (structural) {
      change.findings.push_back(
          finding("diff/structure", {"the numbering of " + label + " changed", label + "の番号が変わりました"}));
    }
    if (reordered) {
      change.findings.push_back(
          finding("diff/order-only", {label + " moved among the categories", label + "の区分の順序が変わりました"}));
    }
    if (change.findings.empty()) {
      change.findings.push_back(
          finding("diff/structure", {"the id of " + label + " changed", label + "の id が変わりました"}));
    }
  }

  void compare_bucket(std::optional<std::size_t> old_b, std::size_t b, bool reordered,
                      const std::vector<std::optional<std::size_t>> &cat_back) {
    const Bucket &n = m_new.bucket(b);
    const std::string where = "「" + category_label(m_new.category(m_new.buckets[b].category)) + "」";
    if (!old_b) {
      add_change(ChangeKind::added, ElementKind::bucket, {}, bucket_side(m_new, b))
          .findings.push_back(finding("diff/structure", {"the bucket 「" + n.heading.value + "」 was added to " + where,
                                                         where + "に区分「" + n.heading.value + "」が追加されました"}));
      return;
    }
    const Bucket &o = m_old.bucket(*old_b);
    const bool moved = cat_back[m_old.buckets[*old_b].category] != m_new.buckets[b].category;
    std::vector<AttributeChange> attrs;
    attribute(attrs, "kind", {std::string(to_string(o.kind))}, {std::string(to_string(n.kind))});
    attribute(attrs, "joint_use", joint_use_values(o.joint_use), joint_use_values(n.joint_use));
    const bool reworded = o.heading.value != n.heading.value;
    if (attrs.empty() && !reworded && !moved && !reordered && o.id == n.id) {
      return;
    }
    if (moved) {
      attrs.push_back({"category",
                       {m_old.category(m_old.buckets[*old_b].category).id},
                       {m_new.category(m_new.buckets[b].category).id}});
    } else if (reordered) {
      attrs.push_back({"position",
                       {std::to_string(m_old.buckets[*old_b].bucket + 1)},
                       {std::to_string(m_new.buckets[b].bucket + 1)}});
    }
    const ChangeKind kind = moved                                                ? ChangeKind::moved
                            : reworded                                           ? ChangeKind::reworded
                            : (attrs.size() == 1 && attrs[0].name == "position") ? ChangeKind::reordered
                                                                                 : ChangeKind::changed;
    Change &change = add_change(kind, ElementKind::bucket, bucket_side(m_old, *old_b), bucket_side(m_new, b));
    change.attributes = std::move(attrs);
    change.findings.push_back(
        kind == ChangeKind::reordered
            ? finding("diff/order-only",
                      {"the bucket 「" + n.heading.value + "」 of " + where + " moved among the buckets",
                       where + "の区分「" + n.heading.value + "」の順序が変わりました"})
            : finding(
                  "diff/structure",
                  {"the bucket 「" + n.heading.value + "」 of " + where + (moved ? " moved here" : " changed"),
                   where + "の区分「" + n.heading.value + "」" + (moved ? "がここに移動しました" : "が変わりました")}));
  }

  void compare_item(std::optional<std::size_t> old_i, std::size_t i, bool reordered,
                    const std::vector<std::optional<std::size_t>> &bucket_back) {
    const UseCase &n = m_new.item(i);
    const Profile np = profile(*m_new.notice, n, m_new.bucket_of_item(i), false);
    if (!old_i) {
      Change &change = add_change(ChangeKind::added, ElementKind::item, {}, item_side(m_new, i));
      change.findings.push_back(finding("diff/use-added", {"a use case was added", "事例が追加されました"}));
      classify_item(change, nullptr, np);
      return;
    }
    const UseCase &o = m_old.item(*old_i);
    const Profile op = profile(*m_old.notice, o, m_old.bucket_of_item(*old_i), true);
    const bool moved = bucket_back[m_old.items[*old_i].flat_bucket] != m_new.items[i].flat_bucket;
    const bool reworded = o.text.value != n.text.value;
    std::vector<AttributeChange> attrs;
    attribute(attrs, "flow", {std::string(to_string(op.flow))}, {std::string(to_string(np.flow))});
    attribute(attrs, "parties", op.parties, np.parties);
    attribute(attrs, "data", op.data, np.data);
    attribute(attrs, "basis", op.basis, np.basis);
    attribute(attrs, "joint_use", op.joint_use, np.joint_use);
    attribute(attrs, "notes", op.notes, np.notes);
    // A change of a data source's sensitivity shows on the items that provide it.
    const auto pairs = [](const std::set<std::pair<std::string, std::string>> &s) {
      std::vector<std::string> out;
      for (const auto &[party, data] : s) {
        out.push_back(data + " → " + party);
      }
      return out;
    };
    if (op.data == np.data && op.parties == np.parties && op.flow == np.flow) {
      attribute(attrs, "sensitive_provision", pairs(op.sensitive), pairs(np.sensitive));
      attribute(attrs, "my_number_provision", pairs(op.my_number), pairs(np.my_number));
    }
    if (attrs.empty() && !reworded && !moved && !reordered && o.id == n.id) {
      return;
    }
    if (moved) {
      const SideIndex::ItemAt &at = m_old.items[*old_i];
      attrs.push_back({"bucket", {m_old.bucket(at.flat_bucket).id}, {m_new.bucket_of_item(i).id}});
    } else if (reordered) {
      attrs.push_back(
          {"position", {std::to_string(m_old.items[*old_i].item + 1)}, {std::to_string(m_new.items[i].item + 1)}});
    }
    const bool only_position = attrs.size() == 1 && attrs[0].name == "position";
    const ChangeKind kind = moved           ? ChangeKind::moved
                            : reworded      ? ChangeKind::reworded
                            : only_position ? ChangeKind::reordered
                                            : ChangeKind::changed;
    Change &change = add_change(kind, ElementKind::item, item_side(m_old, *old_i), item_side(m_new, i));
    change.attributes = std::move(attrs);
    classify_item(change, &op, np);
    if (change.findings.empty()) {
      if (moved) {
        change.findings.push_back(finding("diff/moved", {"moved to 「" + change.new_side->place + "」",
                                                         "「" + change.new_side->place + "」に移動しました"}));
      } else if (only_position) {
        change.findings.push_back(finding(
            "diff/order-only", {"moved among the use cases of its bucket", "区分内の事例の順序が変わりました"}));
      } else if (reworded || op.notes != np.notes) {
        change.findings.push_back(finding("diff/wording-only", {"reworded", "文言が変わりました"}));
      } else if (o.id != n.id) {
        change.findings.push_back(finding("diff/wording-only", {"only the id changed", "id だけが変わりました"}));
      } else {
        change.findings.push_back(finding("diff/data-changed", {"changed", "変更されました"}));
      }
    }
  }
};

} // namespace

const std::string &Change::id() const {
  return new_side ? new_side->id : old_side->id;
}

bool Change::renamed() const {
  return old_side && new_side && old_side->id != new_side->id;
}

Severity Change::severity() const {
  Severity s = Severity::info;
  for (const auto &f : findings) {
    s = std::max(s, f.severity);
  }
  return s;
}

Diff diff_notices(const Notice &old_notice, const Notice &new_notice, const DiffOptions &options) {
  return Differ(old_notice, new_notice, options).run();
}

std::string_view to_string(ElementKind kind) {
  switch (kind) {
  case ElementKind::title:
    return "title";
  case ElementKind::insurer:
    return "insurer";
  case ElementKind::term:
    return "term";
  case ElementKind::paragraph:
    return "paragraph";
  case ElementKind::data:
    return "data";
  case ElementKind::party:
    return "party";
  case ElementKind::category:
    return "category";
  case ElementKind::bucket:
    return "bucket";
  case ElementKind::item:
    return "item";
  case ElementKind::revision:
    return "revision";
  }
  return "unknown";
}

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::added:
    return "added";
  case ChangeKind::removed:
    return "removed";
  case ChangeKind::moved:
    return "moved";
  case ChangeKind::reworded:
    return "reworded";
  case ChangeKind::changed:
    return "changed";
  case ChangeKind::reordered:
    return "reordered";
  }
  return "unknown";
}

} // namespace notice
