#include "rules/facts.hpp"

#include <algorithm>

namespace notice::rules {

ViewFacts::ViewFacts(const Notice &view) : m_view(view) {
  const Lexicon &lex = Lexicon::builtin();
  for_each_text(view, [&](const TextRef &ref) {
    m_index.emplace(ref.text, m_texts.size());
    m_texts.push_back(ref);
    m_words.push_back(lex.scan(ref.text->value));
  });
  m_any.assign(lex.list_names().size(), -1);
}

std::optional<WordMatch> ViewFacts::find(std::string_view list, std::size_t i) const {
  return Lexicon::in(m_words.at(i), Lexicon::builtin().list_index(list));
}

bool ViewFacts::any_text(std::string_view list) {
  const std::size_t l = Lexicon::builtin().list_index(list);
  if (m_any[l] < 0) {
    m_any[l] = std::any_of(m_words.begin(), m_words.end(),
                           [&](const std::vector<Lexicon::Found> &found) { return Lexicon::in(found, l).has_value(); })
                   ? 1
                   : 0;
  }
  return m_any[l] != 0;
}

const std::vector<std::pair<std::size_t, WordMatch>> &ViewFacts::keyword_texts(const law::Provision &provision) {
  if (const auto it = m_keywords.find(&provision); it != m_keywords.end()) {
    return it->second;
  }
  std::vector<std::pair<std::size_t, WordMatch>> hits;
  for (std::size_t i = 0; i < m_texts.size(); ++i) {
    const std::string &value = m_texts[i].text->value;
    for (const auto &k : provision.keywords) {
      if (const auto found = value.find(k); found != std::string::npos) {
        hits.emplace_back(i, WordMatch{found, k});
        break;
      }
    }
  }
  return m_keywords.emplace(&provision, std::move(hits)).first->second;
}

std::size_t ViewFacts::index_of(const Text &text) const {
  const auto it = m_index.find(&text);
  return it == m_index.end() ? std::string::npos : it->second;
}

const legal::NoticeFacts &ViewFacts::legal() {
  if (!m_legal) {
    // What legal::notice_facts() reads, from the texts already scanned: an objection route printed
    // outside the items.
    const std::size_t route = Lexicon::builtin().list_index("objection-route");
    m_legal.emplace();
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
      m_legal->objection_route =
          m_legal->objection_route || (m_texts[i].item == nullptr && Lexicon::in(m_words[i], route));
    }
  }
  return *m_legal;
}

const legal::ItemReading &ViewFacts::reading(const Bucket &bucket, const UseCase &item) {
  if (const auto it = m_readings.find(&item); it != m_readings.end()) {
    return it->second;
  }
  return m_readings.emplace(&item, legal::read_item(m_view, bucket, item, &legal())).first->second;
}

ViewFacts &Context::facts() {
  if (!m_facts) {
    m_own_facts = std::make_shared<ViewFacts>(m_notice);
    m_facts = m_own_facts.get();
  }
  return *m_facts;
}

} // namespace notice::rules
