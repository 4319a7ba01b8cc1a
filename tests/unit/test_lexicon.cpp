// The lexicon's one-pass matcher (word_matcher.hpp) gives what searching each word separately gives:
// on every list against the texts of the bundled and the real notices, and on overlapping words.
#include "word_matcher.hpp"

#include "notice/lexicon.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace notice;
using detail::WordMatcher;

namespace {

const std::string k_dir = NOTICE_SOURCE_DIR;

// The matcher it replaces: each word searched on its own, the earliest kept, the longest at a tie.
std::optional<WordMatch> naive_find(const std::vector<std::string> &words, std::string_view text) {
  std::optional<WordMatch> best;
  for (const auto &word : words) {
    const auto at = text.find(word);
    if (at == std::string_view::npos) {
      continue;
    }
    if (!best || at < best->offset || (at == best->offset && word.size() > best->word.size())) {
      best = WordMatch{at, word};
    }
  }
  return best;
}

std::string describe(const std::optional<WordMatch> &m) {
  return m ? std::to_string(m->offset) + ":" + std::string(m->word) : "none";
}

void same_as_naive(const std::vector<std::string> &words, std::string_view text) {
  const WordMatcher matcher(words);
  const auto expected = naive_find(words, text);
  const auto found = matcher.find(text);
  std::optional<WordMatch> got;
  if (found) {
    got = WordMatch{found->offset, words[found->word]};
  }
  INFO("text: " << text);
  CHECK(describe(got) == describe(expected));
  CHECK(matcher.contains(text) == expected.has_value());
}

std::string read(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST_CASE("lexicon matching in one pass equals each word searched alone, on real notices", "[lexicon]") {
  std::vector<std::string> files = {read(k_dir + "/notice/acom-kenpo.yaml")};
  for (const auto &entry : std::filesystem::recursive_directory_iterator(k_dir + "/tests/data/real")) {
    if (entry.is_regular_file() && (entry.path().extension() == ".yaml" || entry.path().extension() == ".txt")) {
      files.push_back(read(entry.path()));
    }
  }
  REQUIRE(files.size() > 20);
  // Every line on its own (a notice's texts), and each file whole (long texts, many matches).
  std::vector<std::string_view> texts;
  for (const auto &f : files) {
    texts.emplace_back(f);
    std::size_t begin = 0;
    while (begin < f.size()) {
      const std::size_t end = std::min(f.find('\n', begin), f.size());
      texts.push_back(std::string_view(f).substr(begin, end - begin));
      begin = end + 1;
    }
  }
  const Lexicon &lex = Lexicon::builtin();
  std::size_t matched = 0;
  std::size_t compared = 0;
  for (const auto &list : lex.list_names()) {
    const auto &words = lex.words(list);
    for (const std::string_view text : texts) {
      const auto expected = naive_find(words, text);
      const auto got = lex.find(list, text);
      ++compared;
      if (describe(got) != describe(expected) || lex.any(list, text) != expected.has_value()) {
        FAIL("list " << list << ": " << describe(got) << " instead of " << describe(expected) << " in " << text);
      }
      matched += expected ? 1 : 0;
    }
  }
  CHECK(compared > 100000);
  CHECK(matched > 1000); // the comparison is not only of texts where nothing matches

  // All lists at once (Lexicon::scan) give what each list gives alone.
  const auto names = lex.list_names();
  for (std::size_t l = 0; l < names.size(); ++l) {
    REQUIRE(lex.list_index(names[l]) == l);
  }
  for (const std::string_view text : texts) {
    const auto found = lex.scan(text);
    for (std::size_t l = 0; l < names.size(); ++l) {
      const auto alone = lex.find(names[l], text);
      const auto together = Lexicon::in(found, l);
      if (describe(alone) != describe(together)) {
        FAIL("list " << names[l] << ": scan gives " << describe(together) << ", find " << describe(alone) << " in "
                     << text);
      }
    }
  }
}

TEST_CASE("the lexicon refuses a word with a line break", "[lexicon]") {
  CHECK_THROWS_WITH(Lexicon::parse("l.yaml", "lists:\n  a: [\"x\\ny\"]\n"), Catch::Contains("has a line break"));
}

TEST_CASE("lexicon matching: overlapping words, prefixes, suffixes and duplicates", "[lexicon]") {
  // The longest word at the earliest place, though a shorter one ends first.
  same_as_naive({"cd", "abcdef"}, "xxabcdefxx");
  same_as_naive({"abcdef", "bc"}, "abcdeabcdef");
  // Same start: the longer word, in either list order.
  same_as_naive({"ab", "abc"}, "zabcz");
  same_as_naive({"abc", "ab"}, "zabcz");
  // A word inside another and as its suffix.
  same_as_naive({"b", "abc", "bcd"}, "abcd");
  same_as_naive({"she", "he", "hers", "his"}, "ushers");
  // Duplicates: the first in list order.
  same_as_naive({"aa", "aa", "a"}, "baab");
  // Japanese: a word that ends inside another word's code point is impossible in UTF-8, and a word
  // that is a suffix of another.
  same_as_naive({"申出", "お申出", "申し出"}, "書面にてお申出ください");
  same_as_naive({"被保険者証", "保険者"}, "健康保険被保険者証");
  same_as_naive({"国保連", "国保連合会", "国民健康保険団体連合会"}, "国保連合会及び国民健康保険団体連合会");
  same_as_naive({"x"}, "");
  same_as_naive({"abc"}, "ab");

  const WordMatcher single({"被保険者証"});
  const auto m = single.find("健康保険被保険者証の発行");
  REQUIRE(m);
  CHECK(m->offset == std::string("健康保険").size());
  CHECK(m->word == 0);

  // Random words and texts over a small alphabet (single bytes and a 3-byte character), where
  // overlaps are everywhere.
  std::mt19937 random(20261201);
  const std::vector<std::string> letters = {"a", "b", "c", "申"};
  const auto random_string = [&](std::size_t max_letters) {
    std::string s;
    const std::size_t n = 1 + random() % max_letters;
    for (std::size_t i = 0; i < n; ++i) {
      s += letters[random() % letters.size()];
    }
    return s;
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> words;
    const std::size_t count = 1 + random() % 6;
    for (std::size_t i = 0; i < count; ++i) {
      words.push_back(random_string(5));
    }
    const std::string text = random_string(30);
    same_as_naive(words, text);
  }

  // Several random lists searched together give each list's own answer (words of one, two and more
  // bytes hashed to the same places).
  for (int round = 0; round < 500; ++round) {
    std::vector<std::vector<std::string>> lists(1 + random() % 5);
    for (auto &list : lists) {
      const std::size_t count = 1 + random() % 5;
      for (std::size_t i = 0; i < count; ++i) {
        list.push_back(random_string(4));
      }
    }
    const detail::ListsMatcher together(lists);
    for (int t = 0; t < 5; ++t) {
      const std::string text = random_string(40);
      const auto found = together.find_all(text);
      std::size_t k = 0;
      for (std::size_t l = 0; l < lists.size(); ++l) {
        const auto expected = naive_find(lists[l], text);
        std::optional<WordMatch> got;
        if (k < found.size() && found[k].list == l) {
          got = WordMatch{found[k].offset, lists[l][found[k].word]};
          ++k;
        }
        INFO("text: " << text << ", list " << l);
        CHECK(describe(got) == describe(expected));
      }
      CHECK(k == found.size());
    }
  }
}
