// The notice model: what a purpose-of-use notice (個人情報の利用目的の公表) says, as data.
//
// Every value that came from a file carries the position it came from, so that rules, diffs and
// renderers can point back at the user's YAML. The loader (load.hpp) is the only producer of these
// types from files; tests may build them by hand.
#pragma once

#include "notice/date.hpp"
#include "notice/source.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace notice {

/// A string from the document with the position of its first character.
struct Text {
  std::string value;
  Position pos;

  bool empty() const { return value.empty(); }
};

/// A reference by id to a party or a data source, with the position of the id.
struct Ref {
  std::string id;
  Position pos;
};

/// How personal data moves in one use case, seen from the insurer.
enum class FlowKind {
  internal,    ///< used inside the insurer (内部での利用)
  provision,   ///< provided to another party (第三者提供, incl. provision required by law)
  outsourcing, ///< handed to a contractor acting for the insurer (委託, APPI 27条5項1号)
  joint_use,   ///< shared under joint use (共同利用, APPI 27条5項3号)
  received,    ///< received by the insurer from another body
};

/// What a bucket heading announces; each kind implies a default FlowKind for its items.
enum class BucketKind {
  internal,       ///< 【健保組合等の内部での利用に係る事例】 → internal
  external,       ///< 【他の事業者等への情報提供を伴う事例】 → provision
  review_payment, ///< 【審査支払機関への情報提供を伴う事例】 → outsourcing
  received,       ///< 【組合の事務処理執行の為、他機関より情報を受ける場合】 → received
  provided,       ///< 【他機関の事務執行の為、組合が情報を提供する場合】 → provision
  joint_use,      ///< 共同利用 → joint_use
  other,          ///< anything else → internal unless items say otherwise
};

/// What kind of body a party is; drives diagram styling and legal rules.
enum class PartyKind {
  employer,            ///< 事業主
  medical_institution, ///< 医療機関
  non_life_insurer,    ///< 損保会社等 (recovery of third-party damages)
  insurer,             ///< other health insurers (他の医療保険者)
  federation,          ///< 健康保険組合連合会 (健保連)
  review_payment_body, ///< 審査支払機関: 社会保険診療報酬支払基金, 国民健康保険団体連合会 (and 国保中央会, which runs
                       ///< the オンライン資格確認等システム with the 支払基金)
  government,          ///< 国, 厚生労働省
  public_body,         ///< municipalities and other administrative bodies (行政機関)
  contractor,          ///< outsourcing contractors (外部委託先)
  occupational_physician, ///< 産業医
  data_subject,           ///< the members themselves (被保険者等)
  other,
};

/// A legal basis claimed for a use case: a statute reference or a non-statutory ground.
struct Basis {
  std::string law;       ///< law id ("appi", "mynumber_act" …), "consent", "implied_consent" or "other"
  std::string article;   ///< 条, as written ("19", "27")
  std::string paragraph; ///< 項, may be empty
  std::string item;      ///< 号, may be empty
  Text note;             ///< free text, e.g. the wording the notice uses
  Position pos;
};

/// One entry of a joint-use disclosure as the society prints it: its own label ("2. 共同して利用される
/// 個人データの項目"), the statutory field it gives (items, scope … or empty for an entry the law does not
/// ask for, such as 共同利用の趣旨), and its lines.
struct JointUseEntry {
  Text label;
  /// The statutory fields it gives (statement, items, scope, purpose, responsible, address,
  /// representative); empty for an entry the law does not ask for.
  std::vector<std::string> fields;
  bool fields_inferred = false; ///< the fields were read from the label's wording, not written in the YAML
  std::vector<Text> lines;
  Position pos;
};

/// The items APPI 27条5項3号 requires a joint-use (共同利用) disclosure to state.
struct JointUse {
  Text heading;                       ///< a heading printed above the disclosure, if any
  std::vector<Text> intro;            ///< paragraphs printed before the entries
  std::vector<JointUseEntry> entries; ///< the entries as printed, when the society labels them itself
  Text statement;      ///< that the data is jointly used (共同利用する旨), when printed apart from the heading
  Text items;          ///< 共同して利用される個人データの項目
  Text scope;          ///< 共同して利用する者の範囲
  Text purpose;        ///< 利用する者の利用目的
  Text responsible;    ///< 責任を有する者の氏名又は名称
  Text address;        ///< its address (required since 2022-04-01)
  Text representative; ///< its representative (required since 2022-04-01)
  Position pos;
};

/// The revisions during which an element is in force: [added, removed). Empty means always.
struct Validity {
  std::optional<Date> added;
  Position added_pos;
  std::optional<Date> removed;
  Position removed_pos;

  /// True when the element is part of the revision effective on `date`.
  bool in_force(Date date) const { return (!added || *added <= date) && (!removed || date < *removed); }
};

/// A finding the author has chosen to silence here, with the reason an auditor will read.
struct Suppression {
  std::string rule;
  Text reason;
  Position pos;
};

/// One line of a printed list (a list block, a data-held list), possibly with lines nested under it.
struct ListEntry {
  Text marker; ///< as printed before the line ("・", "【1】", "①"); empty: the block's marker
  Text text;
  std::string data; ///< for a data-held list: the id of the data source the line names
  Position data_pos;
  std::vector<ListEntry> children;
  Position pos;
};

/// A labelled line ("個人情報取扱事業者の名称：…"), as printed.
struct FieldLine {
  Text label;
  std::vector<Text> value;
  Position pos;
};

/// A printed part of the notice other than the purpose categories, in document order.
struct Block {
  enum class Kind {
    paragraph, ///< one paragraph (`text`)
    heading,   ///< a heading line (`text`, `level`)
    list,      ///< a list of lines (`entries`, default `marker`)
    data_held, ///< the printed list of the personal data held (`entries`, each naming a data source)
    table,     ///< a table (`header`, `rows`, `caption`)
    fields,    ///< labelled lines (`fields`)
    section,   ///< a heading (`text`, `marker`) and blocks under it (`children`)
    joint_use, ///< a joint-use disclosure standing on its own (`joint_use`, `parties`, `data`)
    purposes,  ///< where the purpose categories are printed
  };
  Kind kind = Kind::paragraph;
  std::string id;
  Position pos;
  std::string role; ///< what the block is for: retention, contact, request-procedure, complaints, security-measures …
  Text text;
  int level = 0;
  Text marker;
  std::vector<ListEntry> entries;
  Text caption;
  std::vector<Text> header;
  std::vector<std::vector<Text>> rows;
  std::vector<FieldLine> fields;
  std::vector<Block> children;
  std::optional<JointUse> joint_use;
  std::vector<Ref> parties;
  std::vector<Ref> data;
  Validity validity;
  std::vector<Suppression> suppress;
};

/// One line of the notice (・被保険者資格の確認、…): a use of personal data.
struct UseCase {
  std::string id;
  Position pos;
  Text text;   ///< the published wording, exactly
  Text marker; ///< its own printed marker (①, ●), when `has_marker`; else its list's
  bool has_marker = false;
  std::optional<FlowKind> flow; ///< as written; see effective_flow()
  Position flow_pos;
  std::vector<Ref> parties; ///< recipients (or senders, for `received`)
  std::vector<Ref> data;    ///< data sources involved
  std::vector<Basis> basis;
  std::optional<JointUse> joint_use;
  std::vector<Text> notes;        ///< sub-lines printed under the item, if any
  std::vector<Text> note_markers; ///< the marker printed before each note ("" for none), parallel to `notes`
  std::string replaces;           ///< id of the item this one rewords, across revisions
  /// What an importer could not decide and a person has to (`flow`, `parties`, `data`); validate
  /// reports each until it is removed.
  std::vector<Text> undecided;
  Validity validity;
  std::vector<Suppression> suppress;
};

/// A bracketed group of use cases inside a category.
struct Bucket {
  std::string id;
  Position pos;
  BucketKind kind = BucketKind::other;
  bool kind_inferred = false; ///< `kind` was read from the heading's wording, not written in the YAML
  Text heading;               ///< as printed, brackets included (【…】, 〔…〕, or none)
  std::vector<UseCase> items;
  std::optional<JointUse> joint_use; ///< for kind joint_use: the disclosure for the whole bucket
  std::string item_marker;           ///< the bullet of its items, when it differs from its category's
  bool has_item_marker = false;
  std::vector<Block> notes; ///< blocks printed after its items
  Validity validity;
  std::vector<Suppression> suppress;
};

/// A numbered purpose category (1. 保険給付 …).
struct Category {
  std::string id;
  Position pos;
  std::optional<int> number; ///< 1-based as printed; absent for unnumbered notices
  Position number_pos;
  Text marker; ///< the number as printed ("1．", "２．", "(1)"); empty: none
  Text title;
  std::vector<Text> intro; ///< paragraphs between the title and the first bucket
  std::vector<Bucket> buckets;
  std::string model;            ///< id of the model category (ガイダンス 別表2) it corresponds to
  std::string item_marker;      ///< the bullet of its items, when it differs from the notice's
  bool has_item_marker = false; ///< `item_marker` was given ("" is a valid marker: bare lines)
  std::vector<Block> notes;     ///< blocks printed after its buckets
  Validity validity;
  std::vector<Suppression> suppress;
};

/// Where a class of personal data comes from, and how the law classes it.
struct DataSource {
  std::string id;
  Position pos;
  Text name;
  bool sensitive = false; ///< 要配慮個人情報 (APPI 2条3項)
  bool my_number = false; ///< 特定個人情報 (番号法 2条8項)
  Text description;
  Validity validity;
};

/// Someone the insurer sends data to or receives data from, declared once.
struct Party {
  std::string id;
  Position pos;
  Text name;
  PartyKind kind = PartyKind::other;
  bool abroad = false; ///< located in a foreign country (外国にある第三者)
  Text country;        ///< which country, as printed
  Text description;
  Validity validity;
};

/// A defined term of the preamble (以下「当組合」という。).
struct Term {
  Text term;
  Text meaning;
  Position pos;
};

/// A free paragraph (preamble, retention, contact …) in document order.
struct Paragraph {
  std::string id;
  Text text;
  Validity validity;
};

/// This file holds one part of a notice published on several pages, or only part of a page.
struct Part {
  Text of;                  ///< the whole publication this is part of (title or address)
  std::vector<Text> others; ///< the other parts (titles or addresses)
  bool excerpt = false;     ///< only part of the published text is in this file (a capture cut short)
  Text reason;              ///< why, for `excerpt`
  Position pos;
};

/// Matters the law requires to be published that the society publishes on another page.
struct Elsewhere {
  std::vector<std::string> matters; ///< requirement ids (request-procedure, complaints …)
  Text where;                       ///< the page or document, as a reader would find it
  Position pos;
};

/// Whether a revision's text is the published one or has been reconstructed.
enum class Provenance { published, reconstructed };

/// One published revision: the notice as in force from `effective`.
struct Revision {
  /// How the revision's date is known.
  enum class Dating {
    effective, ///< its 施行日, printed or known
    month,     ///< only its month is printed (平成28年10月): `effective` is the first day of the month
    seen,      ///< no date is printed: `effective` is a day on which it was seen in force
  };
  Date effective; ///< the date it is in force from, as far as known (see `dating`)
  Dating dating = Dating::effective;
  Position pos;
  Text wording;               ///< the date line as printed (令和３年９月１日施行); empty: none is printed
  bool wording_top = false;   ///< the date line is printed under the title rather than at the end
  bool wording_above = false; ///< the date line is printed above the title (a news page's post date)
  Provenance provenance = Provenance::published;
  Text source;               ///< where the text comes from, or how it was reconstructed
  std::vector<Text> changes; ///< what this revision changed, in words
};

/// Identifies the society that publishes the notice.
struct Insurer {
  Text name;
  std::string kind; ///< an insurer kind of schemas/kinds.yaml: "kenpo", "kokuho_kumiai", "kyosai_national" …
  Text address;
  Text representative;
};

/// Presentation details that are part of the published form.
struct Style {
  std::string item_marker = "・";
  bool category_markers_drawn = false; ///< category numbers are drawn by an HTML list, not typed
};

/// A whole notice file: all its revisions at once. Use `at()` for one revision's view.
struct Notice {
  std::string path;                     ///< the file it was loaded from, as given by the user
  std::shared_ptr<const Source> source; ///< its text, to locate positions inside values; may be null
  int schema_version = 0;
  Insurer insurer;
  Text title;                    ///< the title line (the first, when several are printed); may be empty
  std::vector<Text> title_lines; ///< further title lines printed after it (subtitle, name line)
  std::vector<Term> terms;
  std::vector<Paragraph> preamble;
  std::vector<DataSource> data;
  std::vector<Party> parties;
  std::vector<Category> categories;
  std::vector<Paragraph> postscript;
  std::vector<Revision> revisions;  ///< in file order; validate checks they ascend
  std::vector<Elsewhere> elsewhere; ///< required matters published on other pages
  std::vector<Block> body;          ///< printed blocks besides the categories, in order (see Block::purposes)
  std::optional<Part> part;         ///< this file is one part of a larger publication, or an excerpt
  Style style;
};

/// The statutory fields of a joint-use disclosure, in the order the law lists them.
inline constexpr const char *k_joint_use_fields[] = {"statement",   "items",   "scope",         "purpose",
                                                     "responsible", "address", "representative"};

/// The member of `j` that holds statutory field `field`; nullptr for another name.
Text *joint_use_field(JointUse &j, std::string_view field);
const Text *joint_use_field(const JointUse &j, std::string_view field);

/// How an item's flow was decided, for rules that judge only what the author stated and for
/// `validate --explain`.
struct FlowReading {
  enum class Source {
    stated,  ///< the item's own `flow:`
    bucket,  ///< the default of its bucket's kind
    wording, ///< read from the item's wording (`word`) in a bucket that does not decide it
  };
  FlowKind flow = FlowKind::internal;
  Source source = Source::bucket;
  std::string word; ///< for Source::wording: the word that decided it
};

/// The flow of `item` and how it was decided: its own `flow`; else, in a bucket whose kind implies
/// provision or says nothing (other), its wording when that names another flow (委託 → outsourcing,
/// 共同利用 → joint use, 受ける → received, 提供 → provision); else the default of the bucket's kind.
FlowReading read_flow(const UseCase &item, const Bucket &bucket);

/// read_flow(item, bucket).flow.
FlowKind effective_flow(const UseCase &item, const Bucket &bucket);

/// What a bucket heading announces, read from its wording (lexicon lists bucket-heading.<kind>);
/// BucketKind::other when it names none. The loader uses it for buckets without `kind:`.
BucketKind read_bucket_kind(std::string_view heading);

/// The flow implied by a bucket kind.
FlowKind default_flow(BucketKind kind);

/// The revision in force on `date`, or nullptr when `date` precedes every revision.
const Revision *revision_at(const Notice &notice, Date date);

/// The latest revision, or nullptr when the notice lists none.
const Revision *latest_revision(const Notice &notice);

/// A copy of `notice` with only the elements in force on `date`; `revisions` keeps those up to it.
Notice at(const Notice &notice, Date date);

/// Lookups by id; nullptr when absent.
const Party *find_party(const Notice &notice, std::string_view id);
const DataSource *find_data(const Notice &notice, std::string_view id);

/// Stable lowercase names used in YAML, JSON and messages ("outsourcing", "review_payment" …).
std::string_view to_string(FlowKind kind);
std::string_view to_string(BucketKind kind);
std::string_view to_string(PartyKind kind);
std::string_view to_string(Provenance provenance);

/// The words a Japanese message uses for a flow: 内部利用, 提供, 委託, 共同利用, 受領.
std::string_view label_ja(FlowKind kind);

/// Parse the names above; std::nullopt for an unknown name.
std::optional<FlowKind> parse_flow_kind(std::string_view name);
std::optional<BucketKind> parse_bucket_kind(std::string_view name);
std::optional<PartyKind> parse_party_kind(std::string_view name);

} // namespace notice
