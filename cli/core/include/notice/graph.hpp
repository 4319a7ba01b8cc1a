// Data-flow diagrams: who receives what from the insurer, and who sends what to it.
//
// Three steps, each usable on its own: build_flow_model() turns a notice (or two, for a diff) into a
// plain FlowModel of nodes, edges and clusters; render_graph() lays it out and draws it in-process
// with Graphviz; inspect_graph() builds the same Graphviz graph and reads it back, for tests.
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

/// How party nodes are gathered into boxes (clusters).
enum class GraphGroup {
  none,    ///< no clusters for parties
  kind,    ///< one cluster per party kind (事業主, 委託先 …)
  purpose, ///< one cluster per purpose category; a party used in several gets a node in each
};

/// What render_graph() produces.
enum class GraphFormat { svg, png, pdf, dot };

/// Which slice of the notice to draw; an empty list does not filter.
struct GraphFilter {
  std::vector<std::string> purposes; ///< category ids or numbers as written ("3", "health-services")
  std::vector<std::string> parties;  ///< party ids: only edges to or from these parties
  std::vector<FlowKind> flows;       ///< flow kinds
  std::vector<std::string> data;     ///< data source ids: only items that involve one of them

  /// True when nothing is filtered.
  bool empty() const { return purposes.empty() && parties.empty() && flows.empty() && data.empty(); }
};

/// Everything that shapes the diagram besides the notice itself.
struct GraphOptions {
  GraphGroup group = GraphGroup::none;
  GraphFilter filter;
  bool legend = true;  ///< draw the legend box
  std::string caption; ///< a line under the title, e.g. the revision shown; may be empty
};

/// How an element compares between the old and the new notice of a diff; `same` outside diffs.
enum class FlowChange { same, added, removed, changed };

/// One item (use case) of the notice as drawn on an edge.
struct FlowLine {
  std::string item;              ///< the item's id
  std::string category;          ///< its category's id
  std::string marker;            ///< the category number as printed ("３．"), or the number, or empty
  std::string text;              ///< the published wording
  std::vector<std::string> data; ///< ids of the data sources it involves, in its own order
  FlowChange change = FlowChange::same;
};

/// What a node stands for.
enum class FlowNodeRole {
  insurer,  ///< the society itself
  internal, ///< use inside the society: the target of the internal items
  data,     ///< a data source the society holds
  party,    ///< someone data goes to or comes from
  junction, ///< a point where one labelled edge splits towards parties that get the same items
};

/// A node of the diagram.
struct FlowNode {
  std::string name; ///< stable node name: "insurer", "internal[/cat]", "data/<id>", "party/<id>[/cat]"
  FlowNodeRole role = FlowNodeRole::party;
  std::string ref;               ///< the YAML id of the data source or party; empty otherwise
  std::string label;             ///< the name as the notice writes it
  std::string key;               ///< short reference used on edges ("D2" for data sources), or empty
  std::optional<PartyKind> kind; ///< for parties
  bool sensitive = false;        ///< data source: 要配慮個人情報
  bool my_number = false;        ///< data source: 特定個人情報
  std::string cluster;           ///< name of the cluster it is drawn in; empty: top level
  FlowChange change = FlowChange::same;
};

/// How an edge is drawn.
enum class FlowEdgeRole {
  flow,  ///< the items between the society and one party, labelled
  holds, ///< a data source the society holds (no items, no label)
  trunk, ///< the labelled part of flows shared by several parties, up to a junction
  fan,   ///< from a junction to one of those parties: carries the items, drawn without label
};

/// An edge: every item of one flow kind between the same two nodes, in document order. Parties that
/// get exactly the same items of a flow kind share one labelled `trunk` edge to a junction, from
/// which `fan` edges (with the same items, unlabelled) go to each party.
struct FlowEdge {
  std::string name; ///< "flow/<kind>/<party>[/cat]", "flow/<kind>/<p1>+<p2>…[/cat]", "holds/<data>"
  FlowEdgeRole role = FlowEdgeRole::flow;
  std::string tail;                     ///< node name the data leaves
  std::string head;                     ///< node name the data reaches
  std::optional<FlowKind> flow;         ///< absent for the "holds" edges between data sources and the society
  std::vector<FlowLine> lines;          ///< the items drawn on it; empty for "holds" edges
  FlowChange change = FlowChange::same; ///< added/removed when every line is; otherwise same (lines differ)
};

/// A box around nodes; `parent` empty means the top level.
struct FlowCluster {
  std::string name; ///< starts with "cluster" as Graphviz requires
  std::string label;
  std::string parent;
};

/// The diagram as plain data: what build_flow_model() decides and render_graph() draws.
struct FlowModel {
  std::string title;
  std::string caption;
  bool diff = false;
  bool legend = true;
  std::vector<FlowCluster> clusters;
  std::vector<FlowNode> nodes;
  std::vector<FlowEdge> edges;

  /// The node called `name`, or nullptr.
  const FlowNode *find_node(std::string_view name) const;
  /// The edge called `name`, or nullptr.
  const FlowEdge *find_edge(std::string_view name) const;
};

/// The diagram of one notice view (use at() first to pick a revision), after `options.filter`.
/// Ids in the filter that the notice does not have simply match nothing; see check_filter().
FlowModel build_flow_model(const Notice &notice, const GraphOptions &options);

/// The diagram of both views with every item, edge and node marked added, removed, changed or the
/// same, matched by id (an item whose `replaces` names an old item matches that item).
FlowModel build_flow_diff(const Notice &old_notice, const Notice &new_notice, const GraphOptions &options);

/// Messages, in English and Japanese, for filter values that name nothing in `notice` ("--party x:
/// no party has this id"); empty when every value is known.
std::vector<Message> check_filter(const Notice &notice, const GraphFilter &filter);

/// Parses "svg", "png", "pdf", "dot"; std::nullopt otherwise.
std::optional<GraphFormat> parse_graph_format(std::string_view name);

/// Parses "none", "kind", "purpose"; std::nullopt otherwise.
std::optional<GraphGroup> parse_graph_group(std::string_view name);

/// Lays out and draws `model` with Graphviz in this process and returns the bytes; for `dot`, the
/// DOT source before layout. The same model always gives the same svg and dot bytes. Throws
/// notice::Error when Graphviz reports an error (for example a missing renderer plugin).
std::string render_graph(const FlowModel &model, GraphFormat format);

/// The Graphviz graph that render_graph() would lay out, read back node by node and edge by edge.
struct GraphShape {
  /// A node as Graphviz holds it.
  struct Node {
    std::string name;    ///< node name
    std::string id;      ///< its `id` attribute (the SVG element id)
    std::string label;   ///< its `label` attribute
    std::string cluster; ///< the innermost cluster subgraph that holds it; empty: none
  };
  /// An edge as Graphviz holds it.
  struct Edge {
    std::string id;    ///< its `id` attribute
    std::string tail;  ///< tail node name
    std::string head;  ///< head node name
    std::string items; ///< its `items` attribute: the item ids it stands for, comma-separated
    std::string label; ///< its `label` attribute
  };
  std::vector<Node> nodes;
  std::vector<Edge> edges;
};

/// Builds the Graphviz graph of `model` (without laying it out) and returns what it contains.
GraphShape inspect_graph(const FlowModel &model);

} // namespace notice
