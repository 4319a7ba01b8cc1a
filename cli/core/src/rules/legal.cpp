// Legal rules that depend on the date: what the law said on the date judged. Every article number,
// date and meaning comes from the legal database (schemas/law/*.yaml); these functions only ask it.
#include "notice/legal.hpp"

#include "rules/context.hpp"
#include "rules/facts.hpp"
#include "rules/text.hpp"
#include "utf8.hpp"

#include "notice/era.hpp"
#include "notice/law.hpp"
#include "notice/lexicon.hpp"

#include <algorithm>

namespace notice::rules {
namespace {

const law::Database &db() {
  return law::Database::builtin();
}

// The sentence of `text` around byte `offset`: from the previous 。 to the next, ignoring 。 inside
// brackets (（以下「他機関」という。） does not end the sentence).
std::string_view sentence_around(std::string_view text, std::size_t offset) {
  std::size_t begin = 0;
  int depth = 0;
  std::size_t i = 0;
  std::size_t end = text.size();
  while (i < text.size()) {
    const std::size_t at = i;
    const char32_t cp = detail::next_code_point(text, i);
    if (cp == U'（' || cp == U'「' || cp == U'(' || cp == U'『') {
      ++depth;
    } else if ((cp == U'）' || cp == U'」' || cp == U')' || cp == U'』') && depth > 0) {
      --depth;
    } else if (depth == 0 && (cp == U'。' || cp == U'\n')) {
      if (at < offset) {
        begin = i;
      } else {
        end = i;
        break;
      }
    }
  }
  return text.substr(begin, end - begin);
}

// The words around an element: its own text, its bucket's heading, its category's title and intro.
std::string context_of(const TextRef &ref) {
  std::string context = ref.text->value;
  if (ref.item && ref.text != &ref.item->text) {
    context += ref.item->text.value;
  }
  if (ref.bucket) {
    context += ref.bucket->heading.value;
  }
  if (ref.category) {
    context += ref.category->title.value;
    for (const auto &t : ref.category->intro) {
      context += t.value;
    }
  }
  return context;
}

std::string law_short_name(const std::string &id) {
  const law::Law *law = db().find_law(id);
  if (!law) {
    return id;
  }
  std::string best = law->title;
  for (const auto &n : law->names) {
    if (n.size() < best.size()) {
      best = n;
    }
  }
  return best;
}

bool related(const law::Cite &a, const law::Cite &b) {
  return a.within(b) || b.within(a);
}

// What the sentence cites the article for: the concepts it names, else those of the wider context.
std::vector<const law::Provision *> named_for(const Occurrence &o) {
  std::vector<const law::Provision *> named;
  const law::Law *law = db().find_law(o.cite.law);
  if (!law) {
    return named;
  }
  for (const std::string *words : {&o.sentence, &o.context}) {
    for (const auto &p : db().provisions()) {
      if (p.law == law->id && p.named_in(*words)) {
        named.push_back(&p);
      }
    }
    if (!named.empty()) {
      break;
    }
  }
  return named;
}

// `named`: named_for(o), which does not depend on the date.
void judge_citation(Context &ctx, const Occurrence &o, const std::vector<const law::Provision *> &named) {
  const law::Law *law = db().find_law(o.cite.law);
  if (!law) {
    return;
  }
  const Date date = ctx.judge;
  // How the finding names the citation (made only for a finding).
  const auto written_as = [&] { return law_short_name(law->id) + law::format_cite(o.cite); };
  if (o.cite.paragraph && !o.cite.item &&
      std::find(law->items_only.begin(), law->items_only.end(), o.cite.article) != law->items_only.end()) {
    // 第19条第7項 for 第19条第7号: say so once, and suggest the number the concept the sentence names has on
    // the date (which may not be 第7号 any more), else the same number as an item.
    law::Cite as_item = o.cite;
    as_item.item = as_item.paragraph;
    as_item.paragraph = 0;
    std::string suggestion = law::format_cite(as_item);
    std::string suggestion_en = suggestion + " if that item is meant";
    std::string suggestion_ja = "号の誤りなら" + suggestion + "と書いてください";
    for (const law::Provision *p : named) {
      const law::Numbering *now = db().numbering(p->id, date);
      if (now && now->cite.article == o.cite.article) {
        suggestion = law::format_cite(now->cite);
        suggestion_en = suggestion + ", its number for " + p->en + " on " + to_string(date);
        suggestion_ja = to_string(date) + "時点の" + p->ja + "の条番号" + suggestion + "と書いてください";
        break;
      }
    }
    const std::string written = written_as();
    ctx.report("citation-paragraph-for-item", o.pos,
               {written + " cites a paragraph (項), but 第" + std::to_string(o.cite.article) +
                    "条 has no paragraphs: its cases are items (号); write " + suggestion_en,
                written + " は「項」を引用していますが、第" + std::to_string(o.cite.article) +
                    "条は項に分かれておらず各号で定めています。" + suggestion_ja},
               o.scopes);
    return;
  }

  if (named.empty()) {
    return; // the sentence does not say what it cites the article for: nothing to judge
  }
  const auto meaning = db().meaning(o.cite, date);
  for (const law::Provision *m : meaning) {
    if (std::find(named.begin(), named.end(), m) != named.end()) {
      return; // the number means, on this date, what the sentence says
    }
  }

  // Was it this concept's number at another time?
  for (const law::Provision *p : named) {
    const law::Numbering *now = db().numbering(p->id, date);
    for (std::size_t k = 0; k < p->numbering.size(); ++k) {
      const law::Numbering &n = p->numbering[k];
      if (&n == now || (now && n.cite == now->cite) || !related(o.cite, n.cite)) {
        continue;
      }
      const std::string current = now ? law::format_cite(now->cite) : std::string();
      // What the number means now, when a provision carries exactly that number on the date.
      std::string now_means;
      if (!meaning.empty()) {
        const law::Numbering *m = db().numbering(meaning.front()->id, date);
        now_means = m && m->cite == o.cite ? meaning.front()->ja : std::string();
      }
      if (date < n.from) {
        const std::string en_then = now ? "; on " + to_string(date) + " it was " + current
                                        : "; " + p->en + " did not exist before " + to_string(p->start());
        const std::string ja_then = now ? "。" + to_string(date) + "時点では" + current + "です"
                                        : "。" + p->ja + "は" + to_string(p->start()) + "より前には存在しません";
        const std::string written = written_as();
        ctx.report("citation-anachronistic", o.pos,
                   {written + " is cited for " + p->en + " (" + p->ja + "), but it has that number only from " +
                        to_string(n.from) + en_then,
                    p->ja + "の根拠として" + written + "を引用していますが、この条番号になったのは" +
                        to_string(n.from) + "からです" + ja_then},
                   o.scopes);
        return;
      }
      // An earlier number: stale since the first later numbering that differs (or the provision's end).
      std::optional<Date> changed = n.until ? std::optional<Date>(next_day(*n.until)) : std::nullopt;
      for (std::size_t j = k + 1; j < p->numbering.size() && !changed; ++j) {
        if (p->numbering[j].cite != n.cite) {
          changed = p->numbering[j].from;
        }
      }
      if (!changed) {
        continue;
      }
      const std::string en_now =
          now ? "; since " + to_string(*changed) + " it is " + current : "; it ceased on " + to_string(*changed);
      const std::string ja_now = now ? "。" + to_string(*changed) + "以降は" + current + "です"
                                     : "。" + to_string(*changed) + "に廃止されました";
      const std::string en_meaning =
          now_means.empty() ? "" : " (" + law::format_cite(o.cite) + " is now " + now_means + ")";
      const std::string ja_meaning =
          now_means.empty() ? "" : "（現在の" + law::format_cite(o.cite) + "は" + now_means + "）";
      const std::string written = written_as();
      ctx.report("citation-stale", o.pos,
                 {written + " is cited for " + p->en + " (" + p->ja + "), but that was its number until " +
                      to_string(previous_day(*changed)) + en_now + en_meaning,
                  p->ja + "の根拠として" + written + "を引用していますが、それは" + to_string(previous_day(*changed)) +
                      "までの条番号です" + ja_now + ja_meaning},
                 o.scopes);
      return;
    }
  }
}

// Every citation the notice makes: printed ones, and `basis:` entries unless the notice prints the same
// citation (a `basis:` records what the notice says; one finding per citation, at the printed place).
std::vector<Occurrence> citations_of(const Notice &n) {
  std::vector<Occurrence> out;
  for_each_text(n, [&](const TextRef &ref) {
    for (const law::Citation &c : law::find_citations(ref.text->value)) {
      Occurrence o;
      o.cite = c.cite;
      o.pos = locate(n, *ref.text, c.offset, c.length);
      o.sentence = std::string(sentence_around(ref.text->value, c.offset));
      o.context = context_of(ref);
      o.scopes = scopes_of(ref);
      o.item = ref.item;
      out.push_back(std::move(o));
    }
  });
  const std::size_t printed = out.size();
  for_each_item(n, [&](const Category &cat, const Bucket &b, const UseCase &u) {
    for (const Basis &basis : u.basis) {
      const std::string law = law::law_id(basis.law);
      auto cite =
          law::parse_cite("第" + basis.article + "条" + (basis.paragraph.empty() ? "" : "第" + basis.paragraph + "項") +
                          (basis.item.empty() ? "" : "第" + basis.item + "号"));
      if (!cite || law.empty() || !db().find_law(law)) {
        continue; // consent, or an article of the 附則: nothing to judge
      }
      cite->law = law;
      // The same citation printed in the item (also as 第19条第7項 for the 号 the basis records) is judged
      // there, once.
      const auto as_printed = [&](const Occurrence &o) {
        law::Cite item_form = o.cite;
        if (item_form.paragraph && !item_form.item) {
          item_form.item = item_form.paragraph;
          item_form.paragraph = 0;
        }
        return o.cite == *cite || (o.item == &u && item_form == *cite);
      };
      if (std::any_of(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(printed), as_printed)) {
        continue;
      }
      const TextRef ref{&u.text, &cat, &b, &u};
      Occurrence o;
      o.cite = *cite;
      o.pos = basis.pos;
      o.sentence = u.text.value + basis.note.value;
      o.context = context_of(ref);
      o.scopes = scopes_of(ref);
      out.push_back(std::move(o));
    }
  });
  return out;
}

void check_insurance_card(Context &ctx) {
  const Notice &n = ctx.notice();
  const Date issue_ended = db().date("insurance-card.issue-ended");
  const Date expired = db().date("insurance-card.expired");
  if (ctx.judge < issue_ended) {
    return;
  }
  ViewFacts &facts = ctx.facts();
  const bool replacement_named = facts.any_text("card-replacement");
  const Lexicon &lex = Lexicon::builtin();
  const std::size_t insurance_card = lex.list_index("insurance-card");
  const std::size_t card_current = lex.list_index("card-current");
  const std::size_t card_issue = lex.list_index("card-issue");
  for (std::size_t i = 0; i < facts.texts().size(); ++i) {
    const TextRef &ref = facts.texts()[i];
    // A list of the data held names the card's records (組合員証記号番号, 証交付情報), not its use.
    if (ref.block && ref.block->kind == Block::Kind::data_held) {
      continue;
    }
    const auto card = facts.find(insurance_card, i);
    if (!card) {
      continue;
    }
    const Position pos = locate(n, *ref.text, card->offset, card->word.size());
    const std::string word(card->word);
    if (ctx.judge >= expired && facts.any(card_current, i)) {
      ctx.report("insurance-card-abolished", pos,
                 {"no " + word + " is valid any more: new cards stopped on " + to_string(issue_ended) +
                      " and the old ones lapsed on " + to_string(previous_day(expired)) +
                      ", but this revision still describes issuing or managing them; describe the 資格確認書 "
                      "and 資格情報のお知らせ instead",
                  word + "は" + to_string(issue_ended) + "に新規発行を終了し、従前の証も" +
                      to_string(previous_day(expired)) +
                      "までに有効期限を迎えましたが、この改正版は証の発行・管理を記載しています。資格確認書・"
                      "資格情報のお知らせの記載に改めてください"},
                 scopes_of(ref));
    } else if (!replacement_named && facts.any(card_issue, i)) {
      ctx.report("insurance-card-abolished", pos,
                 {"no new " + word + " has been issued since " + to_string(issue_ended) +
                      " (replaced by the 資格確認書 and the My Number card), but this revision lists its issue and "
                      "never mentions the 資格確認書",
                  word + "は" + to_string(issue_ended) +
                      "に新規発行を終了し、資格確認書とマイナ保険証に移行しましたが、この改正版は証の発行を挙げ、"
                      "資格確認書に触れていません"},
                 scopes_of(ref));
    }
  }
}

void check_online_eligibility(Context &ctx) {
  const Notice &n = ctx.notice();
  const Date basis = db().date("online-eligibility.basis");
  const Date trial = db().date("online-eligibility.trial");
  const Date full = db().date("online-eligibility.full");
  if (ctx.judge >= full) {
    return;
  }
  ViewFacts &facts = ctx.facts();
  const std::size_t online = Lexicon::builtin().list_index("online-eligibility");
  for (std::size_t i = 0; i < facts.texts().size(); ++i) {
    const TextRef &ref = facts.texts()[i];
    const auto at = facts.find(online, i);
    if (!at) {
      continue;
    }
    const Position pos = locate(n, *ref.text, at->offset, at->word.size());
    if (ctx.judge < basis) {
      ctx.report("online-qualification-anachronistic", pos,
                 {"the オンライン資格確認 had no legal basis before " + to_string(basis) +
                      " (令和元年法律第9号), but this revision names it",
                  "オンライン資格確認は" + to_string(basis) +
                      "の法施行（令和元年法律第9号）より前には制度がありませんが、この改正版はこれを記載しています"},
                 scopes_of(ref));
    } else {
      const bool before_trial = ctx.judge < trial;
      ctx.report("online-qualification-trial", pos,
                 {std::string("the オンライン資格確認等システム ") +
                      (before_trial ? "had its legal basis but had not started (trial from " + to_string(trial) + ")"
                                    : "was in trial operation from " + to_string(trial)) +
                      "; full operation began on " + to_string(full),
                  std::string("オンライン資格確認等システムは") +
                      (before_trial ? "法的根拠はあるものの未稼働でした（プレ運用開始は" + to_string(trial) + "）"
                                    : to_string(trial) + "からプレ運用中でした") +
                      "。本格運用の開始は" + to_string(full) + "です"},
                 scopes_of(ref));
    }
  }
}

void check_guideline(Context &ctx) {
  const Notice &n = ctx.notice();
  const Date applied = db().date("guidance.applied");
  if (ctx.judge < applied) {
    return;
  }
  ViewFacts &facts = ctx.facts();
  const Lexicon &lex = Lexicon::builtin();
  const std::size_t guideline = lex.list_index("guideline");
  const std::size_t issuer = lex.list_index("guideline-issuer");
  const std::size_t guidance = lex.list_index("guidance");
  for (std::size_t i = 0; i < facts.texts().size(); ++i) {
    const TextRef &ref = facts.texts()[i];
    const auto at = facts.find(guideline, i);
    if (!at || !facts.any(issuer, i) || facts.any(guidance, i)) {
      continue;
    }
    ctx.report("guideline-superseded", locate(n, *ref.text, at->offset, at->word.size()),
               {"refers to the MHLW ガイドライン, which the ガイダンス of the 個人情報保護委員会 and MHLW (notified " +
                    to_string(db().date("guidance.notified")) + ") replaced from " + to_string(applied) +
                    " (健康保険組合等における個人情報の適切な取扱いのためのガイダンス)",
                "厚生労働省のガイドラインに言及していますが、" + to_string(applied) +
                    "から個人情報保護委員会・厚生労働省の「健康保険組合等における個人情報の適切な取扱いのための"
                    "ガイダンス」（" +
                    to_string(db().date("guidance.notified")) + "通知）に置き換えられました"},
               scopes_of(ref));
  }
}

// 匿名加工情報 and 仮名加工情報: named before they existed, or named without what must be published.
void check_processed_information(Context &ctx) {
  const Notice &n = ctx.notice();
  ViewFacts &facts = ctx.facts();
  for (const char *id : {"appi.anonymised", "appi.pseudonymised"}) {
    const law::Provision &p = db().provision(id);
    for (const auto &[i, match] : facts.keyword_texts(p)) {
      const TextRef &ref = facts.texts()[i];
      const Position pos = locate(n, *ref.text, match.offset, match.word.size());
      if (!db().numbering(p.id, ctx.judge)) {
        ctx.report("processed-information", pos,
                   {p.ja + " did not exist before " + to_string(p.start()) + " (" +
                        law::cite_on(db(), p.id, p.start()) + "), but this revision names it",
                    p.ja + "は" + to_string(p.start()) + "（" + law::cite_on(db(), p.id, p.start()) +
                        "）より前には存在しませんが、この改正版はこれを記載しています"},
                   scopes_of(ref));
        continue;
      }
      for (const auto &req : p.requires_) {
        if (ctx.judge < req.from || facts.any(p.id + "." + req.id, i)) {
          continue;
        }
        ctx.report(
            "processed-information", pos,
            {"names " + p.ja + " but does not state " + req.en + " (" + law::cite_on(db(), p.id, ctx.judge) + ")",
             p.ja + "に言及していますが、" + req.ja + "の記載がありません（" + law::cite_on(db(), p.id, ctx.judge) +
                 "）"},
            scopes_of(ref));
      }
    }
  }
}

// APPI 32条 (27条 from 2017-05-30, 24条 before): what must be published about retained data.
void check_retained_data(Context &ctx) {
  const Notice &n = ctx.notice();
  const law::Provision &p = db().provision("appi.retained-data-publication");
  if (!db().numbering(p.id, ctx.judge)) {
    return;
  }
  // One part of a larger publication: the matters may stand in the other parts.
  if (n.part) {
    return;
  }
  ViewFacts &facts = ctx.facts();
  std::vector<std::string_view> roles;
  for (const TextRef &ref : facts.texts()) {
    if (ref.block && !ref.block->role.empty()) {
      roles.push_back(ref.block->role);
    }
  }
  const auto printed = [&](const law::Requirement &req) { return facts.any_text(p.id + "." + req.id); };
  std::vector<const law::Requirement *> missing;
  for (const auto &req : p.requires_) {
    if (ctx.judge < req.from) {
      continue;
    }
    bool met = false;
    if (req.id == "name") {
      met = !n.insurer.name.empty();
    } else if (req.id == "purposes") {
      met = !n.categories.empty();
    } else if (req.id == "address") {
      met = !n.insurer.address.empty() || printed(req);
    } else if (req.id == "representative") {
      met = !n.insurer.representative.empty() || printed(req);
    } else {
      met = printed(req);
    }
    for (const auto &e : n.elsewhere) {
      met = met || std::find(e.matters.begin(), e.matters.end(), req.id) != e.matters.end();
    }
    met = met || std::find(roles.begin(), roles.end(), req.id) != roles.end();
    if (!met) {
      missing.push_back(&req);
    }
  }
  if (missing.empty()) {
    return;
  }
  std::string en;
  std::string ja;
  for (const auto *req : missing) {
    en += (en.empty() ? "" : "; ") + req->en;
    ja += (ja.empty() ? "" : "、") + req->ja;
  }
  const std::string cite = law::cite_on(db(), p.id, ctx.judge);
  ctx.report("retained-data-matters", n.title.pos,
             {"the notice does not state what " + cite + " requires to be published about retained personal data: " +
                  en + "; if another page publishes them, list it under `published_elsewhere:`",
              "保有個人データに関して" + cite + "が公表を求める事項の記載がありません: " + ja +
                  "。別のページで公表している場合は `published_elsewhere:` に記載してください"});
}

} // namespace

void check_legal_revision(Context &ctx) {
  ViewFacts &facts = ctx.facts();
  if (!facts.citations) {
    facts.citations = citations_of(ctx.notice());
    facts.named.clear();
    for (const Occurrence &o : *facts.citations) {
      facts.named.push_back(named_for(o));
    }
  }
  for (std::size_t i = 0; i < facts.citations->size(); ++i) {
    judge_citation(ctx, (*facts.citations)[i], facts.named[i]);
  }
  check_insurance_card(ctx);
  check_online_eligibility(ctx);
  check_guideline(ctx);
  check_processed_information(ctx);
  check_retained_data(ctx);
}

void check_legal_file(Context &ctx) {
  // The closing line of each revision names its date in the Japanese era; it must be the date the
  // revision takes effect.
  for (const Revision &r : ctx.notice().revisions) {
    const auto found = find_japanese_date(r.wording.value);
    // A revision seen in force has no printed date to compare; one dated by month compares months.
    if (!found || found->date == r.effective || r.dating == Revision::Dating::seen ||
        (r.dating == Revision::Dating::month && found->date.year == r.effective.year &&
         found->date.month == r.effective.month)) {
      continue;
    }
    const std::string printed = r.wording.value.substr(found->begin, found->end - found->begin);
    const std::string expected = to_japanese_date(r.effective).value_or(to_string(r.effective));
    ctx.report("revision-wording-date", locate(ctx.notice(), r.wording, found->begin, found->end - found->begin),
               {"the closing line says " + printed + " (" + to_string(found->date) +
                    "), but the revision is effective " + to_string(r.effective) + " (" + expected + ")",
                "施行日の記載が「" + printed + "」（" + to_string(found->date) +
                    "）ですが、この改正の `effective` は " + to_string(r.effective) + "（" + expected + "）です"});
  }

  // Official titles that notices commonly misspell.
  const Notice &n = ctx.notice();
  for_each_text(n, [&](const TextRef &ref) {
    const std::string &value = ref.text->value;
    for (const auto &law : db().laws()) {
      for (const auto &wrong : law.common_misspellings) {
        if (const auto at = value.find(wrong); at != std::string::npos) {
          ctx.report("law-title", locate(n, *ref.text, at, wrong.size()),
                     {"the law's official title is 「" + law.title + "」 (" + law.number + ")",
                      "法律の正式な題名は「" + law.title + "」（" + law.number + "）です"},
                     scopes_of(ref));
        }
      }
    }
  });
}

} // namespace notice::rules
