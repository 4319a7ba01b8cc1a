// Drawing a FlowModel with Graphviz in this process: cgraph builds the graph, gvc lays it out and
// renders it. Every text from the user's YAML goes into HTML-like labels after XML escaping, so no
// quote, backslash, `<`, `&` or newline in a notice can change the graph or the markup.
#include "notice/graph.hpp"

#include "notice/error.hpp"
#include "notice/template.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

namespace notice {

namespace {

constexpr const char *k_font = "IPAexGothic";
constexpr int k_wrap_columns = 44; // label lines are wrapped to about 22 full-width characters

// ---------------------------------------------------------------------------------------------
// Graphviz resources, each owned by one RAII object.

struct GraphCloser {
  void operator()(Agraph_t *graph) const { agclose(graph); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

struct ContextCloser {
  void operator()(GVC_t *context) const { gvFreeContext(context); }
};
using ContextPtr = std::unique_ptr<GVC_t, ContextCloser>;

// gvFreeLayout must run before the graph is closed; this object lives inside the graph's scope.
class Layout {
public:
  Layout(GVC_t *context, Agraph_t *graph) : m_context(context), m_graph(graph) {}
  Layout(const Layout &) = delete;
  Layout &operator=(const Layout &) = delete;
  ~Layout() { gvFreeLayout(m_context, m_graph); }

private:
  GVC_t *m_context;
  Agraph_t *m_graph;
};

// Names of graphs, subgraphs and nodes get ids in creation order. cgraph's default id discipline
// uses the address of the interned name as its id, and subgraphs are kept in id order: the order of
// clusters in the output would then depend on the heap, and differ between two renders.
struct IdState {
  Agraph_t *root = nullptr;
  std::map<std::string, IDTYPE, std::less<>> ids;
  std::map<IDTYPE, char *> names; // interned with agstrdup: cgraph reads flags stored beside them
  IDTYPE next_named = 2;          // even ids: named objects (cgraph's convention)
  IDTYPE next_anonymous = 1;      // odd ids: anonymous objects (edges here)
};

void *id_open(Agraph_t *root, Agdisc_t *) {
  auto *state = new IdState;
  state->root = root;
  return state;
}

long id_map(void *state, int, char *name, IDTYPE *id, int create) {
  auto *ids = static_cast<IdState *>(state);
  if (name == nullptr) {
    *id = ids->next_anonymous;
    ids->next_anonymous += 2;
    return 1;
  }
  if (const auto found = ids->ids.find(std::string_view(name)); found != ids->ids.end()) {
    *id = found->second;
    return 1;
  }
  if (!create) {
    return 0;
  }
  *id = ids->next_named;
  ids->next_named += 2;
  ids->ids.emplace(name, *id);
  ids->names.emplace(*id, agstrdup(ids->root, name));
  return 1;
}

long id_alloc(void *, int, IDTYPE) {
  return 0;
}

void id_free(void *, int, IDTYPE) {}

char *id_print(void *state, int, IDTYPE id) {
  auto *ids = static_cast<IdState *>(state);
  const auto found = ids->names.find(id);
  return found == ids->names.end() ? nullptr : found->second;
}

// Called by agclose before the graph's strings are released.
void id_close(void *state) {
  auto *ids = static_cast<IdState *>(state);
  for (const auto &[id, name] : ids->names) {
    agstrfree(ids->root, name);
  }
  delete ids;
}

void id_register(void *, int, void *) {}

Agiddisc_t k_sequential_ids = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};

// Graphviz reports problems through a global callback; we collect them and throw afterwards, so
// that nothing from Graphviz reaches stderr unasked. One message goes around it (cairo's "graph is
// too large for cairo-renderer bitmaps", printed while rendering a PNG): render_graph() refuses
// such sizes before rendering.
std::string g_graphviz_messages;

int collect_message(char *message) {
  g_graphviz_messages += message;
  return 0;
}

class ErrorCapture {
public:
  ErrorCapture() : m_previous(agseterrf(collect_message)), m_level(agseterr(AGERR)) {
    g_graphviz_messages.clear();
    agreseterrors();
  }
  ErrorCapture(const ErrorCapture &) = delete;
  ErrorCapture &operator=(const ErrorCapture &) = delete;
  ~ErrorCapture() {
    agseterrf(m_previous);
    agseterr(m_level);
  }

  void check(const char *what) const {
    if (agerrors() > 0 || !g_graphviz_messages.empty()) {
      std::string message = g_graphviz_messages;
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
      }
      throw Error(std::string("Graphviz could not ") + what + (message.empty() ? "" : ": " + message));
    }
  }

private:
  agusererrf m_previous;
  agerrlevel_t m_level;
};

// cgraph predates const; it copies the strings it is given and never writes to them.
char *c(const std::string &text) {
  return const_cast<char *>(text.c_str());
}
char *c(const char *text) {
  return const_cast<char *>(text);
}

void set(void *object, const char *name, const std::string &value) {
  agsafeset(object, c(name), c(value), c(""));
}

// Sets an HTML-like label; `html` must already be well-formed (built from escape() and our tags).
void set_html(Agraph_t *graph, void *object, const char *name, const std::string &html) {
  char *text = agstrdup_html(graph, c(html));
  agsafeset(object, c(name), text, c(""));
  agstrfree(graph, text);
}

// ---------------------------------------------------------------------------------------------
// Labels.

// XML-escapes `text` for an HTML-like label and doubles backslashes; newlines stay for wrap() to
// break on, other control characters (which XML forbids) are dropped.
std::string escape(std::string_view text) {
  std::string cleaned;
  cleaned.reserve(text.size());
  for (const char ch : text) {
    if (ch == '\\') {
      // Graphviz expands \N, \G, \L … even inside HTML-like labels (an entity is decoded first, so
      // &#92; does not help); a doubled backslash is its escape for one literal backslash.
      cleaned += "\\\\";
    } else if (ch == '\t') {
      cleaned += ' ';
    } else if (ch == '\n' || (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f)) {
      cleaned += ch;
    }
  }
  return escape_html(cleaned);
}

// Columns a code point starting with `lead` takes: ASCII one, everything else two (Japanese text).
int columns(unsigned char lead) {
  return lead < 0x80 ? 1 : 2;
}

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if ((lead >> 5) == 0x6) {
    return 2;
  }
  if ((lead >> 4) == 0xe) {
    return 3;
  }
  return 4;
}

// Splits escaped `text` into lines of at most `width` columns, at newlines and between code points,
// never inside an entity (&amp;), an escaped backslash or a UTF-8 sequence.
std::vector<std::string> wrap(const std::string &text, int width) {
  std::vector<std::string> lines(1);
  int used = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      lines.emplace_back();
      used = 0;
      ++i;
      continue;
    }
    std::size_t length = 0;
    int cols = 0;
    if (text[i] == '&') {
      length = text.find(';', i) - i + 1;
      cols = 1;
    } else if (text[i] == '\\') {
      length = 2; // an escaped backslash
      cols = 1;
    } else {
      const auto lead = static_cast<unsigned char>(text[i]);
      length = std::min(sequence_length(lead), text.size() - i);
      cols = columns(lead);
    }
    if (used + cols > width && used > 0) {
      lines.emplace_back();
      used = 0;
    }
    lines.back().append(text, i, length);
    used += cols;
    i += length;
  }
  return lines;
}

std::string join_lines(const std::vector<std::string> &lines, const char *br) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      out += br;
    }
    out += lines[i];
  }
  return out;
}

constexpr const char *k_added = "#1a7f37";
constexpr const char *k_removed = "#cf222e";
constexpr const char *k_changed = "#b35900";
constexpr const char *k_sensitive = "#c00000";
constexpr const char *k_my_number = "#7030a0";

const char *change_color(FlowChange change) {
  switch (change) {
  case FlowChange::added:
    return k_added;
  case FlowChange::removed:
    return k_removed;
  case FlowChange::changed:
    return k_changed;
  case FlowChange::same:
    break;
  }
  return nullptr;
}

const char *change_mark(FlowChange change) {
  switch (change) {
  case FlowChange::added:
    return "＋";
  case FlowChange::removed:
    return "－";
  case FlowChange::changed:
    return "～";
  case FlowChange::same:
    break;
  }
  return "";
}

struct FlowStyle {
  const char *label;
  const char *color;
  const char *style;
};

FlowStyle flow_style(FlowKind kind) {
  switch (kind) {
  case FlowKind::provision:
    return {"提供", "#1f5fbf", "solid"};
  case FlowKind::outsourcing:
    return {"委託", "#595959", "dashed"};
  case FlowKind::joint_use:
    return {"共同利用", "#8e44ad", "bold"};
  case FlowKind::received:
    return {"受領", "#2e7d32", "solid"};
  case FlowKind::internal:
    break;
  }
  return {"内部での利用", "#8c8c8c", "dotted"};
}

struct KindStyle {
  const char *label;
  const char *fill;
};

KindStyle kind_style(PartyKind kind) {
  switch (kind) {
  case PartyKind::employer:
    return {"事業主", "#fff2cc"};
  case PartyKind::medical_institution:
    return {"医療機関", "#e2f0d9"};
  case PartyKind::non_life_insurer:
    return {"損害保険会社等", "#fbe5d6"};
  case PartyKind::insurer:
    return {"医療保険者", "#deebf7"};
  case PartyKind::federation:
    return {"健康保険組合連合会", "#d9f2f2"};
  case PartyKind::review_payment_body:
    return {"審査支払機関", "#e4dfec"};
  case PartyKind::government:
    return {"国", "#f8d7da"};
  case PartyKind::public_body:
    return {"行政機関", "#f8d7da"};
  case PartyKind::contractor:
    return {"委託先", "#ededed"};
  case PartyKind::occupational_physician:
    return {"産業医", "#e2f0d9"};
  case PartyKind::data_subject:
    return {"本人", "#ffffff"};
  case PartyKind::other:
    break;
  }
  return {"その他", "#ffffff"};
}

// Data keys on edge lines: red for 要配慮, purple for 特定個人情報, bold for both.
std::string data_keys(const FlowModel &model, const std::vector<std::string> &data) {
  std::string out;
  for (const auto &id : data) {
    const FlowNode *node = model.find_node("data/" + id);
    if (!node) {
      continue;
    }
    out += out.empty() ? " " : ",";
    if (node->my_number) {
      out += std::string("<FONT COLOR=\"") + k_my_number + "\"><B>" + node->key + "</B></FONT>";
    } else if (node->sensitive) {
      out += std::string("<FONT COLOR=\"") + k_sensitive + "\"><B>" + node->key + "</B></FONT>";
    } else {
      out += node->key;
    }
  }
  return out.empty() ? out : "〔" + out.substr(1) + "〕";
}

std::string edge_label(const FlowModel &model, const FlowEdge &edge) {
  const FlowStyle style = flow_style(*edge.flow);
  std::string html = std::string("<B>") + style.label + "</B><BR ALIGN=\"LEFT\"/>";
  for (const auto &line : edge.lines) {
    std::vector<std::string> wrapped = wrap(escape(line.marker + line.text), k_wrap_columns);
    wrapped.back() += data_keys(model, line.data);
    std::string body = join_lines(wrapped, "<BR ALIGN=\"LEFT\"/>　");
    if (model.diff && line.change != FlowChange::same) {
      body = std::string(change_mark(line.change)) + body;
      if (line.change == FlowChange::removed) {
        body = "<S>" + body + "</S>";
      }
      body = std::string("<FONT COLOR=\"") + change_color(line.change) + "\">" + body + "</FONT>";
    }
    html += body + "<BR ALIGN=\"LEFT\"/>";
  }
  return html;
}

std::string node_label(const FlowNode &node) {
  switch (node.role) {
  case FlowNodeRole::insurer:
    return "<B>" + escape(node.label) + "</B>";
  case FlowNodeRole::internal:
    return escape(node.label);
  case FlowNodeRole::data: {
    std::string html = "<B>" + node.key + "</B> " + join_lines(wrap(escape(node.label), 30), "<BR/>");
    if (node.sensitive) {
      html += std::string("<BR/><FONT COLOR=\"") + k_sensitive + "\" POINT-SIZE=\"9\">要配慮個人情報</FONT>";
    }
    if (node.my_number) {
      html += std::string("<BR/><FONT COLOR=\"") + k_my_number + "\" POINT-SIZE=\"9\">特定個人情報</FONT>";
    }
    return html;
  }
  case FlowNodeRole::junction:
    return "";
  case FlowNodeRole::party:
    break;
  }
  const std::string kind = kind_style(node.kind.value_or(PartyKind::other)).label;
  std::string html = join_lines(wrap(escape(node.label), 24), "<BR/>");
  if (node.label != kind) {
    html += "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">" + kind + "</FONT>";
  }
  return html;
}

std::string join_items(const FlowEdge &edge) {
  std::string out;
  for (const auto &line : edge.lines) {
    out += out.empty() ? "" : ",";
    out += line.item;
  }
  return out;
}

void style_node(Agnode_t *n, const FlowNode &node, bool diff) {
  switch (node.role) {
  case FlowNodeRole::insurer:
    set(n, "shape", "box");
    set(n, "style", "filled,bold");
    set(n, "fillcolor", "#1f4e79");
    set(n, "fontcolor", "#ffffff");
    set(n, "fontsize", "14");
    set(n, "margin", "0.25,0.15");
    break;
  case FlowNodeRole::internal:
    set(n, "style", "rounded,dashed,filled");
    set(n, "fillcolor", "#f2f2f2");
    break;
  case FlowNodeRole::data:
    set(n, "shape", "note");
    set(n, "style", "filled");
    set(n, "fillcolor", node.my_number ? "#efe4f7" : node.sensitive ? "#fde2e2" : "#ffffff");
    set(n, "fontsize", "10");
    break;
  case FlowNodeRole::junction:
    set(n, "shape", "point");
    set(n, "width", "0.08");
    set(n, "style", "filled");
    set(n, "fillcolor", "#595959");
    break;
  case FlowNodeRole::party:
    set(n, "fillcolor", kind_style(node.kind.value_or(PartyKind::other)).fill);
    break;
  }
  if (diff && node.change != FlowChange::same) {
    set(n, "color", change_color(node.change));
    set(n, "penwidth", "2.5");
    if (node.change == FlowChange::removed) {
      set(n, "style", "rounded,dashed,filled");
    }
  }
}

void style_edge(Agedge_t *e, const FlowEdge &edge, bool diff) {
  if (!edge.flow) {
    set(e, "arrowhead", "none");
    set(e, "color", "#b0b0b0");
  } else {
    const FlowStyle style = flow_style(*edge.flow);
    set(e, "color", style.color);
    set(e, "fontcolor", style.color);
    set(e, "style", style.style);
    if (*edge.flow == FlowKind::joint_use) {
      set(e, "dir", edge.role == FlowEdgeRole::flow ? "both" : edge.role == FlowEdgeRole::trunk ? "back" : "forward");
    } else if (edge.role != FlowEdgeRole::flow &&
               (edge.role == FlowEdgeRole::trunk) != (*edge.flow == FlowKind::received)) {
      // Only the segment that reaches the receiving side carries an arrowhead.
      set(e, "arrowhead", "none");
    }
  }
  if (diff && edge.change != FlowChange::same) {
    set(e, "color", change_color(edge.change));
    set(e, "penwidth", "2.5");
  }
}

void add_legend(Agraph_t *g, const FlowModel &model) {
  Agraph_t *legend = agsubg(g, c("cluster_legend"), 1);
  set(legend, "id", "cluster_legend");
  set_html(g, legend, "label", "<B>凡例</B>");
  set(legend, "style", "rounded");
  set(legend, "color", "#999999");

  // One sample edge per flow kind that the picture uses, in a fixed order.
  const FlowKind kinds[] = {FlowKind::provision, FlowKind::outsourcing, FlowKind::joint_use, FlowKind::received,
                            FlowKind::internal};
  for (const FlowKind kind : kinds) {
    const bool used =
        std::any_of(model.edges.begin(), model.edges.end(), [&](const FlowEdge &edge) { return edge.flow == kind; });
    if (!used) {
      continue;
    }
    const std::string base = "legend/" + std::string(to_string(kind));
    Agnode_t *from = agnode(legend, c(base + "/from"), 1);
    Agnode_t *to = agnode(legend, c(base + "/to"), 1);
    for (Agnode_t *n : {from, to}) {
      set(n, "shape", "point");
      set(n, "width", "0.05");
      set(n, "label", "");
      set(n, "id", agnameof(n));
    }
    Agedge_t *e = agedge(legend, from, to, nullptr, 1);
    FlowEdge sample;
    sample.flow = kind;
    style_edge(e, sample, false);
    set(e, "id", base);
    const FlowStyle style = flow_style(kind);
    set_html(g, e, "label",
             std::string(style.label) + (kind == FlowKind::received   ? "（他機関→組合）"
                                         : kind == FlowKind::internal ? ""
                                                                      : "（組合→相手方）"));
  }

  std::string table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">";
  table += std::string("<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"") + k_sensitive +
           "\"><B>D</B></FONT> 要配慮個人情報を含む</TD></TR>";
  table += std::string("<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"") + k_my_number +
           "\"><B>D</B></FONT> 特定個人情報（マイナンバー）</TD></TR>";
  table += "<TR><TD ALIGN=\"LEFT\">〔D1,D2〕 その項目で扱う個人情報</TD></TR>";
  if (model.diff) {
    table += std::string("<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"") + k_added + "\">＋ 追加</FONT>　<FONT COLOR=\"" +
             k_removed + "\"><S>－ 削除</S></FONT>　<FONT COLOR=\"" + k_changed + "\">～ 変更</FONT></TD></TR>";
  }
  table += "</TABLE>";
  Agnode_t *key = agnode(legend, c("legend/key"), 1);
  set(key, "shape", "plain");
  set(key, "id", "legend/key");
  set_html(g, key, "label", table);
}

// Builds the whole graph; nothing is laid out yet.
GraphPtr build(const FlowModel &model) {
  Agdesc_t kind = Agdirected;
  static Agdisc_t discipline = {&AgMemDisc, &k_sequential_ids, &AgIoDisc};
  GraphPtr graph(agopen(c("notice"), kind, &discipline));
  if (!graph) {
    throw Error("Graphviz could not create a graph (out of memory)");
  }
  Agraph_t *g = graph.get();

  // Defaults first, so that they are written once in the DOT source.
  agattr(g, AGRAPH, c("fontname"), c(k_font));
  agattr(g, AGRAPH, c("fontsize"), c("16"));
  agattr(g, AGRAPH, c("rankdir"), c("LR"));
  agattr(g, AGRAPH, c("labelloc"), c("t"));
  agattr(g, AGRAPH, c("newrank"), c("true"));
  agattr(g, AGRAPH, c("nodesep"), c("0.25"));
  agattr(g, AGRAPH, c("ranksep"), c("0.6"));
  agattr(g, AGRAPH, c("pad"), c("0.3"));
  agattr(g, AGRAPH, c("bgcolor"), c("#ffffff"));
  // gvContext() declares this default for every graph opened after it; declaring it ourselves
  // makes the first render of a process write the same DOT as the later ones.
  agattr(g, AGNODE, c("label"), c("\\N"));
  agattr(g, AGNODE, c("fontname"), c(k_font));
  agattr(g, AGNODE, c("fontsize"), c("11"));
  agattr(g, AGNODE, c("shape"), c("box"));
  agattr(g, AGNODE, c("style"), c("rounded,filled"));
  agattr(g, AGNODE, c("fillcolor"), c("#ffffff"));
  agattr(g, AGEDGE, c("fontname"), c(k_font));
  agattr(g, AGEDGE, c("fontsize"), c("10"));
  agattr(g, AGEDGE, c("arrowsize"), c("0.8"));

  std::string title = "<B>" + escape(model.title) + "</B>";
  if (!model.caption.empty()) {
    title += "<BR/><FONT POINT-SIZE=\"12\">" + escape(model.caption) + "</FONT>";
  }
  set_html(g, g, "label", title);

  std::map<std::string, Agraph_t *> clusters;
  for (const auto &cluster : model.clusters) {
    Agraph_t *parent = cluster.parent.empty() ? g : clusters.at(cluster.parent);
    Agraph_t *sub = agsubg(parent, c(cluster.name), 1);
    set(sub, "id", cluster.name);
    set_html(g, sub, "label", escape(cluster.label));
    set(sub, "style", "rounded");
    set(sub, "color", "#aaaaaa");
    set(sub, "fontsize", "12");
    clusters[cluster.name] = sub;
  }

  std::map<std::string, Agnode_t *> nodes;
  for (const auto &node : model.nodes) {
    Agraph_t *owner = node.cluster.empty() ? g : clusters.at(node.cluster);
    Agnode_t *n = agnode(owner, c(node.name), 1);
    set(n, "id", node.name);
    set_html(g, n, "label", node_label(node));
    style_node(n, node, model.diff);
    nodes[node.name] = n;
  }

  for (const auto &edge : model.edges) {
    Agedge_t *e = agedge(g, nodes.at(edge.tail), nodes.at(edge.head), nullptr, 1);
    set(e, "id", edge.name);
    if (edge.role == FlowEdgeRole::flow || edge.role == FlowEdgeRole::trunk) {
      set_html(g, e, "label", edge_label(model, edge));
    }
    if (edge.role != FlowEdgeRole::holds) {
      set(e, "items", join_items(edge));
    }
    style_edge(e, edge, model.diff);
  }

  if (model.legend) {
    add_legend(g, model);
  }
  return graph;
}

int write_to_string(void *channel, const char *text) {
  static_cast<std::string *>(channel)->append(text);
  return 0;
}

int flush_nothing(void *) {
  return 0;
}

std::string to_dot(Agraph_t *g) {
  // agwrite goes through the graph's I/O discipline; ours appends to a string instead of a FILE.
  Agiodisc_t io = AgIoDisc;
  io.putstr = write_to_string;
  io.flush = flush_nothing;
  // Graphviz's own DOT renderer swaps the discipline the same way (plugin/core/gvrender_core_dot.c).
  Agiodisc_t *previous = g->clos->disc.io;
  g->clos->disc.io = &io;
  std::string out;
  const int status = agwrite(g, &out);
  g->clos->disc.io = previous;
  if (status != 0) {
    throw Error("Graphviz could not write the DOT source");
  }
  return out;
}

// One Graphviz context for the whole process, freed at exit. A second context after the first was
// freed reads freed memory: the pango plugin keeps a pointer to the last font name, which belongs to
// the context's font cache (seen under AddressSanitizer with Graphviz 2.42).
GVC_t *shared_context() {
  static const ContextPtr context(gvContext());
  if (!context) {
    throw Error("Graphviz could not start (gvContext failed)");
  }
  return context.get();
}

const char *format_name(GraphFormat format) {
  switch (format) {
  case GraphFormat::svg:
    return "svg";
  case GraphFormat::png:
    return "png:cairo";
  case GraphFormat::pdf:
    return "pdf:cairo";
  case GraphFormat::dot:
    break;
  }
  return "dot";
}

std::string attribute(void *object, const char *name) {
  const char *value = agget(object, c(name));
  return value ? value : "";
}

} // namespace

std::string render_graph(const FlowModel &model, GraphFormat format) {
  // Twice the default resolution, so that the smaller Japanese labels stay legible.
  constexpr int k_png_dpi = 144;
  ErrorCapture errors;
  GraphPtr graph = build(model);
  errors.check("build the graph");
  if (format == GraphFormat::dot) {
    return to_dot(graph.get());
  }
  if (format == GraphFormat::png) {
    set(graph.get(), "dpi", std::to_string(k_png_dpi));
  }
  GVC_t *context = shared_context();
  if (gvLayout(context, graph.get(), "dot") != 0) {
    errors.check("lay out the graph");
    throw Error("Graphviz could not lay out the graph");
  }
  Layout layout(context, graph.get());
  if (format == GraphFormat::png) {
    // Cairo's bitmaps end at 32767 pixels a side; past that Graphviz shrinks the drawing into an
    // unreadable image and says so on stderr. Refuse first, with what to do instead.
    constexpr double k_max_pixels = 32767;
    const boxf box = GD_bb(graph.get());
    const double width = (box.UR.x - box.LL.x) / 72 * k_png_dpi;
    const double height = (box.UR.y - box.LL.y) / 72 * k_png_dpi;
    if (width > k_max_pixels || height > k_max_pixels) {
      throw Error("the diagram would be " + std::to_string(static_cast<long long>(width)) + " × " +
                  std::to_string(static_cast<long long>(height)) +
                  " pixels, more than a PNG can hold (32767 a side); draw it as svg or pdf (-f svg), or draw a "
                  "part of it with --purpose, --party, --flow or --data");
    }
  }
  char *data = nullptr;
  unsigned int length = 0;
  const int status = gvRenderData(context, graph.get(), format_name(format), &data, &length);
  std::unique_ptr<char, void (*)(char *)> owned(data, gvFreeRenderData);
  if (status != 0 || data == nullptr) {
    errors.check(std::string("render ").append(format_name(format)).c_str());
    throw Error(std::string("Graphviz could not render ") + format_name(format) +
                "; is the Graphviz plugin for it installed (package graphviz)?");
  }
  errors.check("render the graph");
  return std::string(data, length);
}

GraphShape inspect_graph(const FlowModel &model) {
  ErrorCapture errors;
  GraphPtr graph = build(model);
  errors.check("build the graph");
  Agraph_t *g = graph.get();
  GraphShape shape;
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
    GraphShape::Node node;
    node.name = agnameof(n);
    node.id = attribute(n, "id");
    node.label = attribute(n, "label");
    for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub)) {
      if (agsubnode(sub, n, 0) != nullptr) {
        node.cluster = agnameof(sub);
      }
    }
    shape.nodes.push_back(node);
  }
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
    for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
      GraphShape::Edge edge;
      edge.id = attribute(e, "id");
      edge.tail = agnameof(agtail(e));
      edge.head = agnameof(aghead(e));
      edge.items = attribute(e, "items");
      edge.label = attribute(e, "label");
      shape.edges.push_back(edge);
    }
  }
  return shape;
}

} // namespace notice
