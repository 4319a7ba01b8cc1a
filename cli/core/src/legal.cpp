#include "notice/legal.hpp"

#include "rules/text.hpp"

#include "notice/lexicon.hpp"

#include <algorithm>

namespace notice::legal {
namespace {} // namespace

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

bool states_objection_route(const Notice &notice, const UseCase &item) {
  const Lexicon &lex = Lexicon::builtin();
  // Any printed text but the other items' own lines: a preamble, a body paragraph (a provision section
  // that says 「同意されない場合には、書面にて…お申し出ください」), notes, or this item's notes.
  const auto has = [&](const Text &t) { return lex.any("objection-route", t.value); };
  if (std::any_of(item.notes.begin(), item.notes.end(), has)) {
    return true;
  }
  bool found = false;
  rules::for_each_text(notice, [&](const rules::TextRef &ref) {
    if (found || (ref.item != nullptr && (ref.item != &item || ref.text == &item.text))) {
      return;
    }
    found = has(*ref.text);
  });
  return found;
}

std::vector<PartyKind> parties_named(std::string_view text) {
  const Lexicon &lex = Lexicon::builtin();
  std::vector<PartyKind> out;
  for (const PartyKind kind :
       {PartyKind::review_payment_body, PartyKind::federation, PartyKind::employer, PartyKind::medical_institution,
        PartyKind::non_life_insurer, PartyKind::government, PartyKind::public_body, PartyKind::insurer,
        PartyKind::occupational_physician, PartyKind::contractor, PartyKind::data_subject}) {
    if (lex.any("party." + std::string(to_string(kind)), text)) {
      out.push_back(kind);
    }
  }
  return out;
}

Assessment assess(const Notice &notice, const Bucket &bucket, const UseCase &item, Date date) {
  const law::Database &db = law::Database::builtin();
  const Lexicon &lex = Lexicon::builtin();
  Assessment a;
  a.flow_reading = read_flow(item, bucket);
  a.flow = a.flow_reading.flow;
  a.to_third_party = a.flow == FlowKind::provision;

  // 要配慮個人情報 exists as a concept only from its definition's date (平成27年改正).
  const bool sensitive_concept = db.numbering("appi.sensitive-definition", date) != nullptr;
  for (const auto &r : item.data) {
    if (const DataSource *d = find_data(notice, r.id)) {
      a.sensitive = a.sensitive || (d->sensitive && sensitive_concept);
      a.my_number = a.my_number || d->my_number;
    }
  }
  for (const auto &r : item.parties) {
    if (const Party *p = find_party(notice, r.id)) {
      a.to_employer = a.to_employer || p->kind == PartyKind::employer;
    }
  }
  // What the YAML does not record, the printed wording says: 「健診結果の事業者への提供」.
  if (item.parties.empty()) {
    for (const PartyKind kind : parties_named(item.text.value)) {
      a.read_parties.emplace_back(to_string(kind));
      a.to_employer = a.to_employer || kind == PartyKind::employer;
    }
  }
  if (item.data.empty()) {
    if (sensitive_concept && lex.any("data.sensitive", item.text.value)) {
      a.sensitive = true;
      a.read_data.emplace_back("sensitive");
    }
    if (lex.any("data.my-number", item.text.value)) {
      a.my_number = true;
      a.read_data.emplace_back("my_number");
    }
  }

  if (a.flow == FlowKind::joint_use) {
    const auto &disclosure = item.joint_use ? item.joint_use : bucket.joint_use;
    a.joint_use_complete = missing_joint_use(disclosure, item.text.value + bucket.heading.value, date).empty();
  }

  const auto raise = [&](Ground g) { a.ground = std::max(a.ground, g); };
  for (const Basis &b : item.basis) {
    const std::string law = law::law_id(b.law);
    if (law == "consent") {
      raise(Ground::consent);
    } else if (law == "implied_consent") {
      raise(Ground::implied_consent);
    } else if (!law.empty() && law != "other") {
      raise(Ground::statute);
      if (law == "mynumber_act") {
        law::Cite cite{law, std::atoi(b.article.c_str()), 0, std::atoi(b.paragraph.c_str()), std::atoi(b.item.c_str())};
        for (const law::Provision *p : db.meaning(cite, date)) {
          if (is_mynumber_19_case(*p) || p->id == "mynumber.provision-limit") {
            a.mynumber_bases.push_back(p);
            break;
          }
        }
      }
    } else if (law == "other") {
      raise(Ground::statute);
    }
  }
  // The wording may itself name a case of 番号法第19条 (「番号法に定める情報連携」): that is the basis printed.
  if (a.my_number && a.mynumber_bases.empty()) {
    for (const auto &p : db.provisions()) {
      if (is_mynumber_19_case(p) && db.numbering(p.id, date) && p.named_in(item.text.value)) {
        a.mynumber_bases.push_back(&p);
        a.inferred_from = item.text.value;
        break;
      }
    }
  }
  // Printed uses the ガイダンス accepts on implied consent (「…の自動払い」, 「医療費通知」) rest on it when the
  // YAML states no ground: the notice publishing them is that consent's condition.
  if (a.ground == Ground::none && lex.any("implied-consent-use", item.text.value)) {
    raise(Ground::implied_consent);
  }
  if (a.ground == Ground::implied_consent) {
    a.objection_route = states_objection_route(notice, item);
  }
  return a;
}

} // namespace notice::legal
