#include "notice/legal.hpp"

#include "rules/text.hpp"

#include "notice/lexicon.hpp"

#include <algorithm>

namespace notice::legal {
std::vector<const law::Requirement *> missing_joint_use(const std::optional<JointUse> &disclosure,
                                                        std::string_view printed, Date date) {
  const law::Database &db = law::Database::builtin();
  const law::Provision &joint_use = db.provision("appi.joint-use");
  std::vector<const law::Requirement *> missing;
  for (const auto &req : joint_use.requires_) {
    if (date < req.from) {
      continue;
    }
    if (!disclosure) {
      missing.push_back(&req);
      continue;
    }
    const Text *text = joint_use_field(*disclosure, req.id);
    bool met = text && !text->empty();
    if (!met && req.id == "statement") {
      // その旨: the printed wording around the disclosure says that the data is jointly used.
      met = joint_use.named_in(printed) || joint_use.named_in(disclosure->items.value) ||
            joint_use.named_in(disclosure->purpose.value);
    }
    if (!met) {
      missing.push_back(&req);
    }
  }
  return missing;
}

bool is_mynumber_19_case(const law::Provision &provision) {
  const law::Database &db = law::Database::builtin();
  const law::Provision &limit = db.provision("mynumber.provision-limit");
  if (provision.law != limit.law || provision.id == limit.id) {
    return false;
  }
  return std::any_of(provision.numbering.begin(), provision.numbering.end(), [&](const law::Numbering &n) {
    return std::any_of(limit.numbering.begin(), limit.numbering.end(),
                       [&](const law::Numbering &l) { return n.cite.within(l.cite); });
  });
}

namespace {

// The cases of 番号法第19条 in the database's order, found once.
const std::vector<const law::Provision *> &mynumber_19_cases() {
  static const std::vector<const law::Provision *> k_cases = [] {
    std::vector<const law::Provision *> cases;
    for (const auto &provision : law::Database::builtin().provisions()) {
      if (is_mynumber_19_case(provision)) {
        cases.push_back(&provision);
      }
    }
    return cases;
  }();
  return k_cases;
}

} // namespace

NoticeFacts notice_facts(const Notice &notice) {
  const Lexicon &lex = Lexicon::builtin();
  NoticeFacts facts;
  // Any printed text outside the items: a preamble, a body paragraph (a provision section that says
  // 「同意されない場合には、書面にて…お申し出ください」), headings, notes of buckets and categories.
  rules::for_each_text(notice, [&](const rules::TextRef &ref) {
    facts.objection_route =
        facts.objection_route || (ref.item == nullptr && lex.any("objection-route", ref.text->value));
  });
  return facts;
}

bool states_objection_route(const NoticeFacts &facts, const UseCase &item) {
  if (facts.objection_route) {
    return true;
  }
  // Or the item's own notes and joint-use disclosure (not its line, nor the other items' lines).
  const Lexicon &lex = Lexicon::builtin();
  bool found = false;
  rules::for_each_item_text(nullptr, nullptr, item, [&](const rules::TextRef &ref) {
    found = found || (ref.text != &item.text && lex.any("objection-route", ref.text->value));
  });
  return found;
}

bool states_objection_route(const Notice &notice, const UseCase &item) {
  return states_objection_route(notice_facts(notice), item);
}

std::vector<PartyKind> parties_named(std::string_view text) {
  const Lexicon &lex = Lexicon::builtin();
  // The lists party.<kind>, looked up once.
  static const std::vector<std::pair<PartyKind, std::size_t>> k_lists = [&lex] {
    std::vector<std::pair<PartyKind, std::size_t>> lists;
    for (const PartyKind kind :
         {PartyKind::review_payment_body, PartyKind::federation, PartyKind::employer, PartyKind::medical_institution,
          PartyKind::non_life_insurer, PartyKind::government, PartyKind::public_body, PartyKind::insurer,
          PartyKind::occupational_physician, PartyKind::contractor, PartyKind::data_subject}) {
      lists.emplace_back(kind, lex.list_index("party." + std::string(to_string(kind))));
    }
    return lists;
  }();
  // One pass over the text for all the lists.
  const auto found = lex.scan(text);
  std::vector<PartyKind> out;
  for (const auto &[kind, list] : k_lists) {
    if (Lexicon::in(found, list)) {
      out.push_back(kind);
    }
  }
  return out;
}

ItemReading read_item(const Notice &notice, const Bucket &bucket, const UseCase &item, const NoticeFacts *facts) {
  const Lexicon &lex = Lexicon::builtin();
  ItemReading r;
  r.flow_reading = read_flow(item, bucket);
  for (const auto &ref : item.data) {
    if (const DataSource *d = find_data(notice, ref.id)) {
      r.declared_sensitive = r.declared_sensitive || d->sensitive;
      r.declared_my_number = r.declared_my_number || d->my_number;
    }
  }
  for (const auto &ref : item.parties) {
    if (const Party *p = find_party(notice, ref.id)) {
      r.to_employer = r.to_employer || p->kind == PartyKind::employer;
    }
  }
  // What the YAML does not record, the printed wording says: 「健診結果の事業者への提供」.
  if (item.parties.empty()) {
    for (const PartyKind kind : parties_named(item.text.value)) {
      r.read_parties.emplace_back(to_string(kind));
      r.to_employer = r.to_employer || kind == PartyKind::employer;
    }
  }
  if (item.data.empty()) {
    r.words_sensitive = lex.any("data.sensitive", item.text.value);
    r.words_my_number = lex.any("data.my-number", item.text.value);
  }

  const auto raise = [&](Ground g) { r.ground = std::max(r.ground, g); };
  for (const Basis &b : item.basis) {
    const std::string law = law::law_id(b.law);
    if (law == "consent") {
      raise(Ground::consent);
    } else if (law == "implied_consent") {
      raise(Ground::implied_consent);
    } else if (!law.empty() && law != "other") {
      raise(Ground::statute);
      if (law == "mynumber_act") {
        r.mynumber_cites.push_back(
            law::Cite{law, std::atoi(b.article.c_str()), 0, std::atoi(b.paragraph.c_str()), std::atoi(b.item.c_str())});
      }
    } else if (law == "other") {
      raise(Ground::statute);
    }
  }
  if (r.declared_my_number || r.words_my_number) {
    for (const law::Provision *p : mynumber_19_cases()) {
      if (p->named_in(item.text.value)) {
        r.wording_cases.push_back(p);
      }
    }
  }
  // Printed uses the ガイダンス accepts on implied consent (「…の自動払い」, 「医療費通知」) rest on it when the
  // YAML states no ground: the notice publishing them is that consent's condition.
  if (r.ground == Ground::none && lex.any("implied-consent-use", item.text.value)) {
    raise(Ground::implied_consent);
  }
  if (r.ground == Ground::implied_consent) {
    r.objection_route = facts ? states_objection_route(*facts, item) : states_objection_route(notice, item);
  }
  return r;
}

Assessment assess(const Notice &notice, const Bucket &bucket, const UseCase &item, Date date) {
  return assess(bucket, item, date, read_item(notice, bucket, item, nullptr));
}

Assessment assess(const Bucket &bucket, const UseCase &item, Date date, const ItemReading &reading) {
  const law::Database &db = law::Database::builtin();
  Assessment a;
  a.flow_reading = reading.flow_reading;
  a.flow = a.flow_reading.flow;
  a.to_third_party = a.flow == FlowKind::provision;

  // 要配慮個人情報 exists as a concept only from its definition's date (平成27年改正).
  static const law::Provision &definition = db.provision("appi.sensitive-definition"); // asked for every item
  const bool sensitive_concept = law::Database::numbering(definition, date) != nullptr;
  a.sensitive = reading.declared_sensitive && sensitive_concept;
  a.my_number = reading.declared_my_number;
  a.to_employer = reading.to_employer;
  a.read_parties = reading.read_parties;
  if (item.data.empty()) {
    if (sensitive_concept && reading.words_sensitive) {
      a.sensitive = true;
      a.read_data.emplace_back("sensitive");
    }
    if (reading.words_my_number) {
      a.my_number = true;
      a.read_data.emplace_back("my_number");
    }
  }

  if (a.flow == FlowKind::joint_use) {
    const auto &disclosure = item.joint_use ? item.joint_use : bucket.joint_use;
    a.joint_use_complete = missing_joint_use(disclosure, item.text.value + bucket.heading.value, date).empty();
  }

  a.ground = reading.ground;
  for (const law::Cite &cite : reading.mynumber_cites) {
    for (const law::Provision *p : db.meaning(cite, date)) {
      if (is_mynumber_19_case(*p) || p->id == "mynumber.provision-limit") {
        a.mynumber_bases.push_back(p);
        break;
      }
    }
  }
  // The wording may itself name a case of 番号法第19条 (「番号法に定める情報連携」): that is the basis printed.
  if (a.my_number && a.mynumber_bases.empty()) {
    for (const law::Provision *p : reading.wording_cases) {
      if (law::Database::numbering(*p, date)) {
        a.mynumber_bases.push_back(p);
        a.inferred_from = item.text.value;
        break;
      }
    }
  }
  if (a.ground == Ground::implied_consent) {
    a.objection_route = reading.objection_route;
  }
  return a;
}

} // namespace notice::legal
