#include "notice/model.hpp"

#include "notice/lexicon.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace notice {
namespace {

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N> &names, Enum value) {
  for (const auto &[e, name] : names) {
    if (e == value) {
      return name;
    }
  }
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N> &names, std::string_view name) {
  for (const auto &[e, n] : names) {
    if (n == name) {
      return e;
    }
  }
  return std::nullopt;
}

constexpr std::array<std::pair<FlowKind, std::string_view>, 5> k_flow_names{{
    {FlowKind::internal, "internal"},
    {FlowKind::provision, "provision"},
    {FlowKind::outsourcing, "outsourcing"},
    {FlowKind::joint_use, "joint_use"},
    {FlowKind::received, "received"},
}};

constexpr std::array<std::pair<BucketKind, std::string_view>, 7> k_bucket_names{{
    {BucketKind::internal, "internal"},
    {BucketKind::external, "external"},
    {BucketKind::review_payment, "review_payment"},
    {BucketKind::received, "received"},
    {BucketKind::provided, "provided"},
    {BucketKind::joint_use, "joint_use"},
    {BucketKind::other, "other"},
}};

constexpr std::array<std::pair<PartyKind, std::string_view>, 12> k_party_names{{
    {PartyKind::employer, "employer"},
    {PartyKind::medical_institution, "medical_institution"},
    {PartyKind::non_life_insurer, "non_life_insurer"},
    {PartyKind::insurer, "insurer"},
    {PartyKind::federation, "federation"},
    {PartyKind::review_payment_body, "review_payment_body"},
    {PartyKind::government, "government"},
    {PartyKind::public_body, "public_body"},
    {PartyKind::contractor, "contractor"},
    {PartyKind::occupational_physician, "occupational_physician"},
    {PartyKind::data_subject, "data_subject"},
    {PartyKind::other, "other"},
}};

template <typename T> void keep_in_force(std::vector<T> &elements, Date date) {
  std::erase_if(elements, [&](const T &e) { return !e.validity.in_force(date); });
}

} // namespace

FlowKind default_flow(BucketKind kind) {
  switch (kind) {
  case BucketKind::external:
  case BucketKind::provided:
    return FlowKind::provision;
  case BucketKind::review_payment:
    return FlowKind::outsourcing;
  case BucketKind::received:
    return FlowKind::received;
  case BucketKind::joint_use:
    return FlowKind::joint_use;
  case BucketKind::internal:
  case BucketKind::other:
    return FlowKind::internal;
  }
  return FlowKind::internal;
}

Text *joint_use_field(JointUse &j, std::string_view field) {
  return const_cast<Text *>(joint_use_field(static_cast<const JointUse &>(j), field));
}

const Text *joint_use_field(const JointUse &j, std::string_view field) {
  if (field == "statement") {
    return &j.statement;
  }
  if (field == "items") {
    return &j.items;
  }
  if (field == "scope") {
    return &j.scope;
  }
  if (field == "purpose") {
    return &j.purpose;
  }
  if (field == "responsible") {
    return &j.responsible;
  }
  if (field == "address") {
    return &j.address;
  }
  if (field == "representative") {
    return &j.representative;
  }
  return nullptr;
}

FlowReading read_flow(const UseCase &item, const Bucket &bucket) {
  if (item.flow) {
    return {*item.flow, FlowReading::Source::stated, {}};
  }
  const FlowKind fallback = default_flow(bucket.kind);
  // A provision bucket gathers everything that leaves the insurer (委託 included); a bucket without a
  // known heading decides nothing: there the wording says more than the bucket.
  if (bucket.kind == BucketKind::external || bucket.kind == BucketKind::provided || bucket.kind == BucketKind::other) {
    const Lexicon &lex = Lexicon::builtin();
    struct Cue {
      const char *list;
      FlowKind flow;
    };
    static constexpr Cue k_cues[] = {{"cue-outsourcing", FlowKind::outsourcing},
                                     {"cue-joint-use", FlowKind::joint_use},
                                     {"cue-received", FlowKind::received},
                                     {"cue-provision", FlowKind::provision}};
    for (const Cue &cue : k_cues) {
      if (const auto match = lex.find(cue.list, item.text.value)) {
        if (cue.flow != fallback) {
          return {cue.flow, FlowReading::Source::wording, std::string(match->word)};
        }
        break;
      }
    }
  }
  return {fallback, FlowReading::Source::bucket, {}};
}

FlowKind effective_flow(const UseCase &item, const Bucket &bucket) {
  return read_flow(item, bucket).flow;
}

const Revision *revision_at(const Notice &notice, Date date) {
  const Revision *found = nullptr;
  for (const auto &r : notice.revisions) {
    if (r.effective <= date && (!found || found->effective < r.effective)) {
      found = &r;
    }
  }
  return found;
}

const Revision *latest_revision(const Notice &notice) {
  const Revision *found = nullptr;
  for (const auto &r : notice.revisions) {
    if (!found || found->effective < r.effective) {
      found = &r;
    }
  }
  return found;
}

namespace {
// Blocks, and the blocks of sections, in force on `date`.
void keep_blocks_in_force(std::vector<Block> &blocks, Date date) {
  keep_in_force(blocks, date);
  for (auto &b : blocks) {
    keep_blocks_in_force(b.children, date);
  }
}
} // namespace

Notice at(const Notice &notice, Date date) {
  Notice view = notice;
  keep_blocks_in_force(view.body, date);
  keep_in_force(view.preamble, date);
  keep_in_force(view.data, date);
  keep_in_force(view.parties, date);
  keep_in_force(view.categories, date);
  keep_in_force(view.postscript, date);
  for (auto &category : view.categories) {
    keep_in_force(category.buckets, date);
    keep_blocks_in_force(category.notes, date);
    for (auto &bucket : category.buckets) {
      keep_in_force(bucket.items, date);
      keep_blocks_in_force(bucket.notes, date);
    }
  }
  std::erase_if(view.revisions, [&](const Revision &r) { return date < r.effective; });
  return view;
}

const Party *find_party(const Notice &notice, std::string_view id) {
  const auto it =
      std::find_if(notice.parties.begin(), notice.parties.end(), [&](const Party &p) { return p.id == id; });
  return it == notice.parties.end() ? nullptr : &*it;
}

const DataSource *find_data(const Notice &notice, std::string_view id) {
  const auto it = std::find_if(notice.data.begin(), notice.data.end(), [&](const DataSource &d) { return d.id == id; });
  return it == notice.data.end() ? nullptr : &*it;
}

std::string_view to_string(FlowKind kind) {
  return name_of(k_flow_names, kind);
}
std::string_view to_string(BucketKind kind) {
  return name_of(k_bucket_names, kind);
}
std::string_view to_string(PartyKind kind) {
  return name_of(k_party_names, kind);
}
std::string_view to_string(Provenance provenance) {
  return provenance == Provenance::published ? "published" : "reconstructed";
}

std::string_view label_ja(FlowKind kind) {
  switch (kind) {
  case FlowKind::internal:
    return "内部利用";
  case FlowKind::provision:
    return "提供";
  case FlowKind::outsourcing:
    return "委託";
  case FlowKind::joint_use:
    return "共同利用";
  case FlowKind::received:
    return "受領";
  }
  return "利用";
}

std::optional<FlowKind> parse_flow_kind(std::string_view name) {
  return value_of(k_flow_names, name);
}
std::optional<BucketKind> parse_bucket_kind(std::string_view name) {
  return value_of(k_bucket_names, name);
}
std::optional<PartyKind> parse_party_kind(std::string_view name) {
  return value_of(k_party_names, name);
}

} // namespace notice
