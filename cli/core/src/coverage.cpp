#include "notice/coverage.hpp"

#include "utf8.hpp"
#include "yaml_tree.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/kinds.hpp"

#include <algorithm>
#include <set>

namespace notice {

namespace {

// Model wording and notice wording differ in punctuation and bracket widths; compare code points
// with those folded away.
std::u32string normalise(std::string_view text) {
  std::u32string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = detail::next_code_point(text, i);
    static constexpr std::u32string_view k_skip = U" \t　、。・，．,.()（）「」【】〔〕";
    if (k_skip.find(cp) == std::u32string_view::npos) {
      out.push_back(cp);
    }
  }
  return out;
}

std::set<std::u32string> bigrams(const std::u32string &s) {
  std::set<std::u32string> out;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    out.insert(s.substr(i, 2));
  }
  return out;
}

// The share of the model's bigrams that the item contains.
double containment(const std::set<std::u32string> &model, const std::set<std::u32string> &item) {
  if (model.empty()) {
    return 0;
  }
  std::size_t hits = 0;
  for (const auto &b : model) {
    hits += item.count(b);
  }
  return static_cast<double>(hits) / static_cast<double>(model.size());
}

constexpr double k_threshold = 0.6;

std::string scalar(const detail::YamlNode *node) {
  return node && node->is_scalar() ? node->scalar : std::string();
}

} // namespace

Coverage compute_coverage(const Notice &view) {
  Coverage coverage;
  const InsurerKind *kind = find_insurer_kind(view.insurer.kind);
  coverage.kind = kind ? kind->id + " " + kind->name_ja : view.insurer.kind;
  if (!kind || kind->model_file.empty()) {
    coverage.missing = kind ? kind->model_missing : "unknown insurer kind";
    return coverage;
  }
  const Source source(kind->model_file, std::string(*builtin_model_list(kind->model_file)));
  const auto parsed = detail::parse_yaml(source, LoadLimits{});
  if (!parsed.root || !parsed.root->is_mapping()) {
    throw Error("the built-in model list of purposes " + kind->model_file + " is broken");
  }
  const detail::YamlNode &root = *parsed.root;
  coverage.available = true;
  coverage.source = scalar(root.get("source"));
  coverage.edition = scalar(root.get("edition"));

  struct Candidate {
    const UseCase *item;
    bool external;
    std::set<std::u32string> grams;
  };
  std::vector<Candidate> candidates;
  for (const Category &c : view.categories) {
    for (const Bucket &b : c.buckets) {
      for (const UseCase &u : b.items) {
        candidates.push_back({&u, effective_flow(u, b) != FlowKind::internal, bigrams(normalise(u.text.value))});
      }
    }
  }
  std::set<const UseCase *> used;
  const detail::YamlNode *categories = root.get("categories");
  for (const auto &category : categories ? categories->children : std::vector<detail::YamlNode>{}) {
    for (const bool external : {false, true}) {
      const detail::YamlNode *list = category.get(external ? "external" : "internal");
      for (const auto &entry : list ? list->children : std::vector<detail::YamlNode>{}) {
        CoverageRow row;
        row.category = scalar(category.get("title"));
        row.external = external;
        row.model_text = entry.scalar;
        const auto model = bigrams(normalise(entry.scalar));
        for (const Candidate &c : candidates) {
          // A match on the same side (内部/外部) is preferred: it breaks ties and lowers the bar.
          const double score = containment(model, c.grams) + (c.external == external ? 0.001 : 0.0);
          if (score > row.score) {
            row.score = score;
            row.item_id = c.item->id;
            row.item_text = c.item->text.value;
          }
        }
        if (row.score < k_threshold) {
          // A notice may split one model purpose over two items (資格の確認 here, 標準報酬 there).
          for (std::size_t i = 0; i < candidates.size() && row.score < k_threshold; ++i) {
            for (std::size_t j = i + 1; j < candidates.size(); ++j) {
              std::set<std::u32string> both = candidates[i].grams;
              both.insert(candidates[j].grams.begin(), candidates[j].grams.end());
              const double score = containment(model, both);
              if (score >= k_threshold && score > row.score) {
                row.score = score;
                row.item_id = candidates[i].item->id + " + " + candidates[j].item->id;
                row.item_text = candidates[i].item->text.value + " / " + candidates[j].item->text.value;
                used.insert(candidates[i].item);
                used.insert(candidates[j].item);
              }
            }
          }
        }
        if (row.score < k_threshold) {
          row.item_id.clear();
          row.item_text.clear();
        } else {
          for (const Candidate &c : candidates) {
            if (c.item->id == row.item_id) {
              used.insert(c.item);
            }
          }
        }
        row.score = std::min(row.score, 1.0);
        coverage.rows.push_back(std::move(row));
      }
    }
  }
  for (const Candidate &c : candidates) {
    if (!used.contains(c.item)) {
      coverage.outside.push_back(Ref{c.item->id, c.item->pos});
      coverage.outside_text.push_back(c.item->text.value);
    }
  }
  return coverage;
}

void write_coverage(std::ostream &out, const Coverage &coverage, const std::string &path, Lang lang) {
  const bool ja = lang == Lang::ja;
  if (!coverage.available) {
    out << "\n"
        << (ja ? "モデルとの対照: " : "Coverage against a model list: ") << path << "\n"
        << (ja ? "  種別 " + coverage.kind + " にはモデルの利用目的一覧がありません: "
               : "  no model list of purposes for kind " + coverage.kind + ": ")
        << coverage.missing << "\n";
    return;
  }
  out << "\n"
      << (ja ? "モデルとの対照（" : "Coverage against the model list (") << coverage.kind
      << "): " << escape_control(path) << "\n";
  out << (ja ? "出典: " : "source: ") << coverage.source << "\n";
  out << (ja ? "版: " : "edition: ") << coverage.edition << "\n\n";
  int covered = 0;
  for (const auto &row : coverage.rows) {
    const bool found = !row.item_id.empty();
    covered += found ? 1 : 0;
    out << (found ? "  ✓ " : "  ✗ ") << row.category << " / " << (row.external ? "外部" : "内部") << " / "
        << row.model_text << "\n";
    if (found) {
      const int percent = static_cast<int>(row.score * 100 + 0.5);
      out << "      → " << row.item_id << ": " << escape_control(row.item_text) << " (" << percent << "%)\n";
    } else {
      out << (ja ? "      → この公表文に該当する項目がありません\n" : "      → no item of this notice covers it\n");
    }
  }
  out << "\n" << (ja ? "モデルにない項目: " : "Items outside the model: ") << coverage.outside.size() << "\n";
  for (std::size_t i = 0; i < coverage.outside.size(); ++i) {
    out << "  + " << coverage.outside[i].id << ": " << escape_control(coverage.outside_text[i]) << "\n";
  }
  out << "\n"
      << (ja ? "モデルの " + std::to_string(coverage.rows.size()) + " 項目中 " + std::to_string(covered) +
                   " 項目に対応（情報のみ。モデルの出典と版は上のとおり）\n"
             : std::to_string(covered) + " of " + std::to_string(coverage.rows.size()) +
                   " model purposes covered (information only: see the source and edition of the model above)\n");
}

} // namespace notice
