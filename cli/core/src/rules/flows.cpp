// Rules about flows: whether each use case is filed and disclosed as the law requires.
#include "rules/context.hpp"
#include "rules/facts.hpp"
#include "rules/text.hpp"

#include "notice/law.hpp"
#include "notice/legal.hpp"
#include "notice/lexicon.hpp"

#include <algorithm>

namespace notice::rules {
namespace {

const law::Database &db() {
  return law::Database::builtin();
}

const Lexicon &lex() {
  return Lexicon::builtin();
}

std::vector<Scope> item_scopes(const Category &c, const Bucket &b, const UseCase &u) {
  return {{&u.id, &u.suppress}, {&b.id, &b.suppress}, {&c.id, &c.suppress}};
}

// Wording that announces a flow other than internal use: the lexicon list and the flow it suggests.
struct Cue {
  const char *list;
  const char *flow;
};
constexpr Cue k_cues[] = {
    {"cue-outsourcing", "outsourcing"}, {"cue-joint-use", "joint_use"}, {"cue-provision", "provision"}};

void check_joint_use(Context &ctx, const std::optional<JointUse> &disclosure, std::string_view printed, Position where,
                     const std::vector<Scope> &scopes, const std::string &owner) {
  const auto missing = legal::missing_joint_use(disclosure, printed, ctx.judge);
  // An excerpt may lack entries that the published page has after the cut.
  if (missing.empty() || (ctx.notice().part && ctx.notice().part->excerpt && disclosure)) {
    return;
  }
  const std::string cite = law::cite_on(db(), "appi.joint-use", ctx.judge);
  if (!disclosure) {
    ctx.report(
        "joint-use-incomplete", where,
        {"joint use (共同利用) by `" + owner + "` has no `joint_use:` disclosure; " + cite +
             " requires that joint use takes place, the items, the scope of joint users, the purpose and "
             "the responsible party to be made known in advance",
         "`" + owner + "` の共同利用に `joint_use:` の公表事項がありません。" + cite +
             "は、共同利用をする旨、項目、共同利用者の範囲、利用目的、責任者をあらかじめ公表するよう求めています"},
        scopes);
    return;
  }
  std::string en;
  std::string ja;
  const Date start = db().provision("appi.joint-use").start();
  for (const law::Requirement *req : missing) {
    const bool dated = req->from > start;
    en += (en.empty() ? "" : "; ") + req->en + " (`" + req->id + "`" +
          (dated ? ", required since " + to_string(req->from) : std::string()) + ")";
    ja += (ja.empty() ? "" : "、") + req->ja + "（`" + req->id + "`" +
          (dated ? "、" + to_string(req->from) + "以降必要" : std::string()) + "）";
  }
  ctx.report("joint-use-incomplete", disclosure->pos,
             {"the joint-use disclosure of `" + owner + "` lacks what " + cite + " requires: " + en,
              "`" + owner + "` の共同利用の公表事項に" + cite + "が求める次の事項がありません: " + ja},
             scopes);
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
    // Markers drawn by an HTML list are not the page's own characters: nothing to compare.
    if (const auto printed = marker_number(c.marker.value);
        printed && *printed != *c.number && !n.style.category_markers_drawn) {
      ctx.report(
          "category-numbering", c.marker.pos,
          {"the printed marker 「" + c.marker.value + "」 does not match `number: " + std::to_string(*c.number) + "`",
           "表示される番号「" + c.marker.value + "」が `number: " + std::to_string(*c.number) + "` と一致しません"},
          scopes);
    }
    expected = *c.number + 1;
  }
}

// The wording sends data abroad: 海外/外国/国外, but not 海外療養費 (a benefit for care received abroad).
bool wording_abroad(std::string text) {
  for (const auto &word : lex().words("abroad-not-processing")) {
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word)) {
      text.erase(at, word.size());
    }
  }
  return lex().any("abroad", text);
}

void check_item(Context &ctx, const Category &c, const Bucket &b, const UseCase &u, bool foreign_statement) {
  const Notice &n = ctx.notice();
  const auto scopes = item_scopes(c, b, u);
  const legal::Assessment a = legal::assess(b, u, ctx.judge, ctx.facts().reading(b, u));
  const std::string &text = u.text.value;

  // Filed as internal use: by the author, or under an internal heading (not a fallback of an unknown bucket).
  const bool filed_internal = a.flow == FlowKind::internal &&
                              (a.flow_reading.source == FlowReading::Source::stated || b.kind == BucketKind::internal);
  if (filed_internal) {
    const ViewFacts &facts = ctx.facts();
    const std::size_t at_text = facts.index_of(u.text);
    // The lists asked of every internal item, by number (looked up by name once).
    static const std::vector<std::size_t> k_cue_lists = [] {
      std::vector<std::size_t> lists;
      for (const Cue &cue : k_cues) {
        lists.push_back(lex().list_index(cue.list));
      }
      return lists;
    }();
    static const std::size_t k_review_body = lex().list_index("review-body");
    std::optional<std::vector<Lexicon::Found>> scanned; // a text outside the view's texts, scanned once
    const auto find = [&](std::size_t list) {
      if (at_text != std::string::npos) {
        return facts.find(list, at_text);
      }
      if (!scanned) {
        scanned = lex().scan(text);
      }
      return Lexicon::in(*scanned, list);
    };
    for (std::size_t i = 0; i < std::size(k_cues); ++i) {
      const Cue &cue = k_cues[i];
      if (const auto at = find(k_cue_lists[i])) {
        const std::string word(at->word);
        ctx.report("internal-wording-suggests-flow", locate(n, u.text, at->offset, at->word.size()),
                   {"item `" + u.id + "` is filed as internal use, but its wording says 「" + word +
                        "」; if data leaves the insurer, set `flow: " + cue.flow + "` and name the parties",
                    "項目 `" + u.id + "` は内部利用に分類されていますが、文言に「" + word +
                        "」とあります。外部に出るなら `flow: " + cue.flow + "` とし、相手方を記載してください"},
                   scopes);
        break;
      }
    }
    if (const auto at = find(k_review_body)) {
      const std::string body(at->word);
      ctx.report("review-body-internal", locate(n, u.text, at->offset, at->word.size()),
                 {"item `" + u.id + "` involves the review and payment bodies (「" + body +
                      "」) but is filed as internal use; they act on the insurer's behalf (outsourcing, " +
                      law::cite_on(db(), "appi.outsourcing", ctx.judge) + ") or receive a provision: file it so",
                  "項目 `" + u.id + "` は審査支払機関（「" + body +
                      "」）が関わりますが内部利用に分類されています。委託（" +
                      law::cite_on(db(), "appi.outsourcing", ctx.judge) + "）または提供として記載してください"},
                 scopes);
    }
  }

  if (a.flow == FlowKind::joint_use) {
    if (u.joint_use) {
      check_joint_use(ctx, u.joint_use, text + b.heading.value, u.joint_use->pos, scopes, u.id);
    } else if (!b.joint_use) {
      check_joint_use(ctx, std::nullopt, text, u.pos, scopes, u.id);
    }
  }

  // 特定個人情報: only the cases of 番号法第19条; never joint use.
  const std::string article19 = a.my_number ? law::cite_on(db(), "mynumber.provision-limit", ctx.judge) : std::string();
  if (a.my_number && a.flow == FlowKind::joint_use) {
    ctx.report("mynumber-outside-article19", u.pos,
               {"item `" + u.id +
                    "` puts My Number data (特定個人情報) into joint use; 番号法 allows its provision only in "
                    "the cases of " +
                    article19 + ", and joint use is not one of them",
                "項目 `" + u.id + "` は特定個人情報を共同利用しています。番号法は" + article19 +
                    "各号の場合に限り提供を認めており、共同利用はこれに当たりません"},
               scopes);
  } else if (a.my_number && a.to_third_party && a.mynumber_bases.empty()) {
    ctx.report("mynumber-outside-article19", u.pos,
               {"item `" + u.id +
                    "` provides My Number data (特定個人情報) but neither its `basis:` nor its wording names "
                    "a case of " +
                    article19 + " (e.g. 情報連携); it may be provided only in the cases that article lists",
                "項目 `" + u.id + "` は特定個人情報を提供していますが、`basis:` にも文言にも" + article19 +
                    "の各号（情報連携など）が示されていません。提供できるのは同条各号の場合に限られます"},
               scopes);
  }

  // 要配慮個人情報 to a third party: consent (express or implied) or a legal exception; never by opt-out.
  if (a.sensitive && a.to_third_party) {
    const std::string third_party = law::cite_on(db(), "appi.third-party-provision", ctx.judge);
    // A page that is one part of a notice, or a capture cut short, may say how to object elsewhere.
    if (a.ground == legal::Ground::implied_consent && !a.objection_route && !n.part) {
      ctx.report("implied-consent-objection", u.pos,
                 {"item `" + u.id +
                      "` relies on implied consent, but the notice does not say how a member (or a family "
                      "member: each is a data subject of their own) can object; the ガイダンス accepts "
                      "implied consent only for published uses with a way to object",
                  "項目 `" + u.id +
                      "` "
                      "は黙示の同意によっていますが、加入者（家族も一人ひとりが本人です）が拒む方法（申出先）が記載され"
                      "ていません。"
                      "ガイダンスが黙示の同意を認めるのは、利用を公表し申出の方法を示した場合に限られます"},
                 scopes);
    } else if (a.ground == legal::Ground::none && a.to_employer) {
      ctx.report(
          "sensitive-to-employer", u.pos,
          {"item `" + u.id +
               "` provides sensitive data (要配慮個人情報) to the employer without consent or a "
               "legal basis (" +
               third_party +
               "); health data may go to the employer only with the member's consent, under a law, or "
               "under a disclosed joint use (`flow: joint_use` with its `joint_use:` disclosure)",
           "項目 `" + u.id + "` は要配慮個人情報を事業主に提供していますが、同意も法令上の根拠もありません（" +
               third_party +
               "）。健康情報を事業主に渡すには本人の同意、法令の根拠、または公表された共同利用（`flow: joint_use` と "
               "`joint_use:`）が必要です"},
          scopes);
    } else if (a.ground == legal::Ground::none) {
      for (const Ref &r : u.data) {
        const DataSource *d = find_data(n, r.id);
        if (!d || !d->sensitive) {
          continue;
        }
        ctx.report("outward-sensitive-without-basis", r.pos,
                   {"item `" + u.id + "` provides sensitive data (要配慮個人情報) `" + d->id +
                        "` to a third party without a `basis:`; " + third_party +
                        " needs the person's consent or a legal exception (never opt-out): state the law, the "
                        "consent, or `implied_consent` for a published use members can object to",
                    "項目 `" + u.id + "` は要配慮個人情報 `" + d->id +
                        "` を第三者に提供しますが `basis:` がありません。" + third_party +
                        "により本人の同意か法令上の例外が必要です（オプトアウト不可）。法令、同意、または"
                        "申出により拒める公表済みの利用なら `implied_consent` を記載してください"},
                   scopes);
      }
    }
  }

  // 事業者健診 results received from the employer: the insurer acquires health data; the law that
  // obliges the employer to hand them over is the basis to state.
  if (a.flow == FlowKind::received && a.to_employer && a.sensitive && a.ground == legal::Ground::none) {
    std::string bases;
    for (const char *id : {"kakuho.employer-checkup-records", "hia.employer-checkup-records"}) {
      const std::string cite = law::cite_on(db(), id, ctx.judge);
      if (!cite.empty()) {
        bases += (bases.empty() ? "" : "、") + cite;
      }
    }
    if (!bases.empty()) {
      ctx.report("employer-checkup-receipt", u.pos,
                 {"item `" + u.id +
                      "` receives health-check results from the employer but states no basis; the "
                      "employer provides them under " +
                      bases + ": cite it so that members see why no consent is asked",
                  "項目 `" + u.id + "` は事業主から健診結果を受け取りますが根拠の記載がありません。事業主は" + bases +
                      "に基づき提供します。同意を求めない理由として根拠を記載してください"},
                 scopes);
    }
  }

  // Data sent abroad: from 2017-05-30 the notice must speak of foreign third parties; from 2022-04-01
  // the country must be named.
  static const law::Provision &foreign = db().provision("appi.foreign-provision"); // the built-in database
  if (law::Database::numbering(foreign, ctx.judge) && a.flow != FlowKind::internal && a.flow != FlowKind::received) {
    std::vector<const Party *> abroad;
    for (const Ref &r : u.parties) {
      if (const Party *p = find_party(n, r.id); p && p->abroad) {
        abroad.push_back(p);
      }
    }
    const auto worded_abroad = [&] {
      auto &known = ctx.facts().wording_abroad;
      const auto it = known.find(&u);
      return it != known.end() ? it->second : known.emplace(&u, wording_abroad(text)).first->second;
    };
    if (!foreign_statement && (!abroad.empty() || worded_abroad())) {
      const std::string cite = law::cite_on(db(), foreign.id, ctx.judge);
      ctx.report("processing-abroad", u.pos,
                 {"item `" + u.id +
                      "` sends data abroad, but the notice says nothing about provision to third parties "
                      "in foreign countries (" +
                      cite + ")",
                  "項目 `" + u.id + "` は個人データを外国に送りますが、外国にある第三者への提供（" + cite +
                      "）についての記載がありません"},
                 scopes);
    }
    for (const auto &req : foreign.requires_) {
      if (req.id != "country" || ctx.judge < req.from) {
        continue;
      }
      for (const Party *p : abroad) {
        if (p->country.empty()) {
          ctx.report("processing-abroad", p->pos,
                     {"party `" + p->id + "` is abroad but the notice does not name " + req.en + " (required since " +
                          to_string(req.from) + ")",
                      "相手方 `" + p->id + "` は外国にありますが、" + req.ja + "が記載されていません（" +
                          to_string(req.from) + "以降必要）"},
                     scopes);
        }
      }
    }
  }

  static const std::vector<std::string> &k_vague = lex().words("vague-purpose");
  if (std::find(k_vague.begin(), k_vague.end(), text) != k_vague.end()) {
    const std::string cite = law::cite_on(db(), "appi.purpose-specification", ctx.judge);
    ctx.report("vague-purpose", u.text.pos,
               {"「" + text + "」 says nothing a member can check; name the concrete use (" + cite +
                    " asks for purposes specified as far as possible)",
                "「" + text + "」では加入者が何に使われるのか分かりません。具体的な利用目的を書いてください（" + cite +
                    "はできる限り特定するよう求めています）"},
               scopes);
  }
}

} // namespace

// Joint-use disclosures printed as blocks of their own (a 共同利用 page), however deep in sections.
void check_joint_use_blocks(Context &ctx, const std::vector<Block> &blocks) {
  for (const Block &b : blocks) {
    if (b.kind == Block::Kind::joint_use && b.joint_use) {
      const std::string owner = b.id.empty() ? b.joint_use->heading.value : b.id;
      check_joint_use(ctx, b.joint_use, b.joint_use->heading.value, b.joint_use->pos, {{&b.id, &b.suppress}},
                      owner.empty() ? "joint use" : owner);
    }
    check_joint_use_blocks(ctx, b.children);
  }
}

void check_flows_revision(Context &ctx) {
  check_numbering(ctx);
  const Notice &n = ctx.notice();
  check_joint_use_blocks(ctx, n.body);
  // Whether the notice says anything about provision to third parties in foreign countries. Only words
  // count: an article number alone (「第28条」) says nothing, and meant other things on other dates.
  const bool foreign_statement = ctx.facts().any_text("foreign-provision-statement");
  for (const Category &c : n.categories) {
    for (const Bucket &b : c.buckets) {
      const std::vector<Scope> bucket_scopes = {{&b.id, &b.suppress}, {&c.id, &c.suppress}};
      const bool cut_here = n.part && n.part->excerpt && &c == &n.categories.back() && &b == &c.buckets.back();
      if (b.items.empty() && b.notes.empty() && !cut_here) {
        ctx.report(
            "empty-bucket", b.pos,
            {"bucket `" + b.id + "` (" + b.heading.value + ") lists no use case; remove the heading or add its items",
             "区分 `" + b.id + "`（" + b.heading.value +
                 "）に事例が1つもありません。見出しを削除するか事例を記載してください"},
            bucket_scopes);
      }
      // A bucket-wide joint-use disclosure is checked once, for the bucket.
      const bool any_joint_use = std::any_of(b.items.begin(), b.items.end(), [&](const UseCase &u) {
        return ctx.facts().reading(b, u).flow_reading.flow == FlowKind::joint_use && !u.joint_use;
      });
      if (any_joint_use && b.joint_use) {
        check_joint_use(ctx, b.joint_use, b.heading.value, b.joint_use->pos, bucket_scopes, b.id);
      }
      for (const UseCase &u : b.items) {
        check_item(ctx, c, b, u, foreign_statement);
      }
    }
  }
}

} // namespace notice::rules
