// Benchmark of `graph`: building and rendering in-process with Graphviz, beside piping the same DOT
// through the `dot` program, for the bundled notice and a generated notice with 500 parties.
//
//   bench_graph [SOURCE_DIR] [REPETITIONS]
//
// Prints one line per case with the median wall time of REPETITIONS runs (default 5).
#include "notice/graph.hpp"
#include "notice/load.hpp"
#include "notice/process.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

namespace {

double median_ms(int repetitions, const std::function<void()> &work) {
  std::vector<double> times;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// A notice with `parties` parties, each receiving one item of its own in one of 8 categories, and
// every fourth one also a received item; kinds cycle through the party kinds.
std::string generated_notice(int parties) {
  const char *kinds[] = {"employer",   "medical_institution",   "non_life_insurer", "insurer",
                         "federation", "review_payment_body",   "government",       "public_body",
                         "contractor", "occupational_physician"};
  std::string text = "schema: 1\ninsurer:\n  name: ベンチマーク健康保険組合\n  kind: kenpo\n"
                     "title: ベンチマーク健康保険組合が保有する個人情報の利用目的の公表について\n"
                     "revisions:\n  - effective: 2024-04-01\n"
                     "data:\n  - id: applications\n    name: 各種届出や申請書\n"
                     "  - id: receipts\n    name: レセプト\n    sensitive: true\nparties:\n";
  for (int p = 0; p < parties; ++p) {
    text += "  - id: party-" + std::to_string(p) + "\n    name: 委託先その" + std::to_string(p) +
            "\n    kind: " + kinds[p % 10] + "\n";
  }
  text += "categories:\n";
  for (int c = 0; c < 8; ++c) {
    text += "  - id: category-" + std::to_string(c) + "\n    number: " + std::to_string(c + 1) +
            "\n    title: 利用目的その" + std::to_string(c + 1) + "\n    buckets:\n      - id: bucket-" +
            std::to_string(c) +
            "\n        kind: external\n        heading: 【他の事業者等への情報提供を伴う事例】\n"
            "        items:\n";
    for (int p = c; p < parties; p += 8) {
      text += "          - id: item-" + std::to_string(p) + "\n            text: データ処理の外部委託その" +
              std::to_string(p) + "\n            flow: outsourcing\n            parties: [party-" + std::to_string(p) +
              "]\n            data: [applications]\n";
      if (p % 4 == 0) {
        text += "          - id: received-" + std::to_string(p) + "\n            text: 資格情報の受領その" +
                std::to_string(p) + "\n            flow: received\n            parties: [party-" + std::to_string(p) +
                "]\n            data: [receipts]\n";
      }
    }
  }
  return text;
}

void bench(const std::string &name, const notice::Notice &notice, int repetitions) {
  using namespace notice;
  const FlowModel model = build_flow_model(notice, {});
  const std::string dot = render_graph(model, GraphFormat::dot);
  std::size_t bytes = 0;
  const double model_ms = median_ms(repetitions, [&] { bytes += build_flow_model(notice, {}).edges.size(); });
  const double dot_ms = median_ms(repetitions, [&] { bytes += render_graph(model, GraphFormat::dot).size(); });
  const double svg_ms = median_ms(repetitions, [&] { bytes += render_graph(model, GraphFormat::svg).size(); });
  const double png_ms = median_ms(repetitions, [&] { bytes += render_graph(model, GraphFormat::png).size(); });
  const double child_ms = median_ms(repetitions, [&] {
    const ProcessResult result = run_process({"dot", "-Tsvg"}, {dot, {}, {}});
    if (result.exit_code != 0) {
      std::cerr << "dot failed: " << result.err << '\n';
      std::exit(1);
    }
    bytes += result.out.size();
  });
  std::cout << std::fixed << std::setprecision(1) << name << ": " << model.nodes.size() << " nodes, "
            << model.edges.size() << " edges; flow model " << model_ms << " ms, dot source " << dot_ms
            << " ms, in-process svg " << svg_ms << " ms, in-process png " << png_ms << " ms, `dot -Tsvg` child "
            << child_ms << " ms (median of " << repetitions << ")\n";
  if (bytes == 0) {
    std::cout << "(nothing rendered)\n";
  }
}

} // namespace

int main(int argc, char **argv) {
  const std::string source = argc > 1 ? argv[1] : ".";
  const int repetitions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  notice::LoadResult bundled = notice::load_file(source + "/notice/acom-kenpo.yaml");
  notice::LoadResult big = notice::load_text("generated-500.yaml", generated_notice(500));
  if (!bundled.notice || !big.notice) {
    std::cerr << "could not load the benchmark notices\n";
    return 1;
  }
  bench("acom-kenpo.yaml (2021-10-29)",
        notice::at(*bundled.notice, notice::latest_revision(*bundled.notice)->effective), repetitions);
  bench("generated, 500 parties", *big.notice, repetitions);
  return 0;
}
