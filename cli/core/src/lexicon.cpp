#include "notice/lexicon.hpp"

#include "word_matcher.hpp"
#include "yaml_tree.hpp"

#include "notice/error.hpp"

#include <algorithm>

namespace notice {
namespace detail {
extern const std::string_view k_lexicon_yaml;
} // namespace detail

Lexicon Lexicon::parse(const std::string &name, std::string_view text) {
  const Source source(name, std::string(text));
  const auto parsed = detail::parse_yaml(source, LoadLimits{});
  const auto fail = [&](Position pos, const std::string &what) {
    throw Error("built-in lexicon " + name + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " +
                what);
  };
  if (!parsed.root || !parsed.root->is_mapping()) {
    fail(parsed.problem ? parsed.problem->pos : Position{}, "not a mapping");
  }
  const detail::YamlNode *lists = parsed.root->get("lists");
  if (!lists || !lists->is_mapping()) {
    fail(parsed.root->pos, "`lists` is required and is a mapping");
  }
  Lexicon lexicon;
  for (std::size_t i = 0; i < lists->keys.size(); ++i) {
    const detail::YamlNode &words = lists->children[i];
    if (!words.is_sequence() || words.children.empty()) {
      fail(words.pos, "`" + lists->keys[i].name + "` must be a list of words");
    }
    std::vector<std::string> out;
    for (const auto &w : words.children) {
      if (!w.is_scalar() || w.scalar.empty()) {
        fail(w.pos, "`" + lists->keys[i].name + "` lists words");
      }
      // A word is found within one text; the rules that ask the whole notice rely on it.
      if (w.scalar.find_first_of("\r\n") != std::string::npos) {
        fail(w.pos, "a word of `" + lists->keys[i].name + "` has a line break");
      }
      out.push_back(w.scalar);
    }
    lexicon.m_matchers.push_back(std::make_shared<const detail::WordMatcher>(out));
    lexicon.m_lists.emplace_back(lists->keys[i].name, std::move(out));
    lexicon.m_by_name.emplace(lists->keys[i].name, i);
  }
  std::vector<std::vector<std::string>> all;
  for (const auto &entry : lexicon.m_lists) {
    all.push_back(entry.second);
  }
  lexicon.m_all = std::make_shared<const detail::ListsMatcher>(all);
  return lexicon;
}

const Lexicon &Lexicon::builtin() {
  static const Lexicon lexicon = parse("schemas/lexicon.yaml", detail::k_lexicon_yaml);
  return lexicon;
}

std::size_t Lexicon::index(std::string_view list) const {
  const auto it = m_by_name.find(list);
  if (it == m_by_name.end()) {
    throw Error("internal error: no word list `" + std::string(list) + "` in the lexicon");
  }
  return it->second;
}

const std::vector<std::string> &Lexicon::words(std::string_view list) const {
  return m_lists[index(list)].second;
}

std::optional<WordMatch> Lexicon::find(std::string_view list, std::string_view text) const {
  const std::size_t i = index(list);
  const auto match = m_matchers[i]->find(text);
  if (!match) {
    return std::nullopt;
  }
  return WordMatch{match->offset, m_lists[i].second[match->word]};
}

bool Lexicon::any(std::string_view list, std::string_view text) const {
  return m_matchers[index(list)]->contains(text);
}

std::vector<Lexicon::Found> Lexicon::scan(std::string_view text) const {
  std::vector<Found> out;
  for (const auto &f : m_all->find_all(text)) {
    out.push_back(Found{f.list, WordMatch{f.offset, m_lists[f.list].second[f.word]}});
  }
  return out;
}

std::optional<WordMatch> Lexicon::in(const std::vector<Found> &found, std::size_t list) {
  const auto it =
      std::lower_bound(found.begin(), found.end(), list, [](const Found &f, std::size_t l) { return f.list < l; });
  if (it == found.end() || it->list != list) {
    return std::nullopt;
  }
  return it->match;
}

bool Lexicon::is(std::string_view list, std::string_view text) const {
  const auto &w = words(list);
  return std::find(w.begin(), w.end(), text) != w.end();
}

std::vector<std::string> Lexicon::list_names() const {
  std::vector<std::string> out;
  for (const auto &entry : m_lists) {
    out.push_back(entry.first);
  }
  return out;
}

} // namespace notice
