#include "notice/diff.hpp"
#include "notice/document_text.hpp"
#include "notice/import.hpp"
#include "notice/load.hpp"
#include "notice/render.hpp"
#include "notice/rules.hpp"
#include "notice/yaml_write.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace notice;

namespace {

namespace fs = std::filesystem;

// The text without any whitespace (ASCII, U+3000, U+00A0): what the round trip must keep.
std::string squeezed(const std::string &text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      continue;
    }
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) { // U+3000
      i += 2;
      continue;
    }
    if (text.compare(i, 2, "\xC2\xA0") == 0) { // U+00A0
      i += 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string without_drawn_bullets(std::string text) {
  for (std::size_t at = text.find("•"); at != std::string::npos; at = text.find("•", at)) {
    text.erase(at, std::string_view("•").size());
  }
  return text;
}

std::string joined(const std::vector<std::string> &lines) {
  std::string out;
  for (const auto &l : lines) {
    out += l + "\n";
  }
  return out;
}

DocumentText read_text(const std::string &name, const std::string &text) {
  ReadOptions options;
  options.format = DocumentFormat::text;
  return read_document_bytes(name, text, options);
}

ImportResult import_text(const std::string &text) {
  ImportOptions options;
  options.effective = Date{2026, 12, 1};
  return import_document(read_text("n.txt", text), options);
}

Notice reload(const ImportResult &r) {
  YamlWriteOptions options;
  options.comments = &r.comments;
  const std::string yaml = write_notice_yaml(r.notice, options);
  LoadResult loaded = load_text("imported.yaml", yaml);
  std::string problems;
  for (const auto &d : loaded.diagnostics) {
    problems += format_diagnostic(d) + "\n";
  }
  INFO(problems << yaml);
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.notice);
  return std::move(*loaded.notice);
}

std::string read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST_CASE("import recognises title, categories, buckets, items and dates", "[import]") {
  const ImportResult r = import_text("個人情報の利用目的\n"
                                     "当組合（以下「当組合」という。）は次のとおり利用します。\n"
                                     "１．被保険者等に対する保険給付に必要な利用目的\n"
                                     "【健保組合等の内部での利用に係る事例】\n"
                                     "・保険給付及び付加給付の実施\n"
                                     "【他の事業者等への情報提供を伴う事例】\n"
                                     "・第三者行為に係る損保会社等への求償\n"
                                     "・海外療養費に係る翻訳の外部委託\n"
                                     "２．保健事業に必要な利用目的\n"
                                     "〔健保組合等の内部での利用に係る事例〕\n"
                                     "○健康増進施設の運営\n"
                                     "令和３年９月１日施行\n"
                                     "令和３年１０月２９日から改正施行する。\n");
  const Notice &n = r.notice;
  CHECK(n.title.value == "個人情報の利用目的");
  REQUIRE(n.preamble.size() == 1);
  REQUIRE(n.terms.size() == 1);
  CHECK(n.terms[0].term.value == "当組合");
  REQUIRE(n.categories.size() == 2);
  CHECK(n.categories[0].marker.value == "１．");
  CHECK(n.categories[0].number == 1);
  CHECK(n.categories[0].model == "benefits");
  CHECK(n.categories[1].marker.value == "２．");
  CHECK(n.categories[1].model == "health_services");
  REQUIRE(n.categories[0].buckets.size() == 2);
  CHECK(n.categories[0].buckets[0].kind == BucketKind::internal);
  CHECK(n.categories[0].buckets[1].kind == BucketKind::external);
  const auto &external = n.categories[0].buckets[1].items;
  REQUIRE(external.size() == 2);
  CHECK(external[0].text.value == "第三者行為に係る損保会社等への求償");
  REQUIRE(external[0].parties.size() == 1);
  CHECK(external[0].parties[0].id == "non-life-insurer");
  CHECK(external[1].flow == FlowKind::outsourcing);
  CHECK(n.categories[1].buckets[0].has_item_marker);
  CHECK(n.categories[1].buckets[0].item_marker == "○");
  REQUIRE(n.revisions.size() == 2);
  CHECK(n.revisions[0].effective == Date{2021, 9, 1});
  CHECK(n.revisions[0].provenance == Provenance::reconstructed);
  CHECK(n.revisions[1].effective == Date{2021, 10, 29});
  CHECK(n.revisions[1].wording.value == "令和３年１０月２９日から改正施行する。");
  CHECK(r.counts.items == 4);
  CHECK(r.counts.flows_undecided == 0);
  const Notice back = reload(r);
  CHECK(squeezed(joined(printed_lines(back))) == squeezed(joined(printed_lines(n))));
}

TEST_CASE("a legend decides what each bullet means", "[import]") {
  const ImportResult r = import_text("個人情報の利用目的\n"
                                     "当組合が使用する個人情報の主な利用目的は以下のとおりです。\n"
                                     "● 健康保険組合の内部での利用に係る事例　 ○ 他の事業者等への情報提供を伴う事例\n"
                                     "1. 被保険者等に対する保険給付\n"
                                     "  • ● 保険給付および付加給付の実施\n"
                                     "  • ○ 第三者行為に係る損害保険会社等への求償\n"
                                     "2. 保健事業\n"
                                     "● 健康相談\n");
  const Notice back = reload(r);
  REQUIRE(back.categories.size() == 2);
  // The legend is kept as printed, not read as an item.
  REQUIRE(back.preamble.size() == 2);
  CHECK(back.preamble[1].text.value.find("● 健康保険組合の内部") == 0);
  const auto &benefits = back.categories[0];
  REQUIRE(benefits.buckets.size() == 2);
  CHECK(benefits.buckets[0].kind == BucketKind::internal);
  CHECK(benefits.buckets[1].kind == BucketKind::external);
  CHECK(benefits.buckets[0].items[0].text.value == "保険給付および付加給付の実施");
  CHECK(benefits.buckets[1].items[0].text.value == "第三者行為に係る損害保険会社等への求償");
  CHECK(back.style.item_marker == "● ");
  CHECK(benefits.buckets[1].item_marker == "○ ");
  REQUIRE(back.categories[1].buckets.size() == 1);
  CHECK(back.categories[1].buckets[0].kind == BucketKind::internal);
  // One bullet alone, or a bullet followed by words that name no bucket, is no legend.
  const ImportResult plain = import_text("個人情報の利用目的\n"
                                         "1. 保険給付\n"
                                         "● 内部での利用に係る事例　 ○ 保険給付の実施\n");
  CHECK(plain.notice.categories.at(0).buckets.at(0).kind == BucketKind::other);
}

TEST_CASE("items numbered in another form than their category, and numbered sub-lines", "[import]") {
  const ImportResult r = import_text("国保組合で保有する個人情報と通常の業務での利用目的\n"
                                     "1 被保険者に対する保険給付に必要な情報と利用目的\n"
                                     "①受診のあった医療機関からの診療報酬明細書(レセプト)情報\n"
                                     "1)受診した医療機関名などの記載があります。\n"
                                     "2)保険給付のために利用します。\n"
                                     "②所得情報\n"
                                     "1)70歳以上の方の給付率判定のために利用します。\n"
                                     "2 保険給付にかかわって他の事業者に情報提供を行っていること\n"
                                     "①郵便局に資格情報が提供されています。\n");
  const Notice back = reload(r);
  REQUIRE(back.categories.size() == 2);
  const auto &items = back.categories[0].buckets.at(0).items;
  REQUIRE(items.size() == 2);
  CHECK(items[0].marker.value == "①");
  CHECK(items[0].text.value == "受診のあった医療機関からの診療報酬明細書(レセプト)情報");
  REQUIRE(items[0].notes.size() == 2);
  CHECK(items[0].note_markers[1].value == "2)");
  CHECK(items[1].notes.at(0).value == "70歳以上の方の給付率判定のために利用します。");
  CHECK(back.categories[1].marker.value == "2 ");
  CHECK(back.categories[1].buckets.at(0).items.at(0).marker.value == "①");
  // An item under a drawn bullet keeps its typed number; a category numbered (1) with no purpose word
  // is one when (2) is.
  const ImportResult drawn = import_text("保有する個人情報の利用目的\n"
                                         "(1)組合員・被扶養者の資格取得\n"
                                         "  • ①資格の得喪\n"
                                         "(2)短期給付事業\n"
                                         "  • 保健給付\n");
  const Notice d = reload(drawn);
  REQUIRE(d.categories.size() == 2);
  CHECK(d.categories[0].title.value == "組合員・被扶養者の資格取得");
  CHECK(d.categories[0].buckets.at(0).items.at(0).marker.value == "①");
  CHECK(d.categories[1].buckets.at(0).items.at(0).text.value == "保健給付");
  // A numbered title that is a sentence introducing its list is a category.
  const ImportResult lead = import_text("個人情報の利用目的\n"
                                        "1.適用関係の各種届出などについては、次のように業務に利用します。\n"
                                        "  1. 被保険者資格取得届の記載事項\n");
  const Notice l = reload(lead);
  REQUIRE(l.categories.size() == 1);
  CHECK(l.categories[0].buckets.at(0).items.at(0).marker.value == "1. ");
}

TEST_CASE("a purpose table printed as lines, and a page flattened to one line", "[import]") {
  const ImportResult r = import_text("個人情報の利用目的\n"
                                     "利用目的\n"
                                     "資格適用関係情報 ・資格等の確認\n"
                                     "・被保険者証等の発行\n"
                                     "給付金関係情報 ・第三者行為に係る損保会社等への求償\n");
  const Notice back = reload(r);
  REQUIRE(back.categories.size() == 2);
  CHECK(back.categories[0].title.value == "資格適用関係情報");
  REQUIRE(back.categories[0].buckets.at(0).items.size() == 2);
  CHECK(back.categories[0].buckets[0].items[0].text.value == "資格等の確認");
  CHECK(back.categories[1].buckets.at(0).items.at(0).text.value == "第三者行為に係る損保会社等への求償");

  const ImportResult flat = import_text(
      "特定個人情報保護への取り組みについて (平成 28 年 10 月) 当組合が保有する個人情報のうち、個 人番号が付された"
      "情報を特定個人情報として取り扱います。 この特定個人情報については、番号法第 19 条第 7 項に基づいて情報連携に"
      "利用します。 【当組合の事務処理執行のため、他機関より情報を受ける場合】 ・傷病手当金等の給付情報等 ・高齢受給"
      "者負担区分判定等にかかる課税・非課税情報 【他機関の事務執行のため、当組合が情報を提供する場合】 ・他機関の給付事"
      "務にかかる組合における保険給付関連情報\n");
  const Notice f = reload(flat);
  CHECK(f.title.value == "特定個人情報保護への取り組みについて");
  REQUIRE(f.revisions.size() == 1);
  CHECK(f.revisions[0].wording.value == "(平成28年10月)");
  REQUIRE(f.preamble.size() == 2);
  CHECK(f.preamble[0].text.value ==
        "当組合が保有する個人情報のうち、個人番号が付された情報を特定個人情報として取り扱います。");
  REQUIRE(f.categories.size() == 1);
  REQUIRE(f.categories[0].buckets.size() == 2);
  CHECK(f.categories[0].buckets[0].kind == BucketKind::received);
  CHECK(f.categories[0].buckets[0].items.size() == 2);
  CHECK(f.categories[0].buckets[1].items.at(0).text.value == "他機関の給付事務にかかる組合における保険給付関連情報");
  // A long line with no such structure stays whole.
  const std::string paragraph(300 * 3, 'x');
  const ImportResult whole = import_text("個人情報の利用目的\n" + paragraph + "。\n");
  REQUIRE(whole.notice.body.size() == 1);
  CHECK(whole.notice.body[0].text.value == paragraph + "。");
}

TEST_CASE("joint-use disclosures around the purposes become joint_use blocks", "[import]") {
  const ImportResult r = import_text("個人情報の共同利用\n"
                                     "当健康保険組合が個人情報を共同利用するものは下記の通りです。\n"
                                     "1.被保険者の健康診断\n"
                                     "当健康保険組合では、健康診断を共同実施し、健診データを共同で利用しています。\n"
                                     "①共同利用する個人情報の項目\n"
                                     "被保険者の健診データ\n"
                                     "②共同利用者の範囲\n"
                                     "  • 事業所所属産業医\n"
                                     "  • 健康保険組合担当者\n"
                                     "③共同利用目的\n"
                                     "健康の保持・増進のための保健指導\n"
                                     "④個人情報の管理責任者\n"
                                     "当健康保険組合常務理事\n"
                                     "2.高額医療給付に関する交付金交付事業\n"
                                     "個人情報の目次・・・・・・・・ 5\n");
  const Notice back = reload(r);
  CHECK(r.counts.joint_use == 1);
  const auto joint =
      std::find_if(back.body.begin(), back.body.end(), [](const Block &b) { return b.kind == Block::Kind::joint_use; });
  REQUIRE(joint != back.body.end());
  REQUIRE(joint->joint_use);
  const JointUse &j = *joint->joint_use;
  CHECK(j.heading.value == "1.被保険者の健康診断");
  REQUIRE(j.intro.size() == 1);
  REQUIRE(j.entries.size() == 4);
  CHECK(j.entries[1].label.value == "②共同利用者の範囲");
  // The bullets the browser drew are not part of the lines.
  CHECK(j.entries[1].lines.size() == 2);
  CHECK(j.entries[1].lines[0].value == "事業所所属産業医");
  // The next numbered section ends the last entry.
  CHECK(j.entries[3].lines.size() == 1);
  // The loader reads the statutory fields from the labels.
  CHECK(j.items.value == "被保険者の健診データ");
  CHECK(j.responsible.value == "当健康保険組合常務理事");
  CHECK(joint + 1 != back.body.end());
  CHECK((joint + 1)->text.value == "2.高額医療給付に関する交付金交付事業");
  // A heading that names joint use, paragraphs and a list: entries named, fields not stated.
  const ImportResult listed = import_text("個人情報保護について\n"
                                          "当組合は、個人情報を適切に保護します。\n"
                                          "個人情報の共同利用について\n"
                                          "当組合が共同利用する事業は以下のとおりです。\n"
                                          "  1. 健保連との共同事業「高額医療給付に関する交付金交付事業」\n"
                                          "  2. 事業主との共同事業「健康診断・人間ドック等健診事業」\n");
  const Notice l = reload(listed);
  REQUIRE(l.body.size() == 2);
  REQUIRE(l.body[1].joint_use);
  CHECK(l.body[1].joint_use->heading.value == "個人情報の共同利用について");
  CHECK(l.body[1].joint_use->entries.size() == 2);
}

TEST_CASE("the data the text says it holds become data sources, and items naming them refer to them", "[import]") {
  const ImportResult r = import_text(
      "個人情報の利用目的\n"
      "当組合は、被保険者やその家族（以下「加入者」という。）からいただいた各種届出や申請書などに記載されている個人情"
      "報、医療機関等から請求される「診療報酬明細書（以下「レセプト」という。）」に記載されている個人情報、健康診査を"
      "受けられた際の結果数値等の個人情報を基に、個人情報データベースを作成し、保有しています。\n"
      "1. 保険給付\n"
      "・レセプトの内容点検\n"
      "・保険給付の実施\n"
      "2. 保健事業\n"
      "・特定健康診査の実施\n");
  const Notice back = reload(r);
  // The defined term's meaning runs back past の to the comma.
  REQUIRE(back.terms.size() >= 1);
  CHECK(back.terms[0].term.value == "加入者");
  CHECK(back.terms[0].meaning.value == "被保険者やその家族");
  // 各種届出や申請書 is held too, but no item names it: declared, validate would call it unused.
  REQUIRE(back.data.size() == 2);
  CHECK(back.data[0].id == "receipts");
  CHECK(back.data[0].name.value ==
        "医療機関等から請求される「診療報酬明細書（以下「レセプト」という。）」に記載されている個人情報");
  CHECK(back.data[0].sensitive);
  CHECK_FALSE(back.data[0].my_number);
  CHECK(back.data[1].name.value == "健康診査を受けられた際の結果数値等の個人情報");
  CHECK(back.data[1].sensitive);
  const auto &benefits = back.categories.at(0).buckets.at(0).items;
  REQUIRE(benefits.size() == 2);
  REQUIRE(benefits[0].data.size() == 1);
  CHECK(benefits[0].data[0].id == "receipts");
  CHECK(benefits[1].data.empty());
  CHECK(back.categories.at(1).buckets.at(0).items.at(0).data.at(0).id == "checkups");
  // Text that does not say what is held declares nothing.
  CHECK(import_text("個人情報の利用目的\n1. 保険給付\n・レセプトの内容点検\n").notice.data.empty());
}

TEST_CASE("long texts come back whole: many lines, one long line", "[import]") {
  // Lookaheads asked line by line made these quadratic (40,000 lines took minutes, 10,000 about 18 s);
  // they are computed once now. The results are checked, not the time (sizes kept small enough for
  // the sanitizer build).
  std::string many = "個人情報の利用目的\n1. 保険給付\n";
  for (int i = 0; i < 10000; ++i) {
    many += "・給付" + std::to_string(i) + "\n";
  }
  many += "令和3年9月1日施行\n";
  const ImportResult r = import_text(many);
  CHECK(r.counts.items == 10000);
  REQUIRE(r.notice.revisions.size() == 1);
  CHECK(r.notice.revisions[0].effective == Date{2021, 9, 1});
  std::string line;
  for (int i = 0; i < 30000; ++i) {
    line += "あ (い ";
  }
  const ImportResult one = import_text("個人情報の利用目的\n" + line + "\n");
  REQUIRE(one.notice.body.size() == 1);
  CHECK(one.notice.body[0].text.value == line.substr(0, line.size() - 1));
}

TEST_CASE("numbers drawn by lists, a lone その他, and data held beside the purposes", "[import]") {
  // Each category its own one-item HTML list: the browser draws 「1.」 before every one.
  const Notice drawn = reload(import_text("個人情報の利用目的\n"
                                          "1. 保険給付に必要な利用目的\n"
                                          "・保険給付の実施\n"
                                          "1. 保健事業に必要な利用目的\n"
                                          "・健康相談\n"));
  CHECK(drawn.style.category_markers_drawn);
  REQUIRE(drawn.categories.size() == 2);
  CHECK(drawn.categories[1].number == 2);
  CHECK(drawn.categories[1].marker.value == "1. ");
  const Notice typed = reload(import_text("個人情報の利用目的\n1. 保険給付\n・実施\n2. 保健事業\n・相談\n"));
  CHECK_FALSE(typed.style.category_markers_drawn);

  const Notice other = reload(import_text("個人情報の利用目的\n"
                                          "運営の安定化に必要な利用目的\n"
                                          "[国保組合の内部での利用に係る事例]\n"
                                          "- 医療費分析\n"
                                          "その他\n"
                                          "[国保組合の内部での利用に係る事例]\n"
                                          "- 基礎資料\n"));
  REQUIRE(other.categories.size() == 2);
  CHECK(other.categories[1].title.value == "その他");
  CHECK(other.categories[1].model == "other");

  const ImportResult held = import_text("個人情報の利用目的\n"
                                        "組合員等の資格関係\n"
                                        "  • 組合員の資格の得喪・異動管理\n"
                                        "組合員台帳情報(氏名、性別、生年月日、組合員証記号番号)\n"
                                        "異動記録情報(異動年月日、異動事由)\n"
                                        "証交付の記録\n");
  const Notice h = reload(held);
  const auto &buckets = h.categories.at(0).buckets;
  REQUIRE(buckets.at(0).items.size() == 1);
  REQUIRE(buckets[0].notes.size() == 2);
  CHECK(buckets[0].notes[0].kind == Block::Kind::data_held);
  CHECK(buckets[0].notes[0].entries.size() == 2);
  // A line after the data held stays after it.
  CHECK(buckets[0].notes[1].text.value == "証交付の記録");
}

TEST_CASE("what the text does not decide is marked undecided and reported by validate", "[import]") {
  const ImportResult r = import_text("個人情報の利用目的\n"
                                     "1.保健事業に必要な利用目的\n"
                                     "・健康増進施設の運営\n"
                                     "【他の事業者等への情報提供を伴う事例】\n"
                                     "・データの提供\n");
  const auto &items = r.notice.categories.at(0).buckets;
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].items.at(0).undecided.size() == 1);
  CHECK(items[0].items.at(0).undecided[0].value == "flow");
  REQUIRE(items[1].items.at(0).undecided.size() == 1);
  CHECK(items[1].items.at(0).undecided[0].value == "parties");
  CHECK(import_summary(r.counts).back() == "1 items need a flow; 1 parties unknown");
  const Notice back = reload(r);
  const auto findings = check_notice(back, {});
  int undecided = 0;
  for (const auto &d : findings) {
    undecided += d.rule_id == "import-undecided" ? 1 : 0;
  }
  CHECK(undecided == 2);
}

TEST_CASE("dates in any era, digit width and spacing", "[import]") {
  const auto date_of = [](const std::string &text) {
    const ImportResult r = import_text("個人情報の利用目的\n本文です。\n" + text + "\n");
    REQUIRE(r.notice.revisions.size() == 1);
    return std::make_pair(r.notice.revisions[0].effective, r.notice.revisions[0].dating);
  };
  CHECK(date_of("令和３年１０月２９日から改正施行").first == Date{2021, 10, 29});
  CHECK(date_of("平成28年10月").second == Revision::Dating::month);
  CHECK(date_of("平成28年10月").first == Date{2016, 10, 1});
  CHECK(date_of("更新日: 2021年06月01日").first == Date{2021, 6, 1});
  CHECK(date_of("2005 年 4 月 28 日 新規制定").first == Date{2005, 4, 28});
  CHECK(date_of("令和元年5月1日施行").first == Date{2019, 5, 1});
}

TEST_CASE("import of the bundled notice's rendered text reproduces its structure", "[import]") {
  const LoadResult loaded = load_file(std::string(NOTICE_SOURCE_DIR) + "/notice/acom-kenpo.yaml");
  REQUIRE(loaded.notice);
  const Notice &bundled = *loaded.notice;
  const Date latest = bundled.revisions.back().effective;
  const std::string text = render_notice(bundled, latest, {});
  const ImportResult r = import_text(text);
  const Notice view = at(bundled, latest);
  REQUIRE(r.notice.categories.size() == view.categories.size());
  int flows_checked = 0;
  std::vector<std::string> disagreements;
  for (std::size_t c = 0; c < view.categories.size(); ++c) {
    const Category &want = view.categories[c];
    const Category &got = r.notice.categories[c];
    INFO(want.id);
    CHECK(got.marker.value == want.marker.value);
    CHECK(got.title.value == want.title.value);
    REQUIRE(got.buckets.size() == want.buckets.size());
    for (std::size_t b = 0; b < want.buckets.size(); ++b) {
      CHECK(got.buckets[b].heading.value == want.buckets[b].heading.value);
      CHECK(got.buckets[b].kind == want.buckets[b].kind);
      REQUIRE(got.buckets[b].items.size() == want.buckets[b].items.size());
      for (std::size_t i = 0; i < want.buckets[b].items.size(); ++i) {
        const UseCase &w = want.buckets[b].items[i];
        const UseCase &g = got.buckets[b].items[i];
        CHECK(g.text.value == w.text.value);
        // Where the text decides the flow (bucket heading or wording), import agrees with the author.
        const bool flow_open =
            std::any_of(g.undecided.begin(), g.undecided.end(), [](const Text &t) { return t.value == "flow"; });
        if (!flow_open) {
          if (effective_flow(g, got.buckets[b]) != effective_flow(w, want.buckets[b])) {
            disagreements.push_back(w.id);
          }
          ++flows_checked;
        }
      }
    }
  }
  // Every item's flow is decided by its bucket heading or its wording in the bundled notice.
  CHECK(flows_checked == r.counts.items);
  // One disagreement, known: the bundled notice records the registration with the オンライン資格確認等
  // システム as outsourcing (the 審査支払機関 act for the insurer: domain knowledge), while its wording
  // is printed under 【他機関の事務執行の為、組合が情報を提供する場合】, whose kind import reads as provision.
  CHECK(disagreements == std::vector<std::string>{"online-registration"});
  CHECK(r.notice.title.value == bundled.title.value);
  REQUIRE(r.notice.revisions.size() == 2);
  CHECK(r.notice.revisions[1].effective == latest);
}

TEST_CASE("two imported revisions diff as the hand-written ones do: ids come from the wording", "[import]") {
  // The bundled notice's text as published on 2021-09-01 and on 2021-10-29, each imported alone: the
  // diff of the two imports reports the same changes as the diff of the hand-written revisions
  // (parties aside, which the hand-written YAML declares and the import names only where the
  // wording does). Positional ids would pair different items whenever one is inserted before them.
  const LoadResult loaded = load_file(std::string(NOTICE_SOURCE_DIR) + "/notice/acom-kenpo.yaml");
  REQUIRE(loaded.notice);
  const Notice &bundled = *loaded.notice;
  const Date before{2021, 9, 1};
  const Date after{2021, 10, 29};
  const Notice old_import = reload(import_text(render_notice(bundled, before, {})));
  const Notice new_import = reload(import_text(render_notice(bundled, after, {})));
  const auto summary = [](const Diff &d) {
    std::vector<std::string> out;
    for (const Change &c : d.changes) {
      if (c.element == ElementKind::party) {
        continue;
      }
      const auto &side = c.new_side ? c.new_side : c.old_side;
      out.push_back(std::to_string(static_cast<int>(c.kind)) + " " + std::to_string(static_cast<int>(c.element)) + " " +
                    (side ? side->text : std::string()));
    }
    return out;
  };
  const auto imported = summary(diff_notices(old_import, new_import));
  const auto written = summary(diff_notices(at(bundled, before), at(bundled, after)));
  CHECK(imported.size() >= 8);
  CHECK(imported == written);

  // An item inserted at the top of a bucket is one added item; the others keep their ids.
  const std::string head = "個人情報の利用目的\n１．被保険者等に対する保険給付に必要な利用目的\n"
                           "【健保組合等の内部での利用に係る事例】\n";
  const Notice v1 = reload(import_text(head + "・保険給付及び付加給付の実施\n・高額療養費の自動払い\n"));
  const Notice v2 =
      reload(import_text(head + "・傷病手当金の支給\n・保険給付及び付加給付の実施\n・高額療養費の自動払い\n"));
  const Diff inserted = diff_notices(v1, v2);
  std::vector<std::string> kinds;
  for (const Change &c : inserted.changes) {
    if (c.element == ElementKind::item) {
      kinds.push_back(std::to_string(static_cast<int>(c.kind)) + " " + (c.new_side ? c.new_side->text : ""));
    }
  }
  CHECK(kinds == std::vector<std::string>{std::to_string(static_cast<int>(ChangeKind::added)) + " 傷病手当金の支給"});
}

TEST_CASE("every corpus text is imported whole: its printed text comes back", "[import]") {
  const fs::path root = fs::path(NOTICE_SOURCE_DIR) / "tests" / "data" / "real";
  std::vector<fs::path> sources;
  for (const auto &entry : fs::directory_iterator(root)) {
    if (fs::exists(entry.path() / "source.txt")) {
      sources.push_back(entry.path() / "source.txt");
    }
  }
  std::sort(sources.begin(), sources.end());
  CHECK(sources.size() >= 35);
  for (const auto &source : sources) {
    INFO(source.parent_path().filename().string());
    const std::string text = read_file(source);
    ImportOptions options;
    options.effective = Date{2026, 12, 1};
    const ImportResult r = import_document(read_document(source.string()), options);
    const Notice back = reload(r);
    // A bullet the browser drew (•) under a typed one (「• ● 被保険者資格の確認」) is not kept: the
    // typed bullet is the item's marker. Elsewhere • is kept as printed, so both sides drop it.
    CHECK(without_drawn_bullets(squeezed(joined(printed_lines(back)))) == without_drawn_bullets(squeezed(text)));
  }
}
