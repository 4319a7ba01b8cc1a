#include "rules/facts.hpp"

namespace notice::rules {

ViewFacts::ViewFacts(const Notice &view) : m_view(view) {
  for_each_text(view, [&](const TextRef &ref) { m_texts.push_back(ref); });
}

const ViewFacts::ListMatches &ViewFacts::matches(std::string_view list) {
  if (const auto it = m_lists.find(list); it != m_lists.end()) {
    return it->second;
  }
  const Lexicon &lex = Lexicon::builtin();
  ListMatches found;
  found.matches.reserve(m_texts.size());
  for (const TextRef &ref : m_texts) {
    found.matches.push_back(lex.find(list, ref.text->value));
    found.any = found.any || found.matches.back().has_value();
  }
  return m_lists.emplace(std::string(list), std::move(found)).first->second;
}

const std::optional<WordMatch> &ViewFacts::find(std::string_view list, std::size_t i) {
  return matches(list).matches.at(i);
}

bool ViewFacts::any_text(std::string_view list) {
  return matches(list).any;
}

bool ViewFacts::any_joined(std::string_view list) {
  if (const auto it = m_joined_lists.find(list); it != m_joined_lists.end()) {
    return it->second;
  }
  if (!m_joined) {
    m_joined.emplace();
    for (const TextRef &ref : m_texts) {
      *m_joined += ref.text->value + "\n";
    }
  }
  const bool found = Lexicon::builtin().any(list, *m_joined);
  m_joined_lists.emplace(std::string(list), found);
  return found;
}

const legal::NoticeFacts &ViewFacts::legal() {
  if (!m_legal) {
    m_legal = legal::notice_facts(m_view);
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
