// Rules about flows: whether each use case is filed and disclosed as the law requires.
#include "rules/context.hpp"
#include "rules/text.hpp"

#include <algorithm>

namespace notice::rules {
namespace {

constexpr Date k_joint_use_address_required{2022, 4, 1};

std::vector<Scope> item_scopes(const Category &c, const Bucket &b, const UseCase &u) {
  return {{&u.id, &u.suppress}, {&b.id, &b.suppress}, {&c.id, &c.suppress}};
}

bool has_data(const Notice &n, const UseCase &u, bool (*pred)(const DataSource &)) {
  return std::any_of(u.data.begin(), u.data.end(), [&](const Ref &r) {
    const DataSource *d = find_data(n, r.id);
    return d && pred(*d);
  });
}

bool has_party_kind(const Notice &n, const UseCase &u, PartyKind kind) {
  return std::any_of(u.parties.begin(), u.parties.end(), [&](const Ref &r) {
    const Party *p = find_party(n, r.id);
    return p && p->kind == kind;
  });
}

bool has_consent(const UseCase &u) {
  return std::any_of(u.basis.begin(), u.basis.end(), [](const Basis &b) { return b.law == "consent"; });
}

bool has_mynumber_19(const UseCase &u) {
  return std::any_of(u.basis.begin(), u.basis.end(),
                     [](const Basis &b) { return law_id(b.law) == "mynumber_act" && b.article == "19"; });
}

// Wording that announces a flow other than internal use.
struct Cue {
  std::string_view word;
  const char *flow;
};
constexpr Cue k_cues[] = {{"委託", "outsourcing"},
                          {"求償", "provision"},
                          {"共同事業", "provision"},
                          {"共同利用", "joint_use"},
                          {"提供", "provision"}};

constexpr std::string_view k_review_bodies[] = {"支払基金", "国保中央会", "国民健康保険中央会", "審査支払機関"};

void check_joint_use(Context &ctx, const std::optional<JointUse> &disclosure, Position where,
                     const std::vector<Scope> &scopes, const std::string &owner) {
  const Date effective = parse_date(ctx.revision).value_or(Date{});
  if (!disclosure) {
    ctx.report("joint-use-incomplete", where,
               {"joint use (共同利用) by `" + owner +
                    "` has no `joint_use:` disclosure; APPI requires the items, the "
                    "scope of joint users, the purpose and the responsible party to be disclosed",
                "`" + owner +
                    "` の共同利用に `joint_use:` の公表事項がありません。共同利用する項目、共同利用者の範囲、"
                    "利用目的、責任者を公表する必要があります"},
               scopes);
    return;
  }
  struct Field {
    const Text *text;
    const char *key;
    const char *ja;
    bool required;
  };
  const bool since_2022 = effective >= k_joint_use_address_required;
  const Field fields[] = {{&disclosure->items, "items", "共同して利用される個人データの項目", true},
                          {&disclosure->scope, "scope", "共同して利用する者の範囲", true},
                          {&disclosure->purpose, "purpose", "利用する者の利用目的", true},
                          {&disclosure->responsible, "responsible", "責任を有する者の氏名又は名称", true},
                          {&disclosure->address, "address", "責任を有する者の住所", since_2022},
                          {&disclosure->representative, "representative", "法人の代表者の氏名", since_2022}};
  for (const Field &f : fields) {
    if (f.required && f.text->value.empty()) {
      ctx.report("joint-use-incomplete", disclosure->pos,
                 {"the joint-use disclosure of `" + owner + "` lacks `" + f.key + "`" +
                      (f.key == std::string_view("address") || f.key == std::string_view("representative")
                           ? " (required since 2022-04-01)"
                           : std::string()),
                  "`" + owner + "` の共同利用の公表事項に「" + f.ja + "」（`" + f.key + "`）がありません"},
                 scopes);
    }
  }
}

// Purposes so general that they say nothing (a catch-all the ガイダンス asks to avoid).
bool is_vague(std::string_view text) {
  static constexpr std::string_view k_vague[] = {"医療保険事務に関すること",
                                                 "保険事務に関すること",
                                                 "健康保険事業に関すること",
                                                 "事務に関すること",
                                                 "業務に関すること",
                                                 "その他",
                                                 "その他の事務",
                                                 "当組合の業務全般"};
  return std::find(std::begin(k_vague), std::end(k_vague), text) != std::end(k_vague);
}

// The digits of a printed marker ("２．", "(3)", "第4") as a number; nullopt when it has none.
std::optional<int> marker_number(std::string_view marker) {
  int value = 0;
  bool any = false;
  std::size_t i = 0;
  while (i < marker.size()) {
    const auto c = static_cast<unsigned char>(marker[i]);
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      any = true;
      ++i;
    } else if (c == 0xEF && i + 2 < marker.size() && static_cast<unsigned char>(marker[i + 1]) == 0xBC &&
               static_cast<unsigned char>(marker[i + 2]) >= 0x90 && static_cast<unsigned char>(marker[i + 2]) <= 0x99) {
      value = value * 10 + (static_cast<unsigned char>(marker[i + 2]) - 0x90); // full-width ０-９
      any = true;
      i += 3;
    } else {
      ++i;
    }
  }
  return any ? std::optional<int>(value) : std::nullopt;
}

void check_numbering(Context &ctx) {
  // Category numbers: 1..n in order, and the printed marker says the same number.
  const Notice &n = ctx.notice();
  int expected = 1;
  for (const Category &c : n.categories) {
    const std::vector<Scope> scopes = {{&c.id, &c.suppress}};
    if (!c.number) {
      continue;
    }
    if (*c.number != expected) {
      ctx.report("category-numbering", c.number_pos,
                 {"category `" + c.id + "` is numbered " + std::to_string(*c.number) + " but is category " +
                      std::to_string(expected) + " in order; number categories 1, 2, 3 … as they appear",
                  "区分 `" + c.id + "` の番号は " + std::to_string(*c.number) + " ですが、並び順では " +
                      std::to_string(expected) + " 番目です。1, 2, 3 … と順に番号を付けてください"},
                 scopes);
    }
    if (const auto printed = marker_number(c.marker.value); printed && *printed != *c.number) {
      ctx.report(
          "category-numbering", c.marker.pos,
          {"the printed marker 「" + c.marker.value + "」 does not match `number: " + std::to_string(*c.number) + "`",
           "表示される番号「" + c.marker.value + "」が `number: " + std::to_string(*c.number) + "` と一致しません"},
          scopes);
    }
    expected = *c.number + 1;
  }
}

} // namespace

void check_flows_revision(Context &ctx) {
  check_numbering(ctx);
  const Notice &n = ctx.notice();
  bool has_article_28_statement = false;
  for_each_text(n, [&](const TextRef &ref) {
    const std::string &v = ref.text->value;
    has_article_28_statement =
        has_article_28_statement || contains(v, "外国にある第三者") || contains(v, "第28条") || contains(v, "28条");
  });

  for (const Category &c : n.categories) {
    for (const Bucket &b : c.buckets) {
      const std::vector<Scope> bucket_scopes = {{&b.id, &b.suppress}, {&c.id, &c.suppress}};
      if (b.items.empty()) {
        ctx.report("empty-bucket", b.pos,
                   {"bucket `" + b.id + "` (" + b.heading.value +
                        ") lists no use case; remove the heading or add "
                        "its items",
                    "区分 `" + b.id + "`（" + b.heading.value +
                        "）に事例が1つもありません。見出しを削除するか事例を"
                        "記載してください"},
                   bucket_scopes);
      }
      bool bucket_disclosure_checked = false;
      for (const UseCase &u : b.items) {
        const auto scopes = item_scopes(c, b, u);
        const FlowKind flow = effective_flow(u, b);
        const std::string &text = u.text.value;

        if (flow == FlowKind::internal) {
          for (const Cue &cue : k_cues) {
            if (const auto at = text.find(cue.word); at != std::string::npos) {
              ctx.report("internal-wording-suggests-flow", locate(n, u.text, at, cue.word.size()),
                         {"item `" + u.id + "` is filed as internal use, but its wording says 「" +
                              std::string(cue.word) + "」; if data leaves the insurer, set `flow: " + cue.flow +
                              "` and name the parties",
                          "項目 `" + u.id + "` は内部利用に分類されていますが、文言に「" + std::string(cue.word) +
                              "」とあります。外部に出るなら `flow: " + cue.flow + "` とし、相手方を記載してください"},
                         scopes);
              break;
            }
          }
          for (std::string_view body : k_review_bodies) {
            if (const auto at = text.find(body); at != std::string::npos) {
              ctx.report("review-body-internal", locate(n, u.text, at, body.size()),
                         {"item `" + u.id + "` involves the review and payment bodies (「" + std::string(body) +
                              "」) but is filed as internal use; data sent to them is outsourcing (委託) or "
                              "provision: file it in a 審査支払機関 bucket",
                          "項目 `" + u.id + "` は審査支払機関（「" + std::string(body) +
                              "」）が関わりますが内部利用に分類されています。委託または提供として審査支払機関の区分に"
                              "記載してください"},
                         scopes);
              break;
            }
          }
        }

        if (flow == FlowKind::joint_use) {
          // The item's own disclosure, else the bucket's (checked once for the bucket), else none.
          if (u.joint_use) {
            check_joint_use(ctx, u.joint_use, u.joint_use->pos, scopes, u.id);
          } else if (b.joint_use) {
            if (!bucket_disclosure_checked) {
              check_joint_use(ctx, b.joint_use, b.joint_use->pos, bucket_scopes, b.id);
              bucket_disclosure_checked = true;
            }
          } else {
            check_joint_use(ctx, std::nullopt, u.pos, scopes, u.id);
          }
        }

        const bool my_number = has_data(n, u, [](const DataSource &d) { return d.my_number; });
        if (my_number && flow == FlowKind::joint_use) {
          ctx.report("mynumber-outside-article19", u.pos,
                     {"item `" + u.id +
                          "` puts My Number data (特定個人情報) into joint use; 番号法 allows its "
                          "provision only in the cases of 第19条, and joint use is not one of them",
                      "項目 `" + u.id +
                          "` は特定個人情報を共同利用しています。番号法は第19条各号の場合に限り提供を"
                          "認めており、共同利用はこれに当たりません"},
                     scopes);
        } else if (my_number && flow == FlowKind::provision && !has_mynumber_19(u)) {
          ctx.report("mynumber-outside-article19", u.pos,
                     {"item `" + u.id +
                          "` provides My Number data (特定個人情報) without citing 番号法第19条 in its "
                          "`basis:`; it may be provided only in the cases that article lists",
                      "項目 `" + u.id +
                          "` は特定個人情報を提供していますが、`basis:` に番号法第19条がありません。"
                          "提供できるのは同条各号の場合に限られます"},
                     scopes);
        }

        const bool sensitive = has_data(n, u, [](const DataSource &d) { return d.sensitive; });
        if (sensitive && flow == FlowKind::provision && has_party_kind(n, u, PartyKind::employer) && !has_consent(u)) {
          ctx.report(
              "sensitive-to-employer", u.pos,
              {"item `" + u.id +
                   "` provides sensitive data (要配慮個人情報) to the employer without a consent "
                   "basis; health data may go to the employer only with the member's consent or under a "
                   "disclosed joint use (`flow: joint_use` with its `joint_use:` items)",
               "項目 `" + u.id +
                   "` は要配慮個人情報を事業主に提供していますが、同意の根拠がありません。"
                   "健康情報を事業主に渡すには本人の同意か、公表された共同利用（`flow: joint_use` と `joint_use:`）"
                   "が必要です"},
              scopes);
        }

        if (!has_article_28_statement && flow != FlowKind::internal && flow != FlowKind::received) {
          const bool party_abroad = std::any_of(u.parties.begin(), u.parties.end(), [&](const Ref &r) {
            const Party *p = find_party(n, r.id);
            return p && p->abroad;
          });
          // 海外療養費 is a benefit for care received abroad, not processing abroad.
          std::string scan = text;
          for (std::size_t at = scan.find("海外療養費"); at != std::string::npos; at = scan.find("海外療養費")) {
            scan.replace(at, std::string_view("海外療養費").size(), "");
          }
          const bool wording_abroad = contains(scan, "海外") || contains(scan, "外国") || contains(scan, "国外");
          if (party_abroad || wording_abroad) {
            ctx.report("processing-abroad", u.pos,
                       {"item `" + u.id +
                            "` sends data abroad, but the notice has no statement on provision to "
                            "third parties in foreign countries (APPI 第28条; 第24条 before 2022-04-01)",
                        "項目 `" + u.id +
                            "` は個人データを外国に送りますが、公表文に外国にある第三者への提供"
                            "（個人情報保護法第28条、2022年4月1日前は第24条）についての記載がありません"},
                       scopes);
          }
        }

        if (is_vague(text)) {
          ctx.report("vague-purpose", u.text.pos,
                     {"「" + text +
                          "」 says nothing a member can check; name the concrete use (the ガイダンス asks for "
                          "purposes as specific as possible)",
                      "「" + text +
                          "」では加入者が何に使われるのか分かりません。具体的な利用目的を書いてください"
                          "（ガイダンスはできる限り特定するよう求めています）"},
                     scopes);
        }
      }
    }
  }
}

} // namespace notice::rules
