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

// Each new element keeps at most this many pairs above the threshold, its best ones. Keeping every
// pair cost ~84 KB per element when thousands of renamed lines all resemble each other (843 MB for
// 10,000); a new element whose kept pairs all go to others is looked at again among what is left.
constexpr std::size_t k_kept_pairs = 16;

// Rounds of looking again; each round pairs at least one element or ends the search.
constexpr int k_max_rounds = 8;

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
    old_grams[i] = detail::bigrams(old_keys[i].text);
    for (std::size_t k = 0; k < old_grams[i].size(); ++k) {
      if (k == 0 || old_grams[i][k] != old_grams[i][k - 1]) {
        postings[old_grams[i][k]].push_back(i);
      }
    }
  }

  using Pair = std::tuple<double, std::size_t, std::size_t>; // score, new index, old index
  // Best pairs first; ties in document order so that the result does not depend on hashing.
  const auto better = [](const Pair &x, const Pair &y) {
    if (std::get<0>(x) != std::get<0>(y)) {
      return std::get<0>(x) > std::get<0>(y);
    }
    return std::tie(std::get<1>(x), std::get<2>(x)) < std::tie(std::get<1>(y), std::get<2>(y));
  };
  std::vector<std::size_t> seen_stamp(old_keys.size(), SIZE_MAX);
  std::vector<std::vector<std::uint64_t>> new_grams(new_keys.size());
  // The best pairs of new element `j` with old elements not yet taken, at most k_kept_pairs;
  // `truncated` says whether more were above the threshold.
  const auto pairs_of = [&](std::size_t j, std::size_t stamp, std::vector<Pair> &out, bool &truncated) {
    const auto &grams = new_grams[j];
    // Distinct bigrams, rarest first, with their multiplicity in this text.
    struct Probe {
      std::size_t postings;
      std::uint64_t gram;
      std::size_t times;
    };
    std::vector<Probe> by_rarity;
    for (std::size_t k = 0; k < grams.size(); ++k) {
      if (k > 0 && grams[k] == grams[k - 1]) {
        ++by_rarity.back().times;
        continue;
      }
      const auto it = postings.find(grams[k]);
      by_rarity.push_back({it == postings.end() ? 0 : it->second.size(), grams[k], 1});
    }
    std::sort(by_rarity.begin(), by_rarity.end(), [](const Probe &x, const Probe &y) {
      return std::tie(x.postings, x.gram) < std::tie(y.postings, y.gram);
    });
    // A pair with Dice >= t shares at least c = ceil(t|A| / (2 - t)) bigrams (|A| counts repeats).
    // Once the bigrams not yet probed add up to fewer than c, a pair sharing none of the probed ones
    // cannot reach t: stopping there finds every pair at or above the threshold.
    const auto least_shared =
        static_cast<std::size_t>(std::ceil(threshold * static_cast<double>(grams.size()) / (2.0 - threshold)));
    std::size_t unprobed = grams.size();
    std::vector<std::size_t> candidates;
    for (std::size_t p = 0; p < by_rarity.size() && unprobed >= std::max<std::size_t>(least_shared, 1) &&
                            candidates.size() < k_max_candidates;
         ++p) {
      unprobed -= by_rarity[p].times;
      const auto it = postings.find(by_rarity[p].gram);
      if (it == postings.end()) {
        continue;
      }
      for (const std::size_t i : it->second) {
        if (seen_stamp[i] != stamp && !old_taken[i] && old_keys[i].group == new_keys[j].group) {
          seen_stamp[i] = stamp;
          candidates.push_back(i);
          if (candidates.size() >= k_max_candidates) {
            break;
          }
        }
      }
    }
    std::vector<Pair> found;
    for (const std::size_t i : candidates) {
      const double score = 2.0 * static_cast<double>(detail::shared_count(grams, old_grams[i])) /
                           static_cast<double>(grams.size() + old_grams[i].size());
      if (score >= threshold) {
        found.emplace_back(score, j, i);
      }
    }
    truncated = found.size() > k_kept_pairs;
    if (truncated) {
      std::partial_sort(found.begin(), found.begin() + k_kept_pairs, found.end(), better);
      found.resize(k_kept_pairs);
    }
    out.insert(out.end(), found.begin(), found.end());
  };

  std::vector<std::size_t> open; // new elements still looking for a partner
  for (std::size_t j = 0; j < new_keys.size(); ++j) {
    if (!result[j]) {
      new_grams[j] = detail::bigrams(new_keys[j].text);
      if (!new_grams[j].empty()) {
        open.push_back(j);
      }
    }
  }
  std::size_t stamp = 0;
  for (int round = 0; round < k_max_rounds && !open.empty(); ++round) {
    std::vector<Pair> pairs;
    std::vector<std::size_t> truncated_ones;
    for (const std::size_t j : open) {
      bool truncated = false;
      pairs_of(j, stamp++, pairs, truncated);
      if (truncated) {
        truncated_ones.push_back(j);
      }
    }
    std::sort(pairs.begin(), pairs.end(), better);
    std::size_t paired = 0;
    for (const auto &[score, j, i] : pairs) {
      if (!result[j] && !old_taken[i]) {
        result[j] = i;
        old_taken[i] = true;
        ++paired;
      }
    }
    // Only an element whose list was cut short can still find a partner among what is left.
    open.clear();
    for (const std::size_t j : truncated_ones) {
      if (!result[j]) {
        open.push_back(j);
      }
    }
    if (paired == 0) {
      break;
    }
  }
  return result;
}

} // namespace notice
