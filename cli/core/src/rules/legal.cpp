// Legal rules that depend on the date: what the law said on the revision's effective date.
// Each fact carries its date; docs/rules/<id>.md gives the source and any uncertainty.
#include "rules/context.hpp"
#include "rules/text.hpp"

#include "notice/era.hpp"

#include <algorithm>

namespace notice::rules {
namespace {

// 番号法19条: an item was inserted on 2021-09-01, moving information linkage from 第7号 to 第8号.
constexpr Date k_mynumber_19_renumbered{2021, 9, 1};
// APPI articles renumbered by the 2020/2021 amendments, in force 2022-04-01.
constexpr Date k_appi_renumbered{2022, 4, 1};
// The paper 健康保険被保険者証 stopped being issued.
constexpr Date k_card_abolished{2024, 12, 2};
// オンライン資格確認等システム: trial operation from March 2021, full operation from 2021-10-20.
constexpr Date k_online_trial{2021, 3, 1};
constexpr Date k_online_full{2021, 10, 20};
// The 2004 MHLW ガイドライン was replaced by the PPC/MHLW ガイダンス.
constexpr Date k_guidance{2017, 4, 14};

Date effective_of(const Context &ctx) {
  return parse_date(ctx.revision).value_or(Date{});
}

std::string cite(const Citation &c) {
  std::string s = "第" + std::to_string(c.article) + "条";
  if (c.article_branch) {
    s += "の" + std::to_string(c.article_branch);
  }
  if (c.paragraph) {
    s += "第" + std::to_string(c.paragraph) + "項";
  }
  if (c.item) {
    s += "第" + std::to_string(c.item) + "号";
  }
  return s;
}

bool is_linkage_context(std::string_view text) {
  return contains(text, "情報連携") || contains(text, "情報提供ネットワーク");
}

// The text an item or category speaks in: its own words plus its category's title and intro.
std::string context_of(const TextRef &ref) {
  std::string context = ref.text->value;
  if (ref.category) {
    context += ref.category->title.value;
    for (const auto &t : ref.category->intro) {
      context += t.value;
    }
  }
  return context;
}

void check_mynumber_19(Context &ctx, const Citation &c, Position pos, const std::string &context,
                       const std::vector<Scope> &scopes) {
  if (c.law != "mynumber_act" || c.article != 19 || c.article_branch != 0) {
    return;
  }
  const auto report = [&](std::string_view id, Message m) { ctx.report(id, pos, std::move(m), scopes); };
  if (c.paragraph && !c.item) {
    report("mynumber-19-paragraph",
           {"番号法" + cite(c) +
                " cites a paragraph (項), but 第19条 has no paragraphs: its cases are items (号); "
                "write 第19条第" +
                std::to_string(c.paragraph) + "号 if that item is meant",
            "番号法" + cite(c) +
                " は「項」を引用していますが、第19条は項に分かれておらず各号で定めています。"
                "号の誤りなら第19条第" +
                std::to_string(c.paragraph) + "号と書いてください"});
    return;
  }
  if (!is_linkage_context(context)) {
    return;
  }
  const Date effective = effective_of(ctx);
  if (c.item == 7 && effective >= k_mynumber_19_renumbered) {
    report("mynumber-19-stale-item",
           {"information linkage is cited as 番号法第19条第7号, but since 2021-09-01 it is 第8号 (an item was "
            "inserted before it): cite 第19条第8号",
            "情報連携を番号法第19条第7号として引用していますが、2021年9月1日に号が1つ挿入され第8号になりました。"
            "第19条第8号と改めてください"});
  } else if (c.item == 8 && effective < k_mynumber_19_renumbered) {
    report("mynumber-19-anachronistic-item",
           {"information linkage is cited as 番号法第19条第8号, but before 2021-09-01 it was 第7号: cite "
            "第19条第7号",
            "情報連携を番号法第19条第8号として引用していますが、2021年9月1日より前は第7号でした。"
            "第19条第7号と書いてください"});
  }
}

// APPI articles whose old number no longer means the same after 2022-04-01; 17, 18 and 27 exist in
// both numberings with other meanings, so they are not judged.
struct Renumbered {
  int old_article;
  int new_article;
  const char *topic;
  const char *topic_ja;
};
constexpr Renumbered k_appi[] = {
    {15, 17, "specifying purposes of use", "利用目的の特定"},
    {16, 18, "limits on use", "利用目的による制限"},
    {23, 27, "third-party provision", "第三者提供の制限"},
    {24, 28, "provision to third parties in foreign countries", "外国にある第三者への提供の制限"},
};

void check_appi(Context &ctx, const Citation &c, Position pos, const std::vector<Scope> &scopes) {
  if (c.law != "appi" || c.article_branch != 0) {
    return;
  }
  const Date effective = effective_of(ctx);
  if (effective >= k_appi_renumbered) {
    for (const auto &r : k_appi) {
      if (c.article == r.old_article) {
        ctx.report("appi-article-stale", pos,
                   {"個人情報保護法" + cite(c) + " is the numbering before 2022-04-01 (" + r.topic +
                        "); since then "
                        "it is 第" +
                        std::to_string(r.new_article) + "条",
                    "個人情報保護法" + cite(c) + " は2022年4月1日より前の条番号です（" + r.topic_ja + "）。現在は第" +
                        std::to_string(r.new_article) + "条です"},
                   scopes);
      }
    }
  } else if ((c.article == 27 && c.paragraph == 5) || c.article == 28 || c.article == 32) {
    ctx.report("appi-article-anachronistic", pos,
               {"個人情報保護法" + cite(c) +
                    " is the numbering in force from 2022-04-01, but this revision is "
                    "older; the article then was numbered differently (27条5項 was 23条5項, 28条 was 24条, 32条 was "
                    "27条)",
                "個人情報保護法" + cite(c) +
                    " は2022年4月1日以降の条番号ですが、この改正版はそれより前に施行されています"
                    "（当時は 27条5項→23条5項、28条→24条、32条→27条）"},
               scopes);
  }
}

} // namespace

void check_legal_revision(Context &ctx) {
  const Notice &n = ctx.notice();
  const Date effective = effective_of(ctx);

  // Citations in the published text.
  for_each_text(n, [&](const TextRef &ref) {
    const auto scopes = scopes_of(ref);
    const std::string context = context_of(ref);
    for (const Citation &c : find_citations(ref.text->value)) {
      const Position pos = locate(n, *ref.text, c.offset, c.length);
      check_mynumber_19(ctx, c, pos, context, scopes);
      check_appi(ctx, c, pos, scopes);
    }
  });

  // Citations recorded as structured `basis:` entries.
  for_each_item(n, [&](const Category &cat, const Bucket &b, const UseCase &u) {
    for (const Basis &basis : u.basis) {
      Citation c;
      c.law = law_id(basis.law);
      c.article = std::atoi(basis.article.c_str());
      c.paragraph = std::atoi(basis.paragraph.c_str());
      c.item = std::atoi(basis.item.c_str());
      if (c.article == 0) {
        continue;
      }
      TextRef ref{&u.text, &cat, &b, &u};
      std::string context = context_of(ref);
      const std::vector<Scope> scopes = scopes_of(ref);
      check_mynumber_19(ctx, c, basis.pos, context, scopes);
      check_appi(ctx, c, basis.pos, scopes);
    }
  });

  // Words whose meaning depends on the date.
  bool mentions_qualification_certificate = false;
  for_each_text(n, [&](const TextRef &ref) {
    mentions_qualification_certificate = mentions_qualification_certificate || contains(ref.text->value, "資格確認書");
  });
  for_each_text(n, [&](const TextRef &ref) {
    const std::string &value = ref.text->value;
    const auto scopes = scopes_of(ref);

    if (effective >= k_card_abolished && !mentions_qualification_certificate) {
      if (const auto at = value.find("被保険者証"); at != std::string::npos && contains(value, "発行")) {
        ctx.report("insurance-card-abolished", locate(n, *ref.text, at, std::string_view("被保険者証").size()),
                   {"the paper 被保険者証 has not been issued since 2024-12-02 (replaced by the 資格確認書 and the My "
                    "Number card), but this revision still lists its issue and never mentions the 資格確認書",
                    "紙の被保険者証は2024年12月2日に新規発行を終了し、資格確認書とマイナ保険証に移行しましたが、"
                    "この改正版は被保険者証の発行を挙げ、資格確認書に触れていません"},
                   scopes);
      }
    }
    if (const auto at = value.find("オンライン資格確認"); at != std::string::npos && effective < k_online_full) {
      const bool before_trial = effective < k_online_trial;
      ctx.report(before_trial ? "online-qualification-anachronistic" : "online-qualification-trial",
                 locate(n, *ref.text, at, std::string_view("オンライン資格確認").size()),
                 before_trial
                     ? Message{"the オンライン資格確認等システム did not exist before its trial operation in March "
                               "2021, but this revision is older",
                               "オンライン資格確認等システムは2021年3月のプレ運用開始前には存在しませんが、"
                               "この改正版はそれより前に施行されています"}
                     : Message{"the オンライン資格確認等システム was only in trial operation until its full operation "
                               "on 2021-10-20, and this revision is older",
                               "オンライン資格確認等システムは2021年10月20日の本格運用までプレ運用中でした。"
                               "この改正版はそれより前に施行されています"},
                 scopes);
    }
    if (effective >= k_guidance && contains(value, "ガイドライン") && contains(value, "厚生労働省") &&
        !contains(value, "ガイダンス")) {
      const auto at = value.find("ガイドライン");
      ctx.report(
          "guideline-superseded", locate(n, *ref.text, at, std::string_view("ガイドライン").size()),
          {"refers to the MHLW ガイドライン, which the ガイダンス of the 個人情報保護委員会 and MHLW replaced on "
           "2017-04-14 (健康保険組合等における個人情報の適切な取扱いのためのガイダンス)",
           "厚生労働省のガイドラインに言及していますが、2017年4月14日に個人情報保護委員会・厚生労働省の"
           "「健康保険組合等における個人情報の適切な取扱いのためのガイダンス」に置き換えられました"},
          scopes);
    }
  });
}

void check_legal_file(Context &ctx) {
  // The closing line of each revision names its date in the Japanese era; it must be the date the
  // revision takes effect.
  for (const Revision &r : ctx.notice().revisions) {
    const auto found = find_japanese_date(r.wording.value);
    if (!found || found->date == r.effective) {
      continue;
    }
    const std::string printed = r.wording.value.substr(found->begin, found->end - found->begin);
    const std::string expected = to_japanese_date(r.effective).value_or(to_string(r.effective));
    ctx.report("revision-wording-date", locate(ctx.notice(), r.wording, found->begin, found->end - found->begin),
               {"the closing line says " + printed + " (" + to_string(found->date) +
                    "), but the revision is "
                    "effective " +
                    to_string(r.effective) + " (" + expected + ")",
                "施行日の記載が「" + printed + "」（" + to_string(found->date) +
                    "）ですが、この改正の `effective` は " + to_string(r.effective) + "（" + expected + "）です"});
  }

  // Official titles that are commonly misspelt in notices.
  struct Misspelling {
    std::string_view wrong;
    std::string_view right;
  };
  static constexpr Misspelling k_titles[] = {
      {"行政手続きにおける特定の個人を識別するための番号の利用等に関する法律",
       "行政手続における特定の個人を識別するための番号の利用等に関する法律"},
      {"個人情報保護に関する法律", "個人情報の保護に関する法律"},
      {"高齢者の医療の確保に関する法", "高齢者の医療の確保に関する法律"},
      {"高齢者医療の確保に関する法律", "高齢者の医療の確保に関する法律"},
  };
  const Notice &n = ctx.notice();
  for_each_text(n, [&](const TextRef &ref) {
    const std::string &value = ref.text->value;
    const auto scopes = scopes_of(ref);
    for (const auto &t : k_titles) {
      const auto at = value.find(t.wrong);
      // 高齢者の医療の確保に関する法 is a prefix of the right title: only flag it when 律 does not follow.
      if (at == std::string::npos || value.compare(at, t.right.size(), t.right) == 0) {
        continue;
      }
      ctx.report("law-title", locate(n, *ref.text, at, t.wrong.size()),
                 {"the law's official title is 「" + std::string(t.right) + "」",
                  "法律の正式な題名は「" + std::string(t.right) + "」です"},
                 scopes);
    }
  });
}

} // namespace notice::rules
