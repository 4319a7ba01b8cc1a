// `notice-audit rules --law`: the legal database as an officer reads it.
#include "notice/law.hpp"

#include <ostream>

namespace notice::law {
namespace {

std::string mark(Certainty c, Lang lang) {
  switch (c) {
  case Certainty::confirmed:
    return "";
  case Certainty::secondary:
    return lang == Lang::ja ? "［二次資料］" : " [secondary source]";
  case Certainty::uncertain:
    return lang == Lang::ja ? "［未確認］" : " [unconfirmed]";
  }
  return "";
}

// Markdown table cells may not hold a pipe or a line break.
std::string cell(std::string s) {
  for (std::size_t at = s.find('|'); at != std::string::npos; at = s.find('|', at + 2)) {
    s.replace(at, 1, "\\|");
  }
  for (char &c : s) {
    if (c == '\n') {
      c = ' ';
    }
  }
  return s;
}

std::string period(Date from, const std::optional<Date> &until) {
  return to_string(from) + "–" + (until ? to_string(*until) : std::string());
}

} // namespace

void write_timeline(std::ostream &out, const Database &db, bool md, Lang lang) {
  const auto pick = [&](const std::string &ja, const std::string &en) { return lang == Lang::ja ? ja : en; };
  if (md) {
    out << pick(
        "# 法令の時系列\n\n`notice-audit rules --law --format md` の出力です。編集は schemas/law/*.yaml "
        "で行ってください"
        "（docs/law.md）。\n\n",
        "# The legal timeline\n\nThe output of `notice-audit rules --law --format md`: do not edit it here, edit "
        "schemas/law/*.yaml (docs/law.md).\n\n");
  }
  for (const Law &law : db.laws()) {
    if (md) {
      out << "## " << law.title << " (" << law.number << ")\n\n"
          << law.title_en << "; cited as " << cell([&] {
               std::string names;
               for (const auto &n : law.names) {
                 names += (names.empty() ? "" : ", ") + n;
               }
               return names;
             }())
          << ".\n\n| from | amended by | what changed | source |\n| --- | --- | --- | --- |\n";
    } else {
      out << law.title << " (" << law.number << ", " << law.id << ")\n";
    }
    for (const Version &v : law.versions) {
      if (md) {
        out << "| " << to_string(v.from) << " | " << cell(v.amended_by) << " | " << cell(pick(v.ja, v.en))
            << mark(v.certainty, lang) << " | `" << v.source << "` |\n";
      } else {
        out << "  version from " << to_string(v.from) << (v.amended_by.empty() ? "" : " (" + v.amended_by + ")") << ": "
            << pick(v.ja, v.en) << mark(v.certainty, lang) << " [" << v.source << "]\n";
      }
    }
    if (md) {
      out << "\n| provision | concept | number | in force | source | note |\n| --- | --- | --- | --- | --- | --- |\n";
    }
    for (const Provision &p : db.provisions()) {
      if (p.law != law.id) {
        continue;
      }
      if (!md) {
        out << "  " << p.id << "  " << pick(p.ja, p.en) << "\n";
      }
      for (std::size_t k = 0; k < p.numbering.size(); ++k) {
        const Numbering &n = p.numbering[k];
        std::optional<Date> until = n.until;
        if (!until && k + 1 < p.numbering.size()) {
          until = previous_day(p.numbering[k + 1].from);
        }
        if (md) {
          out << "| `" << p.id << "` | " << cell(pick(p.ja, p.en)) << " | " << format_cite(n.cite) << " | "
              << period(n.from, until) << mark(n.certainty, lang) << " | `" << n.source << "` | " << cell(n.note)
              << " |\n";
        } else {
          out << "    " << format_cite(n.cite) << "  " << period(n.from, until) << mark(n.certainty, lang) << " ["
              << n.source << "]\n";
        }
      }
      for (const Requirement &r : p.requires_) {
        if (md) {
          out << "| `" << p.id << "` requires `" << r.id << "` | " << cell(pick(r.ja, r.en)) << " | | "
              << to_string(r.from) << "–" << mark(r.certainty, lang) << " | `" << r.source << "` | " << cell(r.note)
              << " |\n";
        } else {
          out << "    requires " << r.id << " (" << pick(r.ja, r.en) << ") from " << to_string(r.from)
              << mark(r.certainty, lang) << " [" << r.source << "]\n";
        }
      }
    }
    out << "\n";
  }
  if (md) {
    out << "## " << pick("日付のある事実", "Dated facts")
        << "\n\n| date | id | fact | source | note |\n| --- | --- | --- | --- | --- |\n";
  } else {
    out << pick("日付のある事実", "Dated facts") << "\n";
  }
  for (const Milestone &m : db.milestones()) {
    if (md) {
      out << "| " << to_string(m.date) << " | `" << m.id << "` | " << cell(pick(m.ja, m.en)) << mark(m.certainty, lang)
          << " | `" << m.source << "` | " << cell(m.note) << " |\n";
    } else {
      out << "  " << to_string(m.date) << "  " << m.id << "  " << pick(m.ja, m.en) << mark(m.certainty, lang) << " ["
          << m.source << "]\n";
    }
  }
  out << "\n";
  if (md) {
    out << "## " << pick("出典", "Sources") << "\n\n| id | document | address | read |\n| --- | --- | --- | --- |\n";
  } else {
    out << pick("出典", "Sources") << "\n";
  }
  for (const SourceRef &s : db.sources()) {
    if (md) {
      out << "| `" << s.id << "` | " << cell(s.document) << " | " << cell(s.url) << " | " << s.read << " |\n";
    } else {
      out << "  [" << s.id << "] " << s.document << (s.url.empty() ? "" : "\n      " + s.url) << " (read " << s.read
          << ")\n";
    }
  }
}

} // namespace notice::law
