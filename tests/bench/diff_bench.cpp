// Benchmark of `diff`: the bundled 2021-09-01 → 2021-10-29 revisions, and two synthetic revisions
// of N use cases (10,000 by default) with rewordings, renames, moves, reorders, additions,
// removals and recipient changes. Prints the median of several runs of each step.
//
//   diff_bench [--items N] [--runs R] [--write DIR]
//
// --write DIR also writes the synthetic pair as DIR/old.yaml and DIR/new.yaml, so that the whole
// command (`notice-audit diff DIR/old.yaml DIR/new.yaml`) can be timed too. Nothing is written
// unless asked: the large files are not part of the repository.
#include "notice/diff.hpp"
#include "notice/load.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace {

// A small deterministic generator (64-bit LCG), so every run benchmarks the same documents.
class Random {
public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::size_t below(std::size_t n) {
    m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((m_state >> 33) % n);
  }

private:
  std::uint64_t m_state;
};

const std::vector<std::string> k_words{
    "保険給付", "付加給付", "資格確認", "被扶養者",   "認定", "健診", "保健指導",   "健康相談", "医療費", "通知",
    "外部委託", "審査",     "支払",     "分析",       "疾病", "徴収", "標準報酬",   "照会",     "提供",   "届出",
    "レセプト", "点検",     "電算処理", "高額療養費", "出産", "葬祭", "傷病手当金", "保養所",   "運営",   "記録"};

struct Item {
  std::string id;
  std::string text;
  bool external = false;
  std::string parties;
  std::size_t category = 0;
};

std::string text_for(Random &random, std::size_t n) {
  std::string t;
  for (int k = 0; k < 4; ++k) {
    t += k_words[random.below(k_words.size())];
    t += k == 1 ? "及び" : k == 3 ? "" : "の";
  }
  return t + "（" + std::to_string(n) + "）";
}

// Lays `items` out by their category, each with an internal and an external bucket.
std::string notice_yaml(const std::vector<Item> &items, const std::string &effective) {
  std::string y = "schema: 1\ninsurer:\n  name: ベンチマーク健康保険組合\n  kind: kenpo\n"
                  "title: ベンチマーク健康保険組合が保有する個人情報の利用目的の公表について\n"
                  "revisions:\n  - effective: " +
                  effective +
                  "\ndata:\n  - id: applications\n    name: 各種届出\n  - id: receipts\n    name: レセプト\n"
                  "    sensitive: true\nparties:\n  - id: employer\n    name: 事業主\n    kind: employer\n"
                  "  - id: contractors\n    name: 外部委託先\n    kind: contractor\n  - id: federation\n"
                  "    name: 健康保険組合連合会\n    kind: federation\ncategories:\n";
  std::size_t categories = 0;
  for (const auto &item : items) {
    categories = std::max(categories, item.category + 1);
  }
  for (std::size_t c = 0; c < categories; ++c) {
    const std::string cid = "category-" + std::to_string(c + 1);
    y += "  - id: " + cid + "\n    number: " + std::to_string(c + 1) + "\n    title: 利用目的その" +
         std::to_string(c + 1) + "\n    buckets:\n";
    for (const bool external : {false, true}) {
      y += "      - id: " + cid + (external ? "-external" : "-internal") +
           "\n        kind: " + (external ? "external" : "internal") + "\n        heading: " +
           (external ? "【他の事業者等への情報提供を伴う事例】" : "【健保組合等の内部での利用に係る事例】") +
           "\n        items:\n";
      for (const auto &item : items) {
        if (item.category != c || item.external != external) {
          continue;
        }
        y += "          - id: " + item.id + "\n            text: " + item.text + "\n";
        if (external) {
          y += "            parties: [" + item.parties + "]\n            data: [receipts]\n";
        } else {
          y += "            data: [applications]\n";
        }
      }
    }
  }
  return y;
}

std::pair<std::string, std::string> synthetic_pair(std::size_t n) {
  Random random(20211029);
  std::vector<Item> old_items;
  for (std::size_t i = 0; i < n; ++i) {
    const bool external = random.below(2) == 1;
    old_items.push_back(
        {"use-" + std::to_string(i), text_for(random, i), external, external ? "contractors" : "", i / 100});
  }
  std::vector<Item> new_items = old_items;
  std::size_t next = n;
  for (std::size_t i = 0; i < new_items.size(); ++i) {
    Item &item = new_items[i];
    switch (random.below(100)) {
    case 0: // reworded
      item.text.insert(item.text.find("（"), "等");
      break;
    case 1: // renamed and reworded: found by wording
      item.id += "-v2";
      item.text.insert(item.text.find("（"), "等");
      break;
    case 2: // a new recipient
      if (item.external) {
        item.parties += ", federation";
      }
      break;
    case 3: // moved to the other bucket
      item.external = !item.external;
      item.parties = item.external ? "employer" : "";
      break;
    case 4: // removed
      item.id.clear();
      break;
    case 5: // swapped with its neighbour
      if (i + 1 < new_items.size()) {
        std::swap(new_items[i], new_items[i + 1]);
        ++i;
      }
      break;
    default:
      break;
    }
  }
  std::erase_if(new_items, [](const Item &item) { return item.id.empty(); });
  for (std::size_t k = 0; k < n / 100; ++k) { // added
    const std::size_t at = random.below(new_items.size());
    new_items.insert(new_items.begin() + static_cast<std::ptrdiff_t>(at),
                     Item{"use-" + std::to_string(next), text_for(random, next), false, "", new_items[at].category});
    ++next;
  }
  return {notice_yaml(old_items, "2023-04-01"), notice_yaml(new_items, "2024-04-01")};
}

double median_ms(int runs, const std::function<void()> &f) {
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    f();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

notice::Notice must_load(const std::string &path, const std::string &text) {
  notice::LoadResult r = notice::load_text(path, text);
  if (!r.notice) {
    std::cerr << "diff_bench: " << path << " did not load\n";
    std::exit(2);
  }
  return *r.notice;
}

} // namespace

int main(int argc, char **argv) {
  std::size_t items = 10'000;
  int runs = 5;
  std::string write_dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--items") {
      items = std::stoul(argv[i + 1]);
    } else if (arg == "--runs") {
      runs = std::stoi(argv[i + 1]);
    } else if (arg == "--write") {
      write_dir = argv[i + 1];
    }
  }

  // The bundled pair.
  {
    std::ifstream in(NOTICE_SOURCE_DIR "/notice/acom-kenpo.yaml");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const notice::Notice notice = must_load("acom-kenpo.yaml", text);
    const notice::Notice old_view = notice::at(notice, {2021, 9, 1});
    const notice::Notice new_view = notice::at(notice, {2021, 10, 29});
    std::size_t changes = 0;
    const double load = median_ms(runs, [&] { must_load("acom-kenpo.yaml", text); });
    const double diff =
        median_ms(runs * 20, [&] { changes = notice::diff_notices(old_view, new_view).changes.size(); });
    std::cout << "bundled 2021-09-01 -> 2021-10-29: load " << load << " ms, diff " << diff << " ms, " << changes
              << " changes\n";
  }

  // The synthetic pair.
  const auto [old_yaml, new_yaml] = synthetic_pair(items);
  if (!write_dir.empty()) {
    std::ofstream(write_dir + "/old.yaml") << old_yaml;
    std::ofstream(write_dir + "/new.yaml") << new_yaml;
  }
  notice::Notice old_notice;
  notice::Notice new_notice;
  const double load = median_ms(runs, [&] {
    old_notice = must_load("old.yaml", old_yaml);
    new_notice = must_load("new.yaml", new_yaml);
  });
  std::size_t old_items = 0;
  std::size_t new_items = 0;
  for (const auto &c : old_notice.categories) {
    for (const auto &b : c.buckets) {
      old_items += b.items.size();
    }
  }
  for (const auto &c : new_notice.categories) {
    for (const auto &b : c.buckets) {
      new_items += b.items.size();
    }
  }
  notice::Diff result;
  const double diff = median_ms(runs, [&] { result = notice::diff_notices(old_notice, new_notice); });
  std::array<std::size_t, 6> kinds{};
  std::size_t renamed = 0;
  for (const auto &c : result.changes) {
    ++kinds[static_cast<std::size_t>(c.kind)];
    renamed += c.renamed() ? 1 : 0;
  }
  std::cout << "synthetic " << old_items << " -> " << new_items << " use cases (" << old_yaml.size() / 1024 << " KiB, "
            << new_yaml.size() / 1024 << " KiB): load both " << load << " ms, diff " << diff << " ms, "
            << result.changes.size() << " changes (added " << kinds[0] << ", removed " << kinds[1] << ", moved "
            << kinds[2] << ", reworded " << kinds[3] << ", changed " << kinds[4] << ", reordered " << kinds[5] << "; "
            << renamed << " with a new id)\n";
  std::cout << "median of " << runs << " runs (bundled diff: of " << runs * 20 << ")\n";
  return 0;
}
