// The flow model: which nodes, edges and clusters a notice yields. No Graphviz here, so the
// decisions can be tested as plain data and reused for diffs.
#include "notice/diff.hpp"
#include "notice/graph.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace notice {

const FlowNode *FlowModel::find_node(std::string_view name) const {
  for (const auto &node : nodes) {
    if (node.name == name) {
      return &node;
    }
  }
  return nullptr;
}

const FlowEdge *FlowModel::find_edge(std::string_view name) const {
  for (const auto &edge : edges) {
    if (edge.name == name) {
      return &edge;
    }
  }
  return nullptr;
}

std::optional<GraphFormat> parse_graph_format(std::string_view name) {
  if (name == "svg") {
    return GraphFormat::svg;
  }
  if (name == "png") {
    return GraphFormat::png;
  }
  if (name == "pdf") {
    return GraphFormat::pdf;
  }
  if (name == "dot") {
    return GraphFormat::dot;
  }
  return std::nullopt;
}

std::optional<GraphGroup> parse_graph_group(std::string_view name) {
  if (name == "none") {
    return GraphGroup::none;
  }
  if (name == "kind") {
    return GraphGroup::kind;
  }
  if (name == "purpose") {
    return GraphGroup::purpose;
  }
  return std::nullopt;
}

namespace {

// One item drawn towards one party (or towards internal use, with `party` empty).
struct Placement {
  FlowLine line;
  FlowKind flow = FlowKind::internal;
  std::string party;
  std::string replaces; ///< the item's `replaces`, for matching across revisions
};

struct CategoryInfo {
  std::string id;
  std::string label;
};

// What one notice view contributes, after filtering; a diff merges two of these.
struct Facts {
  std::string insurer;
  std::string title;
  std::vector<DataSource> data;
  std::vector<Party> parties;
  std::vector<CategoryInfo> categories;
  std::vector<Placement> placements;
  std::map<std::string, FlowChange> data_change;
  std::map<std::string, FlowChange> party_change;
};

bool contains(const std::vector<std::string> &list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string category_marker(const Category &category) {
  if (!category.marker.empty()) {
    return category.marker.value;
  }
  if (category.number) {
    return std::to_string(*category.number) + ". ";
  }
  return {};
}

bool category_selected(const Category &category, const GraphFilter &filter) {
  if (filter.purposes.empty()) {
    return true;
  }
  for (const auto &wanted : filter.purposes) {
    if (wanted == category.id || (category.number && wanted == std::to_string(*category.number))) {
      return true;
    }
  }
  return false;
}

bool item_selected(const UseCase &item, FlowKind flow, const GraphFilter &filter) {
  if (!filter.flows.empty() && std::find(filter.flows.begin(), filter.flows.end(), flow) == filter.flows.end()) {
    return false;
  }
  if (!filter.data.empty()) {
    const bool any =
        std::any_of(item.data.begin(), item.data.end(), [&](const Ref &ref) { return contains(filter.data, ref.id); });
    if (!any) {
      return false;
    }
  }
  return true;
}

Facts collect(const Notice &notice, const GraphFilter &filter) {
  Facts facts;
  facts.insurer = notice.insurer.name.value;
  facts.title = notice.title.value;
  facts.data = notice.data;
  facts.parties = notice.parties;
  for (const auto &category : notice.categories) {
    facts.categories.push_back({category.id, category_marker(category) + category.title.value});
    if (!category_selected(category, filter)) {
      continue;
    }
    for (const auto &bucket : category.buckets) {
      for (const auto &item : bucket.items) {
        const FlowKind flow = effective_flow(item, bucket);
        if (!item_selected(item, flow, filter)) {
          continue;
        }
        FlowLine line;
        line.item = item.id;
        line.category = category.id;
        line.marker = category_marker(category);
        line.text = item.text.value;
        for (const auto &ref : item.data) {
          line.data.push_back(ref.id);
        }
        if (flow == FlowKind::internal || item.parties.empty()) {
          // An item without parties stays inside the society whatever its flow says; validate
          // reports the missing parties, the diagram still shows the item.
          if (filter.parties.empty()) {
            facts.placements.push_back({line, FlowKind::internal, {}, item.replaces});
          }
          continue;
        }
        for (const auto &party : item.parties) {
          if (filter.parties.empty() || contains(filter.parties, party.id)) {
            facts.placements.push_back({line, flow, party.id, item.replaces});
          }
        }
      }
    }
  }
  return facts;
}

bool same_line(const FlowLine &a, const FlowLine &b) {
  return a.text == b.text && a.data == b.data && a.category == b.category;
}

template <typename T> bool has_id(const std::vector<T> &list, const std::string &id) {
  return std::any_of(list.begin(), list.end(), [&](const T &element) { return element.id == id; });
}

std::string placement_key(const std::string &item, const Placement &p) {
  return item + '\n' + std::string(to_string(p.flow)) + '\n' + p.party;
}

// Marks what changed from `old_facts` to `new_facts` and returns the union, the new view's order
// first and what only the old view has after it.
// `renamed` maps an item's new id to its old id where diff's matcher paired them by wording.
Facts merge(const Facts &old_facts, Facts new_facts, const std::map<std::string, std::string> &renamed) {
  std::set<std::string> new_items;
  for (const auto &p : new_facts.placements) {
    new_items.insert(p.line.item);
  }
  std::map<std::string, const Placement *> old_by_key;
  for (const auto &p : old_facts.placements) {
    old_by_key.emplace(placement_key(p.line.item, p), &p);
  }
  std::set<std::string> matched;
  for (auto &p : new_facts.placements) {
    auto found = old_by_key.find(placement_key(p.line.item, p));
    if (found == old_by_key.end() && !p.replaces.empty() && new_items.count(p.replaces) == 0) {
      found = old_by_key.find(placement_key(p.replaces, p));
    }
    if (const auto r = renamed.find(p.line.item); found == old_by_key.end() && r != renamed.end()) {
      found = old_by_key.find(placement_key(r->second, p));
    }
    if (found == old_by_key.end()) {
      p.line.change = FlowChange::added;
      continue;
    }
    matched.insert(found->first);
    p.line.change = same_line(found->second->line, p.line) ? FlowChange::same : FlowChange::changed;
  }
  for (const auto &p : old_facts.placements) {
    if (matched.count(placement_key(p.line.item, p)) == 0) {
      Placement removed = p;
      removed.line.change = FlowChange::removed;
      new_facts.placements.push_back(std::move(removed));
    }
  }

  for (const auto &d : new_facts.data) {
    const auto old =
        std::find_if(old_facts.data.begin(), old_facts.data.end(), [&](const DataSource &o) { return o.id == d.id; });
    if (old == old_facts.data.end()) {
      new_facts.data_change[d.id] = FlowChange::added;
    } else if (old->name.value != d.name.value || old->sensitive != d.sensitive || old->my_number != d.my_number) {
      new_facts.data_change[d.id] = FlowChange::changed;
    }
  }
  for (const auto &o : old_facts.data) {
    if (!has_id(new_facts.data, o.id)) {
      new_facts.data_change[o.id] = FlowChange::removed;
      new_facts.data.push_back(o);
    }
  }
  for (const auto &p : new_facts.parties) {
    const auto old =
        std::find_if(old_facts.parties.begin(), old_facts.parties.end(), [&](const Party &o) { return o.id == p.id; });
    if (old == old_facts.parties.end()) {
      new_facts.party_change[p.id] = FlowChange::added;
    } else if (old->name.value != p.name.value || old->kind != p.kind) {
      new_facts.party_change[p.id] = FlowChange::changed;
    }
  }
  for (const auto &o : old_facts.parties) {
    if (!has_id(new_facts.parties, o.id)) {
      new_facts.party_change[o.id] = FlowChange::removed;
      new_facts.parties.push_back(o);
    }
  }
  for (const auto &c : old_facts.categories) {
    if (!has_id(new_facts.categories, c.id)) {
      new_facts.categories.push_back(c);
    }
  }
  return new_facts;
}

std::string_view kind_label(PartyKind kind) {
  switch (kind) {
  case PartyKind::employer:
    return "事業主";
  case PartyKind::medical_institution:
    return "医療機関";
  case PartyKind::non_life_insurer:
    return "損害保険会社等";
  case PartyKind::insurer:
    return "医療保険者";
  case PartyKind::federation:
    return "健康保険組合連合会";
  case PartyKind::review_payment_body:
    return "審査支払機関";
  case PartyKind::government:
    return "国";
  case PartyKind::public_body:
    return "行政機関";
  case PartyKind::contractor:
    return "委託先";
  case PartyKind::occupational_physician:
    return "産業医";
  case PartyKind::data_subject:
    return "本人";
  case PartyKind::other:
    break;
  }
  return "その他";
}

FlowChange change_of(const std::map<std::string, FlowChange> &changes, const std::string &id) {
  const auto found = changes.find(id);
  return found == changes.end() ? FlowChange::same : found->second;
}

std::string line_signature(const FlowEdge &edge) {
  std::string signature(to_string(*edge.flow));
  for (const auto &line : edge.lines) {
    signature += '\n' + line.item + '\t' + std::to_string(static_cast<int>(line.change));
  }
  return signature;
}

// Parties that get exactly the same items of one flow kind (支払基金 and 国保中央会, say) share one
// labelled edge to a junction point, so that the items are written once.
void share_junctions(FlowModel &model, bool by_purpose) {
  std::map<std::string, std::vector<std::size_t>> groups;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < model.edges.size(); ++i) {
    const FlowEdge &edge = model.edges[i];
    if (edge.role != FlowEdgeRole::flow || edge.lines.empty() || edge.flow == FlowKind::internal) {
      continue;
    }
    // In purpose mode the category is part of the node names, so edges of different categories
    // never share: their signatures differ by category of the lines anyway.
    const std::string signature = line_signature(edge) + (by_purpose ? "\n" + edge.lines.front().category : "");
    auto &members = groups[signature];
    if (members.empty()) {
      order.push_back(signature);
    }
    members.push_back(i);
  }
  std::vector<FlowEdge> edges;
  std::set<std::size_t> moved;
  std::map<std::size_t, std::vector<FlowEdge>> inserted; // at the first member's place
  for (const auto &signature : order) {
    const auto &members = groups[signature];
    if (members.size() < 2) {
      continue;
    }
    const FlowEdge &first = model.edges[members.front()];
    const bool inward = first.flow == FlowKind::received;
    std::string parties;
    for (const std::size_t i : members) {
      const FlowNode *party = model.find_node(inward ? model.edges[i].tail : model.edges[i].head);
      parties += (parties.empty() ? "" : "+") + party->ref;
    }
    const std::string suffix = by_purpose ? "/" + first.lines.front().category : "";
    const std::string kind(to_string(*first.flow));
    FlowNode junction;
    junction.name = "junction/" + kind + "/" + parties + suffix;
    junction.role = FlowNodeRole::junction;
    junction.cluster = by_purpose ? model.find_node(inward ? first.tail : first.head)->cluster : "";
    FlowEdge trunk;
    trunk.name = "flow/" + kind + "/" + parties + suffix;
    trunk.role = FlowEdgeRole::trunk;
    trunk.flow = first.flow;
    trunk.lines = first.lines;
    trunk.tail = inward ? junction.name : first.tail;
    trunk.head = inward ? first.head : junction.name;
    std::vector<FlowEdge> replacement{trunk};
    for (const std::size_t i : members) {
      FlowEdge fan = model.edges[i];
      fan.role = FlowEdgeRole::fan;
      (inward ? fan.head : fan.tail) = junction.name;
      replacement.push_back(std::move(fan));
      moved.insert(i);
    }
    inserted[members.front()] = std::move(replacement);
    model.nodes.push_back(std::move(junction));
  }
  for (std::size_t i = 0; i < model.edges.size(); ++i) {
    if (const auto found = inserted.find(i); found != inserted.end()) {
      edges.insert(edges.end(), found->second.begin(), found->second.end());
    } else if (moved.count(i) == 0) {
      edges.push_back(std::move(model.edges[i]));
    }
  }
  model.edges = std::move(edges);
}

// Turns the (merged) facts into nodes, edges and clusters.
FlowModel assemble(const Facts &facts, const GraphOptions &options, bool diff) {
  FlowModel model;
  model.title = facts.title;
  model.caption = options.caption;
  model.diff = diff;
  model.legend = options.legend;
  const bool by_purpose = options.group == GraphGroup::purpose;

  std::set<std::string> used_data;
  std::set<std::string> used_parties;
  for (const auto &p : facts.placements) {
    used_data.insert(p.line.data.begin(), p.line.data.end());
    if (!p.party.empty()) {
      used_parties.insert(p.party);
    }
  }

  model.clusters.push_back({"cluster_society", facts.insurer, {}});
  FlowNode insurer;
  insurer.name = "insurer";
  insurer.role = FlowNodeRole::insurer;
  insurer.label = facts.insurer;
  insurer.cluster = "cluster_society";
  model.nodes.push_back(insurer);

  // Data sources keep their declaration number (D1, D2 …) whatever the filter, so that a slice and
  // the whole picture use the same keys.
  for (std::size_t i = 0; i < facts.data.size(); ++i) {
    const DataSource &d = facts.data[i];
    if (used_data.count(d.id) == 0) {
      continue;
    }
    FlowNode node;
    node.name = "data/" + d.id;
    node.role = FlowNodeRole::data;
    node.ref = d.id;
    node.label = d.name.value;
    node.key = "D" + std::to_string(i + 1);
    node.sensitive = d.sensitive;
    node.my_number = d.my_number;
    node.cluster = "cluster_society";
    node.change = change_of(facts.data_change, d.id);
    model.nodes.push_back(node);
    FlowEdge holds;
    holds.name = "holds/" + d.id;
    holds.role = FlowEdgeRole::holds;
    holds.tail = node.name;
    holds.head = insurer.name;
    holds.change = node.change;
    model.edges.push_back(holds);
  }

  auto cluster_of_category = [&](const std::string &category) { return "cluster_purpose/" + category; };
  auto category_label = [&](const std::string &category) {
    for (const auto &c : facts.categories) {
      if (c.id == category) {
        return c.label;
      }
    }
    return category;
  };
  auto party_of = [&](const std::string &id) -> const Party * {
    for (const auto &p : facts.parties) {
      if (p.id == id) {
        return &p;
      }
    }
    return nullptr;
  };

  // Nodes for parties (and internal use) are made when first needed, in document order of the
  // placements; with kind grouping the clusters come in order of first appearance too.
  std::set<std::string> made_clusters;
  auto ensure_cluster = [&](const std::string &name, const std::string &label) {
    if (made_clusters.insert(name).second) {
      model.clusters.push_back({name, label, {}});
    }
  };
  auto ensure_node = [&](const Placement &p) -> std::string {
    const std::string suffix = by_purpose ? "/" + p.line.category : "";
    if (p.party.empty()) {
      const std::string name = "internal" + suffix;
      if (!model.find_node(name)) {
        FlowNode node;
        node.name = name;
        node.role = FlowNodeRole::internal;
        node.label = "組合内部での利用";
        if (by_purpose) {
          node.cluster = cluster_of_category(p.line.category);
          ensure_cluster(node.cluster, category_label(p.line.category));
        } else {
          node.cluster = "cluster_society";
        }
        model.nodes.push_back(node);
      }
      return name;
    }
    const std::string name = "party/" + p.party + suffix;
    if (!model.find_node(name)) {
      const Party *party = party_of(p.party);
      FlowNode node;
      node.name = name;
      node.role = FlowNodeRole::party;
      node.ref = p.party;
      node.label = party ? party->name.value : p.party;
      node.kind = party ? party->kind : PartyKind::other;
      node.change = change_of(facts.party_change, p.party);
      if (by_purpose) {
        node.cluster = cluster_of_category(p.line.category);
        ensure_cluster(node.cluster, category_label(p.line.category));
      } else if (options.group == GraphGroup::kind) {
        node.cluster = "cluster_kind/" + std::string(to_string(*node.kind));
        ensure_cluster(node.cluster, std::string(kind_label(*node.kind)));
      }
      model.nodes.push_back(node);
    }
    return name;
  };

  std::map<std::string, std::size_t> edge_index;
  for (const auto &p : facts.placements) {
    const std::string other = ensure_node(p);
    const std::string suffix = by_purpose ? "/" + p.line.category : "";
    const std::string name =
        "flow/" + std::string(to_string(p.flow)) + "/" + (p.party.empty() ? "internal" : p.party) + suffix;
    auto found = edge_index.find(name);
    if (found == edge_index.end()) {
      FlowEdge edge;
      edge.name = name;
      edge.flow = p.flow;
      if (p.flow == FlowKind::received) {
        edge.tail = other;
        edge.head = insurer.name;
      } else {
        edge.tail = insurer.name;
        edge.head = other;
      }
      found = edge_index.emplace(name, model.edges.size()).first;
      model.edges.push_back(edge);
    }
    model.edges[found->second].lines.push_back(p.line);
  }
  share_junctions(model, options.group == GraphGroup::purpose);
  for (auto &edge : model.edges) {
    if (edge.lines.empty()) {
      continue;
    }
    const FlowChange first = edge.lines.front().change;
    const bool uniform =
        std::all_of(edge.lines.begin(), edge.lines.end(), [&](const FlowLine &line) { return line.change == first; });
    edge.change = uniform && (first == FlowChange::added || first == FlowChange::removed) ? first : FlowChange::same;
  }
  return model;
}

} // namespace

FlowModel build_flow_model(const Notice &notice, const GraphOptions &options) {
  return assemble(collect(notice, options.filter), options, false);
}

FlowModel build_flow_diff(const Notice &old_notice, const Notice &new_notice, const GraphOptions &options) {
  // The diff subcommand's matcher pairs items whose id changed but whose wording stayed close.
  std::map<std::string, std::string> renamed;
  for (const Change &c : diff_notices(old_notice, new_notice).changes) {
    if (c.element == ElementKind::item && c.old_side && c.new_side && c.old_side->id != c.new_side->id) {
      renamed.emplace(c.new_side->id, c.old_side->id);
    }
  }
  return assemble(merge(collect(old_notice, options.filter), collect(new_notice, options.filter), renamed), options,
                  true);
}

std::vector<Message> check_filter(const Notice &notice, const GraphFilter &filter) {
  std::vector<Message> problems;
  for (const auto &purpose : filter.purposes) {
    const bool known = std::any_of(notice.categories.begin(), notice.categories.end(), [&](const Category &c) {
      return c.id == purpose || (c.number && std::to_string(*c.number) == purpose);
    });
    if (!known) {
      problems.push_back({"--purpose " + purpose + ": no category has this id or number",
                          "--purpose " + purpose + ": この id または番号の利用目的の区分はありません"});
    }
  }
  for (const auto &party : filter.parties) {
    if (!find_party(notice, party)) {
      problems.push_back(
          {"--party " + party + ": no party has this id", "--party " + party + ": この id の相手方はありません"});
    }
  }
  for (const auto &data : filter.data) {
    if (!find_data(notice, data)) {
      problems.push_back({"--data " + data + ": no data source has this id",
                          "--data " + data + ": この id の個人情報の区分はありません"});
    }
  }
  return problems;
}

} // namespace notice
