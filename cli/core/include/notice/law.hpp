// The law as data: which article of which law says what, numbered as on which date, and the dated
// facts around the statutes (when a system started, when a guideline was replaced).
//
// The facts live in schemas/law/*.yaml, compiled into the library; each entry names the document it
// was read from and whether it is confirmed. Rules and diff classes ask questions of this database
// ("how is appi.joint-use numbered on 2019-06-01?", "what does 個人情報保護法第28条 mean on that
// date?"); no article number or statutory date is written in C++. docs/law.md explains the files.
#pragma once

#include "notice/date.hpp"
#include "notice/diagnostic.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace notice::law {

/// Where a fact was read, and how sure it is.
struct SourceRef {
  std::string id;       ///< short id, unique within the database
  std::string document; ///< what the document is (e-Gov law text as in force on …, PPC Q&A …)
  std::string url;      ///< where it was read; may be empty for printed sources
  std::string read;     ///< when it was read (YYYY-MM-DD)
};

/// How sure a fact is: read in the statute or an official page; read in a reliable secondary source
/// or inferred from primary text (the note says which); or not confirmed at all.
enum class Certainty { confirmed, secondary, uncertain };

/// A position in a statute: 第N条(のB)第P項第I号; zero for absent parts.
struct Cite {
  std::string law; ///< law id ("appi", "mynumber_act" …); may be empty for an unnamed law
  int article = 0;
  int branch = 0; ///< the B of 第N条のB
  int paragraph = 0;
  int item = 0;

  auto operator<=>(const Cite &) const = default;

  /// True when this cite is `other` or lies inside it (第27条第5項 contains 第27条第5項第3号).
  bool within(const Cite &other) const;
};

/// The number a provision carries from `from` on (until the next entry, or `until`).
struct Numbering {
  Date from;
  std::optional<Date> until; ///< last day, when the provision ceased rather than moved
  Cite cite;
  std::string amended_by; ///< the law that gave it this number (e.g. 令和2年法律第44号)
  std::string source;     ///< SourceRef id
  Certainty certainty = Certainty::confirmed;
  std::string note;
};

/// Something a disclosure under a provision must state, from a date (e.g. the joint-use items).
struct Requirement {
  std::string id; ///< stable key, e.g. "address"
  std::string ja;
  std::string en;
  Date from;
  std::string source;
  Certainty certainty = Certainty::confirmed;
  std::string note;
};

/// A legal concept that survives renumbering ("appi.joint-use"), with its number over time.
struct Provision {
  std::string id;
  std::string law;
  std::string ja;                     ///< short name in Japanese (共同利用)
  std::string en;                     ///< short name in English (joint use)
  std::vector<std::string> keywords;  ///< words by which a sentence names the concept
  std::vector<Numbering> numbering;   ///< ascending by `from`
  std::vector<Requirement> requires_; ///< what a disclosure under it states, by date
  std::string note;

  /// The date it first existed.
  Date start() const { return numbering.front().from; }

  /// True when `text` names the concept: it contains one of the keywords, where a keyword written
  /// "A&B" needs both A and B (共同利用&変更).
  bool named_in(std::string_view text) const;
};

/// One version of a law: the numbering in force from `from`.
struct Version {
  Date from;
  std::string amended_by;
  std::string ja; ///< what changed, in a line
  std::string en;
  std::string source;
  Certainty certainty = Certainty::confirmed;
};

/// A statute the tool cites.
struct Law {
  std::string id;
  std::string title; ///< official title
  std::string title_en;
  std::string number;             ///< 平成15年法律第57号
  std::vector<std::string> names; ///< how notices name it (title, abbreviations)
  std::vector<std::string> common_misspellings;
  std::vector<Version> versions; ///< ascending
  std::vector<int> items_only;   ///< articles without paragraphs (their cases are 号), e.g. 番号法19条
  std::string source;
};

/// A dated fact that is not an article's number: a system starting, a guideline replaced.
struct Milestone {
  std::string id;
  Date date;
  std::string ja;
  std::string en;
  std::string source;
  Certainty certainty = Certainty::confirmed;
  std::string note;
};

/// The compiled-in legal database. Thread-safe: built once, then read-only.
class Database {
public:
  /// The database built from schemas/law/*.yaml. Throws notice::Error if the built-in data is
  /// malformed (a test keeps that from shipping).
  static const Database &builtin();

  /// Builds a database from YAML texts (`name`, `text`) pairs; throws notice::Error naming the file,
  /// line and column of the first problem.
  static Database parse(const std::vector<std::pair<std::string, std::string_view>> &files);

  const std::vector<Law> &laws() const { return m_laws; }
  const std::vector<Provision> &provisions() const { return m_provisions; }
  const std::vector<Milestone> &milestones() const { return m_milestones; }
  const std::vector<SourceRef> &sources() const { return m_sources; }

  const Law *find_law(std::string_view id) const;
  const Provision *find_provision(std::string_view id) const;
  const Milestone *find_milestone(std::string_view id) const;
  const SourceRef *find_source(std::string_view id) const;

  /// The provision `id` (which must exist) or throws notice::Error: rules name provisions by id.
  const Provision &provision(std::string_view id) const;
  /// The date of milestone `id` (which must exist), or throws notice::Error.
  Date date(std::string_view milestone) const;

  /// How `provision` is numbered on `date`; std::nullopt before it existed or after it ceased.
  const Numbering *numbering(std::string_view provision, Date date) const;
  static const Numbering *numbering(const Provision &provision, Date date);

  /// The provisions that `cite` denotes on `date`: those numbered exactly so, else those whose number
  /// contains it or lies inside it, most specific first. Empty when the number means nothing known.
  std::vector<const Provision *> meaning(const Cite &cite, Date date) const;

  /// Every date on which something in the database changes, ascending and unique.
  const std::vector<Date> &change_dates() const { return m_change_dates; }

  /// The law whose name (title or abbreviation) is `name`, or nullptr.
  const Law *law_named(std::string_view name) const;

  /// Every name of every law (misspellings included) as code points with its law id, longest
  /// first, for the citation reader.
  const std::vector<std::pair<std::u32string, std::string>> &names_longest_first() const { return m_names; }

private:
  std::vector<Law> m_laws;
  std::vector<Provision> m_provisions;
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
  };
  std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>> m_provision_index; // id → m_provisions
  std::vector<Milestone> m_milestones;
  std::vector<SourceRef> m_sources;
  std::vector<Date> m_change_dates;
  std::vector<std::pair<std::u32string, std::string>> m_names;
};

/// Formats `cite` as a Japanese citation: 第27条第5項第3号 (without the law's name).
std::string format_cite(const Cite &cite);

/// The citation of `provision` as numbered on `date`, with the law's short name:
/// "個人情報保護法第27条第5項第3号"; empty when it did not exist on that date.
std::string cite_on(const Database &db, std::string_view provision, Date date);

/// A one-line history of `provision`'s numbers: "第27条第5項第3号 (2022-04-01–); 第23条第5項第3号
/// (2017-05-30–2022-03-31); …", newest first, in `lang`.
std::string history(const Database &db, std::string_view provision, Lang lang);

/// Writes the whole timeline for an officer to audit: each law with its versions, each provision
/// with its number over time, each milestone, and every source with its address; facts that are
/// not confirmed are marked. `markdown` selects Markdown tables instead of plain text.
void write_timeline(std::ostream &out, const Database &db, bool markdown, Lang lang);

// ---------------------------------------------------------------------------------------------
// Citations in prose

/// A citation such as 番号法第19条第7号 found in a text, with the law it names (if any).
struct Citation {
  Cite cite;
  std::size_t offset = 0; ///< byte offset of the citation (its 第 or first digit) in the text
  std::size_t length = 0; ///< bytes it spans in the text
};

/// Every citation of an article (…条…) in `text`. Digits may be half-width, full-width or kanji
/// numerals, with spaces between (第 19条第 7号). The law is the nearest law name (from the
/// database's `names`) before the citation in the same text.
std::vector<Citation> find_citations(std::string_view text, const Database &db = Database::builtin());

/// Parses a citation written alone ("第27条第5項第3号", "27条5項3号"); std::nullopt otherwise.
std::optional<Cite> parse_cite(std::string_view text);

/// The law id for a name as written in a `basis:` entry or in prose ("appi", "個人情報保護法" …);
/// empty when unknown.
std::string law_id(std::string_view name, const Database &db = Database::builtin());

} // namespace notice::law
