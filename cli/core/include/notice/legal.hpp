// The legal questions that validate's rules and diff's classes both ask of a use case, answered once
// from the legal database (law.hpp): so that the two never disagree on the same change.
#pragma once

#include "notice/date.hpp"
#include "notice/law.hpp"
#include "notice/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace notice::legal {

/// The requirements of a joint-use disclosure (law::Provision `appi.joint-use`) in force on `date`
/// that `disclosure` does not meet. The statement that joint use takes place (その旨) is met by the
/// disclosure's own `statement` or by `printed`, the wording around it (item text, bucket heading),
/// naming joint use. Every requirement is missing when there is no disclosure at all.
std::vector<const law::Requirement *> missing_joint_use(const std::optional<JointUse> &disclosure,
                                                        std::string_view printed, Date date);

/// The ground on which data leaves the insurer, as far as the notice states or implies it.
enum class Ground {
  none,            ///< nothing stated
  consent,         ///< the person's consent (`basis: consent`)
  implied_consent, ///< consent implied by publication with a way to object (ガイダンス; `basis: implied_consent`)
  statute,         ///< a statute cited in `basis:` or named by the item's wording
};

/// One use case as the law sees it on a date.
struct Assessment {
  FlowKind flow = FlowKind::internal;
  bool to_third_party = false;     ///< a provision: outsourcing and joint use are not (APPI 27条5項)
  bool sensitive = false;          ///< it involves 要配慮個人情報 (and the concept exists on the date)
  bool my_number = false;          ///< it involves 特定個人情報
  bool to_employer = false;        ///< a recipient is the employer (事業主)
  bool joint_use_complete = false; ///< a joint use whose disclosure meets every requirement on the date
  Ground ground = Ground::none;    ///< the strongest ground stated
  bool objection_route = false;    ///< for implied consent: the notice says how to object
  /// The 番号法 provisions the use rests on: cited in `basis:`, or named by its wording (情報連携 …).
  std::vector<const law::Provision *> mynumber_bases;
  /// Where the basis came from when it was inferred from wording rather than stated ("情報連携" …).
  std::string inferred_from;
  FlowReading flow_reading;              ///< how the flow was decided
  std::vector<std::string> read_parties; ///< party kinds read from the wording (no `parties:` given)
  std::vector<std::string> read_data;    ///< "sensitive", "my_number" read from the wording (no `data:` given)
};

/// What assess() reads from the whole notice rather than from the item: computed once per notice
/// (notice_facts) when many items are assessed.
struct NoticeFacts {
  /// Some printed text outside the items (preamble, body, headings, notes of buckets and categories …)
  /// tells members how to object to a use.
  bool objection_route = false;
};

/// The facts of `notice` that assess() needs.
NoticeFacts notice_facts(const Notice &notice);

/// The parties kinds `text` names (lexicon lists party.<kind>), in lexicon order.
std::vector<PartyKind> parties_named(std::string_view text);

/// What an item's wording and references say whatever the date: the part of an assessment read once
/// when the item is assessed on many dates.
struct ItemReading {
  FlowReading flow_reading;
  bool declared_sensitive = false;       ///< a data source it names (`data:`) is sensitive
  bool declared_my_number = false;       ///< a data source it names is 特定個人情報
  bool to_employer = false;              ///< a party it names, or its wording, is the employer
  std::vector<std::string> read_parties; ///< party kinds read from the wording (no `parties:` given)
  bool words_sensitive = false;          ///< no `data:`, and the wording names sensitive data
  bool words_my_number = false;          ///< no `data:`, and the wording names 特定個人情報
  Ground ground = Ground::none;          ///< the strongest ground stated
  bool objection_route = false;          ///< for implied consent: the notice says how to object
  std::vector<law::Cite> mynumber_cites; ///< the 番号法 articles its `basis:` cites, in order
  /// Cases of 番号法第19条 its wording names, in the database's order (when it involves 特定個人情報).
  std::vector<const law::Provision *> wording_cases;
};

/// Reads `item` of `bucket` of `notice` (a revision's view); `facts` = notice_facts(notice), or null to read
/// the notice only if the item needs it.
ItemReading read_item(const Notice &notice, const Bucket &bucket, const UseCase &item, const NoticeFacts *facts);

/// Assesses `item` of `bucket` of `notice` (a revision's view) as on `date`.
Assessment assess(const Notice &notice, const Bucket &bucket, const UseCase &item, Date date);

/// The same from the item's reading (`reading` = read_item(notice, bucket, item, …)).
Assessment assess(const Bucket &bucket, const UseCase &item, Date date, const ItemReading &reading);

/// True when `notice` (any printed text) tells members how to object to a use, or `item`'s own notes do.
bool states_objection_route(const Notice &notice, const UseCase &item);

/// The same, with the facts of the whole notice already read (`facts` = notice_facts(notice)).
bool states_objection_route(const NoticeFacts &facts, const UseCase &item);

/// True when `provision` is one of the cases of 番号法第19条 (a provision of 特定個人情報 it allows).
bool is_mynumber_19_case(const law::Provision &provision);

} // namespace notice::legal
