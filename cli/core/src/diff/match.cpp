// Pairing the elements of two revisions: by id, by `replaces`, then by wording similarity through an
// inverted index of bigrams, so that 10,000 elements a side stay far from 10,000² comparisons.
#include "diff/text.hpp"

#include "notice/diff.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <unordered_map>

namespace notice {
namespace {

// Each new element examines at most this many candidates: a guard for degenerate inputs (thousands
// of near-identical lines) where even the rarest bigrams are everywhere.
constexpr std::size_t k_max_candidates = 2000;

std::size_t shared_count(const std::vector<std::uint64_t>& x, const std::vector<std::uint64_t>& y) {
  std::size_t shared = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] == y[j]) {
      ++shared;
      ++i;
      ++j;
    } else if (x[i] < y[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return shared;
}

} // namespace

std::vector<std::optional<std::size_t>> match_elements(std::span<const MatchKey> old_keys,
                                                       std::span<const MatchKey> new_keys, double threshold) {
  std::vector<std::optional<std::size_t>> result(new_keys.size());
  std::vector<bool> old_taken(old_keys.size(), false);

  // 1. Equal ids.
  std::unordered_map<std::string_view, std::size_t> old_by_id;
  for (std::size_t i = 0; i < old_keys.size(); ++i) {
    if (!old_keys[i].id.empty()) {
      old_by_id.emplace(old_keys[i].id, i);
    }
  }
  for (std::size_t j = 0; j < new_keys.size(); ++j) {
    const auto it = old_by_id.find(new_keys[j].id);
    if (!new_keys[j].id.empty() && it != old_by_id.end() && !old_taken[it->second]) {
      result[j] = it->second;
      old_taken[it->second] = true;
    }
  }
  // 2. The author's word: `replaces: old-id`.
  for (std::size_t j = 0; j < new_keys.size(); ++j) {
    if (result[j] || new_keys[j].replaces.empty()) {
      continue;
    }
    const auto it = old_by_id.find(new_keys[j].replaces);
    if (it != old_by_id.end() && !old_taken[it->second]) {
      result[j] = it->second;
      old_taken[it->second] = true;
    }
  }

  // 3. Wording similarity among the leftovers, candidates from an inverted index of bigrams.
  std::vector<std::size_t> old_left;
  for (std::size_t i = 0; i < old_keys.size(); ++i) {
    if (!old_taken[i]) {
      old_left.push_back(i);
    }
  }
  if (old_left.empty()) {
    return result;
  }
  std::vector<std::vector<std::uint64_t>> old_grams(old_keys.size());
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> postings;
  for (const std::size_t i : old_left) {
    old_grams[i] = detail::bigram_set(old_keys[i].text);
    for (const auto g : old_grams[i]) {
      postings[g].push_back(i);
    }
  }

  std::vector<std::tuple<double, std::size_t, std::size_t>> pairs; // score, new index, old index
  std::vector<std::size_t> seen_stamp(old_keys.size(), SIZE_MAX);
  for (std::size_t j = 0; j < new_keys.size(); ++j) {
    if (result[j]) {
      continue;
    }
    auto grams = detail::bigram_set(new_keys[j].text);
    if (grams.empty()) {
      continue;
    }
    // Rarest bigrams first. A pair with Dice >= t shares at least c = ceil(t|A| / (2 - t)) bigrams,
    // so it shares one of any |A| - c + 1 of them: probing that many rarest ones finds every pair.
    std::vector<std::pair<std::size_t, std::uint64_t>> by_rarity;
    for (const auto g : grams) {
      const auto it = postings.find(g);
      by_rarity.emplace_back(it == postings.end() ? 0 : it->second.size(), g);
    }
    std::sort(by_rarity.begin(), by_rarity.end());
    const auto least_shared =
        static_cast<std::size_t>(std::ceil(threshold * static_cast<double>(grams.size()) / (2.0 - threshold)));
    const std::size_t probes = grams.size() - std::min(grams.size(), least_shared) + 1;
    std::vector<std::size_t> candidates;
    for (std::size_t p = 0; p < probes && p < by_rarity.size() && candidates.size() < k_max_candidates; ++p) {
      const auto it = postings.find(by_rarity[p].second);
      if (it == postings.end()) {
        continue;
      }
      for (const std::size_t i : it->second) {
        if (seen_stamp[i] != j && old_keys[i].group == new_keys[j].group) {
          seen_stamp[i] = j;
          candidates.push_back(i);
          if (candidates.size() >= k_max_candidates) {
            break;
          }
        }
      }
    }
    for (const std::size_t i : candidates) {
      const double score = 2.0 * static_cast<double>(shared_count(grams, old_grams[i])) /
                           static_cast<double>(grams.size() + old_grams[i].size());
      if (score >= threshold) {
        pairs.emplace_back(score, j, i);
      }
    }
  }
  // Best pairs first; ties in document order so that the result does not depend on hashing.
  std::sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
    if (std::get<0>(x) != std::get<0>(y)) {
      return std::get<0>(x) > std::get<0>(y);
    }
    return std::tie(std::get<1>(x), std::get<2>(x)) < std::tie(std::get<1>(y), std::get<2>(y));
  });
  for (const auto& [score, j, i] : pairs) {
    if (!result[j] && !old_taken[i]) {
      result[j] = i;
      old_taken[i] = true;
    }
  }
  return result;
}

} // namespace notice
