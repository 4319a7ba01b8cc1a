#include "notice_text.hpp"

#include "notice/graph.hpp"
#include "notice/load.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

using namespace notice;
using notice::test::k_minimal;
using notice::test::replaced;

namespace {

Notice load_ok(const std::string &text, const char *date = nullptr) {
  LoadResult loaded = load_text("t.yaml", text);
  for (const auto &d : loaded.diagnostics) {
    INFO(format_diagnostic(d));
    REQUIRE(d.severity != Severity::error);
  }
  REQUIRE(loaded.notice);
  const Date when = date ? *parse_date(date) : latest_revision(*loaded.notice)->effective;
  return at(*loaded.notice, when);
}

Notice bundled(const char *date = "2021-10-29") {
  LoadResult loaded = load_file(std::string(NOTICE_SOURCE_DIR) + "/notice/acom-kenpo.yaml");
  REQUIRE(loaded.notice);
  return at(*loaded.notice, *parse_date(date));
}

std::vector<std::string> split(const std::string &text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) {
    parts.push_back(part);
  }
  return parts;
}

bool has_item(const GraphShape::Edge &edge, const std::string &item) {
  const auto items = split(edge.items);
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::vector<std::string> node_names(const GraphShape &shape) {
  std::vector<std::string> names;
  for (const auto &node : shape.nodes) {
    if (node.name.rfind("legend/", 0) != 0) {
      names.push_back(node.name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> edge_triples(const GraphShape &shape) {
  std::vector<std::string> triples;
  for (const auto &edge : shape.edges) {
    if (edge.id.rfind("legend/", 0) != 0) {
      triples.push_back(edge.tail + " -> " + edge.head + " [" + edge.id + "] " + edge.items);
    }
  }
  std::sort(triples.begin(), triples.end());
  return triples;
}

// Does some edge carrying `item` reach `party` in the direction of `flow`, either directly from the
// insurer or through a junction whose trunk edge carries the item too?
bool item_reaches(const GraphShape &shape, const std::string &item, const std::string &party, FlowKind flow) {
  const bool inward = flow == FlowKind::received;
  for (const auto &edge : shape.edges) {
    const std::string &at_party = inward ? edge.tail : edge.head;
    const std::string &other = inward ? edge.head : edge.tail;
    if (at_party != party || !has_item(edge, item)) {
      continue;
    }
    if (other == "insurer") {
      return true;
    }
    for (const auto &trunk : shape.edges) {
      const std::string &trunk_end = inward ? trunk.tail : trunk.head;
      const std::string &trunk_start = inward ? trunk.head : trunk.tail;
      if (trunk_end == other && trunk_start == "insurer" && has_item(trunk, item)) {
        return true;
      }
    }
  }
  return false;
}

} // namespace

TEST_CASE("graph: the minimal notice yields the insurer, its data, internal use and the employer") {
  const GraphShape shape = inspect_graph(build_flow_model(load_ok(k_minimal), {}));
  CHECK(node_names(shape) ==
        std::vector<std::string>{"data/applications", "data/checkups", "insurer", "internal", "party/employer"});
  CHECK(edge_triples(shape) == std::vector<std::string>{
                                   "data/applications -> insurer [holds/applications] ",
                                   "data/checkups -> insurer [holds/checkups] ",
                                   "insurer -> internal [flow/internal/internal] benefit-payment",
                                   "insurer -> party/employer [flow/provision/employer] collabo-health",
                               });
  for (const auto &node : shape.nodes) {
    CHECK(node.id == node.name);
  }
}

TEST_CASE("graph: the view of an earlier revision leaves out what was added later") {
  const GraphShape shape = inspect_graph(build_flow_model(load_ok(k_minimal, "2021-09-01"), {}));
  CHECK(node_names(shape) == std::vector<std::string>{"data/applications", "insurer", "internal"});
}

TEST_CASE("graph: received items point from the party to the insurer") {
  const std::string text = replaced(replaced(k_minimal, "kind: external", "kind: received"),
                                    "            basis:\n"
                                    "              - law: consent\n",
                                    "");
  const GraphShape shape = inspect_graph(build_flow_model(load_ok(text), {}));
  const auto edge = std::find_if(shape.edges.begin(), shape.edges.end(),
                                 [](const GraphShape::Edge &e) { return e.id == "flow/received/employer"; });
  REQUIRE(edge != shape.edges.end());
  CHECK(edge->tail == "party/employer");
  CHECK(edge->head == "insurer");
}

TEST_CASE("graph: every item of the bundled notice is on an edge to each of its parties") {
  const Notice notice = bundled();
  const FlowModel model = build_flow_model(notice, {});
  const GraphShape shape = inspect_graph(model);

  int items = 0;
  std::set<std::string> parties;
  for (const auto &category : notice.categories) {
    for (const auto &bucket : category.buckets) {
      for (const auto &item : bucket.items) {
        ++items;
        const FlowKind flow = effective_flow(item, bucket);
        if (flow == FlowKind::internal) {
          INFO(item.id);
          CHECK(item_reaches(shape, item.id, "internal", flow));
          continue;
        }
        for (const auto &party : item.parties) {
          INFO(item.id << " -> " << party.id);
          CHECK(item_reaches(shape, item.id, "party/" + party.id, flow));
          parties.insert(party.id);
        }
      }
    }
  }
  CHECK(items == 38);
  CHECK(parties.size() == 13);
  for (const auto &party : parties) {
    const auto names = node_names(shape);
    CHECK(std::count(names.begin(), names.end(), "party/" + party) == 1);
  }
  // 支払基金 and 国保中央会 get the same three items: written once, on the trunk to a junction.
  const FlowEdge *trunk = model.find_edge("flow/outsourcing/ssk+kokuho-chuokai");
  REQUIRE(trunk);
  CHECK(trunk->role == FlowEdgeRole::trunk);
  CHECK(trunk->lines.size() == 3);
  const FlowEdge *fan = model.find_edge("flow/outsourcing/ssk");
  REQUIRE(fan);
  CHECK(fan->role == FlowEdgeRole::fan);
  CHECK(fan->tail == "junction/outsourcing/ssk+kokuho-chuokai");
  // Data sources keep their declaration number and their marks.
  const FlowNode *receipts = model.find_node("data/receipts");
  REQUIRE(receipts);
  CHECK(receipts->key == "D2");
  CHECK(receipts->sensitive);
  CHECK(model.find_node("data/mynumber")->my_number);
}

TEST_CASE("graph: filters draw one slice") {
  const Notice notice = bundled();
  GraphOptions options;

  SECTION("by party: only that party's edges, no internal use") {
    options.filter.parties = {"employer"};
    const GraphShape shape = inspect_graph(build_flow_model(notice, options));
    CHECK(edge_triples(shape) == std::vector<std::string>{
                                     "data/benefit-info -> insurer [holds/benefit-info] ",
                                     "data/checkups -> insurer [holds/checkups] ",
                                     "insurer -> party/employer [flow/provision/employer] auto-payment,collabo-health",
                                 });
  }
  SECTION("by purpose number and flow kind") {
    options.filter.purposes = {"7"};
    options.filter.flows = {FlowKind::received};
    const FlowModel model = build_flow_model(notice, options);
    for (const auto &edge : model.edges) {
      if (edge.flow) {
        CHECK(edge.flow == FlowKind::received);
        for (const auto &line : edge.lines) {
          CHECK(line.category == "mynumber-linkage-purposes");
        }
      }
    }
    CHECK(model.find_edge("flow/received/public-bodies")->lines.size() == 4);
    CHECK(model.find_node("party/employer") == nullptr);
  }
  SECTION("by purpose id and data source") {
    options.filter.purposes = {"health-services"};
    options.filter.data = {"specific-checkups"};
    const FlowModel model = build_flow_model(notice, options);
    std::vector<std::string> items;
    for (const auto &edge : model.edges) {
      for (const auto &line : edge.lines) {
        items.push_back(line.item);
      }
    }
    CHECK(items == std::vector<std::string>{"specific-checkups-guidance", "specific-checkups-report"});
    // The key stays D9 although the slice shows fewer data sources.
    CHECK(model.find_node("data/specific-checkups")->key == "D9");
    CHECK(model.find_node("data/applications") == nullptr);
  }
  SECTION("unknown ids are reported") {
    options.filter.parties = {"nobody"};
    options.filter.purposes = {"9"};
    options.filter.data = {"receipts"};
    std::vector<std::string> problems;
    for (const auto &problem : check_filter(notice, options.filter)) {
      problems.push_back(problem.en);
    }
    CHECK(problems == std::vector<std::string>{"--purpose 9: no category has this id or number",
                                               "--party nobody: no party has this id"});
    CHECK(check_filter(notice, options.filter)[1].ja == "--party nobody: この id の相手方はありません");
  }
}

TEST_CASE("graph: grouping puts parties into clusters") {
  const Notice notice = bundled();
  GraphOptions options;

  SECTION("by kind") {
    options.group = GraphGroup::kind;
    const GraphShape shape = inspect_graph(build_flow_model(notice, options));
    std::map<std::string, std::string> cluster;
    for (const auto &node : shape.nodes) {
      cluster[node.name] = node.cluster;
    }
    CHECK(cluster["party/ssk"] == "cluster_kind/review_payment_body");
    CHECK(cluster["party/kokuho-chuokai"] == "cluster_kind/review_payment_body");
    CHECK(cluster["party/employer"] == "cluster_kind/employer");
    CHECK(cluster["data/receipts"] == "cluster_society");
    CHECK(cluster["insurer"] == "cluster_society");
  }
  SECTION("by purpose: a party used for several purposes has a node in each") {
    options.group = GraphGroup::purpose;
    const GraphShape shape = inspect_graph(build_flow_model(notice, options));
    std::map<std::string, std::string> cluster;
    for (const auto &node : shape.nodes) {
      cluster[node.name] = node.cluster;
    }
    CHECK(cluster["party/employer/benefits"] == "cluster_purpose/benefits");
    CHECK(cluster["party/employer/health-services"] == "cluster_purpose/health-services");
    CHECK(cluster.count("party/employer") == 0);
    CHECK(cluster["internal/premiums"] == "cluster_purpose/premiums");
  }
}

TEST_CASE("graph: diff marks added, removed and changed items by id") {
  const std::string old_text = replaced(k_minimal, "            added: 2022-04-01\n", "");
  std::string new_text = replaced(old_text, "text: 保険給付及び付加給付の実施", "text: 保険給付の実施");
  new_text = replaced(new_text, "parties: [employer]", "parties: [employer, physician]");
  new_text = replaced(new_text, "parties:\n",
                      "parties:\n  - id: physician\n    name: 産業医\n    kind: occupational_physician\n");
  new_text = replaced(new_text, "  - id: checkups\n    name: 健診結果\n", "  - id: checkups\n    name: 健診結果数値\n");

  const FlowModel model = build_flow_diff(load_ok(old_text), load_ok(new_text), {});
  CHECK(model.diff);
  const FlowEdge *internal = model.find_edge("flow/internal/internal");
  REQUIRE(internal);
  CHECK(internal->lines.at(0).change == FlowChange::changed);
  const FlowEdge *employer = model.find_edge("flow/provision/employer");
  REQUIRE(employer);
  CHECK(employer->lines.at(0).change == FlowChange::same);
  const FlowEdge *physician = model.find_edge("flow/provision/physician");
  REQUIRE(physician);
  CHECK(physician->change == FlowChange::added);
  CHECK(model.find_node("party/physician")->change == FlowChange::added);
  CHECK(model.find_node("data/checkups")->change == FlowChange::changed);

  SECTION("and the reverse direction removes them") {
    const FlowModel back = build_flow_diff(load_ok(new_text), load_ok(old_text), {});
    CHECK(back.find_edge("flow/provision/physician")->change == FlowChange::removed);
    CHECK(back.find_node("party/physician")->change == FlowChange::removed);
  }
  SECTION("an item that replaces another matches it") {
    std::string renamed =
        replaced(new_text, "id: benefit-payment", "id: benefit-payment-v2\n            replaces: benefit-payment");
    const FlowModel with_replaces = build_flow_diff(load_ok(old_text), load_ok(renamed), {});
    const auto &lines = with_replaces.find_edge("flow/internal/internal")->lines;
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].item == "benefit-payment-v2");
    CHECK(lines[0].change == FlowChange::changed);
  }
}

TEST_CASE("graph: text from the YAML cannot break the graph or inject markup") {
  std::string text = replaced(k_minimal, "name: 事業主", R"(name: "事業主\"];x[<B>&amp; \\N\n二行目")");
  text = replaced(text, "text: コラボヘルスの一環である健診結果の事業者への提供",
                  R"(text: "<script>x</script>\n</FONT></TABLE>> ]; a -> b; \\G \u0001 'q'")");
  const FlowModel model = build_flow_model(load_ok(text), {});
  const GraphShape shape = inspect_graph(model);
  CHECK(node_names(shape) ==
        std::vector<std::string>{"data/applications", "data/checkups", "insurer", "internal", "party/employer"});
  const auto employer = std::find_if(shape.nodes.begin(), shape.nodes.end(),
                                     [](const GraphShape::Node &n) { return n.name == "party/employer"; });
  CHECK(
      employer->label ==
      "事業主&quot;];x[&lt;B&gt;&amp;amp; \\\\N<BR/>二行目<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">事業主</FONT>");

  // Graphviz parses every label while laying out; a broken one would be reported and thrown.
  const std::string svg = render_graph(model, GraphFormat::svg);
  CHECK(svg.find("&lt;script&gt;x&lt;/script&gt;</text>") != std::string::npos);
  CHECK(svg.find("&lt;/FONT&gt;&lt;/TABLE&gt;&gt; ]; a &#45;&gt; b; \\G ") != std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("事業主&quot;];x[&lt;B&gt;&amp;amp; \\N</text>") != std::string::npos);
}

TEST_CASE("graph: the same model gives the same svg and dot bytes") {
  const FlowModel model = build_flow_model(bundled(), {});
  CHECK(render_graph(model, GraphFormat::svg) == render_graph(model, GraphFormat::svg));
  CHECK(render_graph(model, GraphFormat::dot) == render_graph(model, GraphFormat::dot));
  const std::string svg = render_graph(model, GraphFormat::svg);
  CHECK(svg.find("0x") == std::string::npos);
}

TEST_CASE("graph: SVG text keeps Graphviz's layout in a browser: widths of runs, spaces, font fallbacks") {
  const std::string svg = render_graph(build_flow_model(bundled(), {}), GraphFormat::svg);
  // 〔D1,D2〕 is drawn as runs 〔 D1 , D2 〕 (the ids bold): each run but the last is given the width
  // Graphviz measured, so that a browser's wider bold cannot cover the next run.
  const std::regex run(R"re(<text text-anchor="start" x="([0-9.]+)" y="(-?[0-9.]+)"[^>]*>)re");
  std::vector<std::tuple<double, std::string, std::string>> runs; // x, y, tag
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it) {
    runs.emplace_back(std::stod((*it)[1]), (*it)[2], (*it)[0]);
  }
  REQUIRE(runs.size() > 100);
  int fitted = 0;
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
    const auto &[x, y, tag] = runs[i];
    const auto &[next_x, next_y, next_tag] = runs[i + 1];
    INFO(tag);
    CHECK_THAT(tag, Catch::Contains(" xml:space=\"preserve\""));
    CHECK_THAT(tag, Catch::Contains("font-family=\"IPAexGothic, 'IPAPGothic', 'Noto Sans CJK JP', 'Yu Gothic'"));
    if (y == next_y && next_x > x) {
      char width[32];
      std::snprintf(width, sizeof width, "%.2f", next_x - x);
      CHECK_THAT(tag, Catch::Contains(std::string(" textLength=\"") + width + "\" lengthAdjust=\"spacingAndGlyphs\""));
      ++fitted;
    }
  }
  CHECK(fitted > 50);
}

TEST_CASE("graph: formats and groupings parse") {
  CHECK(parse_graph_format("png") == GraphFormat::png);
  CHECK(!parse_graph_format("jpg"));
  CHECK(parse_graph_group("purpose") == GraphGroup::purpose);
  CHECK(!parse_graph_group("party"));
}

TEST_CASE("graph: diff pairs an item whose id changed through the diff matcher") {
  const std::string old_text = replaced(k_minimal, "            added: 2022-04-01\n", "");
  // A new id, no `replaces:`, nearly the same wording: diff's matcher pairs them by wording.
  const std::string new_text = replaced(replaced(old_text, "id: benefit-payment", "id: benefits-payment"),
                                        "text: 保険給付及び付加給付の実施", "text: 保険給付及び付加給付の実施等");
  const FlowModel model = build_flow_diff(load_ok(old_text), load_ok(new_text), {});
  const auto &lines = model.find_edge("flow/internal/internal")->lines;
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].item == "benefits-payment");
  CHECK(lines[0].change == FlowChange::changed);
}
