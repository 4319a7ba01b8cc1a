#include "summary.hpp"

#include "notice/escape.hpp"
#include "notice/rules.hpp"
#include "notice/template.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace notice::detail {
namespace {

struct RuleRow {
  std::string id;
  Severity severity = Severity::info; // the highest seen
  int notices = 0;
  int findings = 0;
  bool stale_law = false;
};

struct InsurerRow {
  std::string name; // the insurer, or the path of a file that could not be read
  bool readable = true;
  int notices = 0;
  ReportCounts counts;
};

struct StaleRow {
  std::string path;
  std::string insurer;
  std::string in_force;
  std::vector<std::string> rules;
  int findings = 0;
};

struct Totals {
  int notices = 0;
  ReportCounts counts;
  std::vector<RuleRow> rules;
  std::vector<InsurerRow> insurers;
  std::vector<StaleRow> stale;
};

std::string_view severity_name(Severity s, Lang lang) {
  if (lang == Lang::ja) {
    return s == Severity::error ? "エラー" : s == Severity::warning ? "警告" : "情報";
  }
  return to_string(s);
}

// Pads `text` with spaces to `width` terminal columns (wide characters count twice).
std::string pad(const std::string &text, int width, bool right = false) {
  const int fill = std::max(0, width - display_width(text));
  return right ? std::string(static_cast<std::size_t>(fill), ' ') + text
               : text + std::string(static_cast<std::size_t>(fill), ' ');
}

// For a terminal or a CI log: every cell escaped (an insurer's name written with YAML escapes, a
// file name with a line break), so that none can drive the terminal or start a line of its own.
void write_table(std::ostream &out, const std::vector<std::string> &header, std::vector<std::vector<std::string>> rows,
                 const std::vector<bool> &numeric) {
  for (auto &row : rows) {
    for (auto &cell : row) {
      cell = escape_control(cell);
    }
  }
  std::vector<int> widths(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) {
    widths[c] = display_width(header[c]);
    for (const auto &row : rows) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  const auto line = [&](const std::vector<std::string> &cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const bool last = c + 1 == cells.size();
      text += "  " + (last && !numeric[c] ? cells[c] : pad(cells[c], widths[c], numeric[c]));
    }
    out << text << '\n';
  };
  line(header);
  for (const auto &row : rows) {
    line(row);
  }
}

/// One table of the summary, the same for the text and the HTML page.
struct Table {
  std::string caption;
  std::vector<std::string> header;
  std::vector<bool> numeric; ///< right-aligned columns
  std::vector<std::vector<std::string>> rows;
  std::string empty; ///< what the text says when there are no rows
};

std::vector<Table> tables(const Totals &t, Lang lang) {
  const bool ja = lang == Lang::ja;
  Table rules{ja ? "ルール別（指摘のある公表文の数）" : "By rule (notices affected)",
              ja ? std::vector<std::string>{"ルール", "重大度", "公表文", "指摘"}
                 : std::vector<std::string>{"rule", "severity", "notices", "findings"},
              {false, false, true, true},
              {},
              ja ? "指摘なし" : "no findings"};
  for (const auto &r : t.rules) {
    rules.rows.push_back(
        {r.id, std::string(severity_name(r.severity, lang)), std::to_string(r.notices), std::to_string(r.findings)});
  }
  Table insurers{ja ? "保険者別（重大度ごとの指摘の数）" : "By insurer (findings by severity)",
                 ja ? std::vector<std::string>{"保険者", "公表文", "エラー", "警告", "情報"}
                    : std::vector<std::string>{"insurer", "notices", "errors", "warnings", "infos"},
                 {false, true, true, true, true},
                 {},
                 ja ? "なし" : "none"};
  for (const auto &i : t.insurers) {
    insurers.rows.push_back({i.readable ? i.name : (ja ? "（公表文として読めない）" : "(not a notice) ") + i.name,
                             std::to_string(i.notices), std::to_string(i.counts.errors),
                             std::to_string(i.counts.warnings), std::to_string(i.counts.infos)});
  }
  Table stale{ja ? "現在施行中の版が改正前の法令・指針を引用している公表文"
                 : "Notices whose revision in force today still cites superseded law",
              ja ? std::vector<std::string>{"ファイル", "保険者", "施行日", "指摘", "ルール"}
                 : std::vector<std::string>{"notice", "insurer", "in force", "findings", "rules"},
              {false, false, false, true, false},
              {},
              ja ? "なし" : "none"};
  for (const auto &row : t.stale) {
    std::string ids;
    for (const auto &id : row.rules) {
      ids += (ids.empty() ? "" : ", ") + id;
    }
    stale.rows.push_back({row.path, row.insurer, row.in_force, std::to_string(row.findings), ids});
  }
  return {rules, insurers, stale};
}

void write_text(std::ostream &out, const Totals &t, Lang lang) {
  const bool ja = lang == Lang::ja;
  const ReportCounts &n = t.counts;
  if (ja) {
    out << "連合会向け集計: 公表文 " << t.notices << " 件（保険者 " << t.insurers.size() << "）、エラー " << n.errors
        << " 件、警告 " << n.warnings << " 件、情報 " << n.infos << " 件";
    if (n.suppressed) {
      out << "（抑止 " << n.suppressed << " 件）";
    }
    out << "\n";
  } else {
    out << "Federation summary: " << t.notices << (t.notices == 1 ? " notice" : " notices") << " from "
        << t.insurers.size() << (t.insurers.size() == 1 ? " insurer" : " insurers") << "; " << n.errors
        << (n.errors == 1 ? " error, " : " errors, ") << n.warnings << (n.warnings == 1 ? " warning, " : " warnings, ")
        << n.infos << (n.infos == 1 ? " info" : " infos");
    if (n.suppressed) {
      out << " (" << n.suppressed << " suppressed)";
    }
    out << ".\n";
  }

  for (const Table &table : tables(t, lang)) {
    out << '\n' << table.caption << '\n';
    if (table.rows.empty()) {
      out << "  " << table.empty << '\n';
    } else {
      write_table(out, table.header, table.rows, table.numeric);
    }
  }
}

nlohmann::json to_json(const Totals &t, const ReportOptions &options) {
  auto rules = nlohmann::json::array();
  for (const auto &r : t.rules) {
    rules.push_back({{"rule", r.id},
                     {"severity", to_string(r.severity)},
                     {"notices", r.notices},
                     {"findings", r.findings},
                     {"stale_law", r.stale_law}});
  }
  auto insurers = nlohmann::json::array();
  for (const auto &i : t.insurers) {
    nlohmann::json row = {{"insurer", i.readable ? nlohmann::json(i.name) : nlohmann::json(nullptr)},
                          {"notices", i.notices},
                          {"errors", i.counts.errors},
                          {"warnings", i.counts.warnings},
                          {"infos", i.counts.infos},
                          {"suppressed", i.counts.suppressed}};
    if (!i.readable) {
      row["path"] = i.name;
    }
    insurers.push_back(row);
  }
  auto stale = nlohmann::json::array();
  for (const auto &s : t.stale) {
    stale.push_back({{"path", s.path},
                     {"insurer", s.insurer},
                     {"in_force", s.in_force},
                     {"rules", s.rules},
                     {"findings", s.findings}});
  }
  const ReportCounts &n = t.counts;
  return {
      {"tool", "notice-audit"},
      {"version", options.tool_version},
      {"format", 1},
      {"report", "summary"},
      {"notices", t.notices},
      {"counts", {{"errors", n.errors}, {"warnings", n.warnings}, {"infos", n.infos}, {"suppressed", n.suppressed}}},
      {"rules", rules},
      {"insurers", insurers},
      {"stale_law", stale}};
}

constexpr std::string_view k_sort_script = R"(<script>
for (const table of document.querySelectorAll("table.sortable")) {
  const heads = table.tHead.rows[0].cells;
  for (let c = 0; c < heads.length; c++) {
    heads[c].addEventListener("click", () => {
      const body = table.tBodies[0];
      const down = heads[c].getAttribute("aria-sort") !== "descending";
      for (const h of heads) h.removeAttribute("aria-sort");
      heads[c].setAttribute("aria-sort", down ? "descending" : "ascending");
      const key = (row) => row.cells[c].dataset.sort ?? row.cells[c].textContent;
      const rows = Array.from(body.rows).sort((a, b) => {
        const x = key(a), y = key(b);
        const n = (x !== "" && y !== "" && !isNaN(x) && !isNaN(y)) ? x - y : x.localeCompare(y, "ja");
        return down ? -n : n;
      });
      for (const row of rows) body.appendChild(row);
    });
  }
}
</script>
)";

void html_table(std::ostream &out, const Table &table) {
  out << "<table class=\"sortable\">\n<caption>" << escape_html(table.caption) << "</caption>\n<thead><tr>";
  for (const auto &h : table.header) {
    out << "<th scope=\"col\">" << escape_html(h) << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto &row : table.rows) {
    out << "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out << (table.numeric[c] ? "<td class=\"n\">" : "<td>") << escape_html(row[c]) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void write_html(std::ostream &out, const Totals &t, const ReportOptions &options) {
  const Lang lang = options.lang;
  const bool ja = lang == Lang::ja;
  const ReportCounts &n = t.counts;
  const std::string title = ja ? "公表文の検査結果（連合会向け集計）" : "Notice audit: federation summary";
  out << "<!DOCTYPE html>\n<html lang=\"" << (ja ? "ja" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" "
         "content=\"notice-audit "
      << escape_html(options.tool_version) << "\">\n<title>" << escape_html(title) << "</title>\n"
      << "<style>\nbody { font-family: \"Noto Sans CJK JP\", \"IPAexGothic\", \"Hiragino Sans\", \"Yu Gothic\", "
         "Meiryo, sans-serif; margin: 2em; }\n"
         "table { border-collapse: collapse; margin: 1.5em 0; }\n"
         "caption { text-align: left; font-weight: bold; margin-bottom: .4em; }\n"
         "th, td { border: 1px solid #999; padding: .25em .6em; }\n"
         "th { background: #eee; cursor: pointer; user-select: none; }\n"
         "th[aria-sort=descending]::after { content: \" ▼\"; }\nth[aria-sort=ascending]::after { content: \" ▲\"; }\n"
         "td.n { text-align: right; font-variant-numeric: tabular-nums; }\n</style>\n</head>\n<body>\n<h1>"
      << escape_html(title) << "</h1>\n<p>";
  if (ja) {
    out << "公表文 " << t.notices << " 件（保険者 " << t.insurers.size() << "）: エラー " << n.errors << " 件、警告 "
        << n.warnings << " 件、情報 " << n.infos << " 件（抑止 " << n.suppressed
        << " 件）。列の見出しをクリックすると並べ替えます。";
  } else {
    out << t.notices << " notices from " << t.insurers.size() << " insurers: " << n.errors << " errors, " << n.warnings
        << " warnings, " << n.infos << " infos (" << n.suppressed << " suppressed). Click a column heading to sort.";
  }
  out << "</p>\n";

  for (const Table &table : tables(t, lang)) {
    html_table(out, table);
  }
  out << k_sort_script << "</body>\n</html>\n";
}

class SummaryWriter final : public ReportWriter {
public:
  SummaryWriter(std::ostream &out, ReportFormat format, const ReportOptions &options)
      : m_out(out), m_format(format), m_options(options) {}

  void add(const FileReport &file) override {
    ++m_notices;
    add_counts(m_counts, file);
    const bool readable = !file.insurer.empty();
    InsurerRow &insurer = m_insurers[{readable ? file.insurer : file.path, readable}];
    insurer.name = readable ? file.insurer : file.path;
    insurer.readable = readable;
    ++insurer.notices;
    add_counts(insurer.counts, file);

    std::set<std::string> rules_here;
    StaleRow stale{file.path, file.insurer, file.in_force, {}, 0};
    for (const auto &d : file.diagnostics) {
      if (d.suppressed) {
        continue;
      }
      RuleRow &rule = m_rules[d.rule_id];
      rule.id = d.rule_id;
      rule.severity = std::max(rule.severity, d.severity);
      ++rule.findings;
      if (rules_here.insert(d.rule_id).second) {
        ++rule.notices;
      }
      const RuleInfo *info = find_rule(d.rule_id);
      rule.stale_law = info && info->stale_law;
      const bool today =
          d.revisions.empty() || std::find(d.revisions.begin(), d.revisions.end(), file.in_force) != d.revisions.end();
      if (rule.stale_law && today && !file.in_force.empty()) {
        ++stale.findings;
        if (std::find(stale.rules.begin(), stale.rules.end(), d.rule_id) == stale.rules.end()) {
          stale.rules.push_back(d.rule_id);
        }
      }
    }
    if (stale.findings > 0) {
      m_stale.push_back(std::move(stale));
    }
  }

  void finish() override {
    Totals t;
    t.notices = m_notices;
    t.counts = m_counts;
    for (auto &[id, row] : m_rules) {
      t.rules.push_back(row);
    }
    std::stable_sort(t.rules.begin(), t.rules.end(), [](const RuleRow &a, const RuleRow &b) {
      return std::tie(b.notices, b.findings) < std::tie(a.notices, a.findings);
    });
    for (auto &[key, row] : m_insurers) {
      t.insurers.push_back(row);
    }
    std::stable_sort(t.insurers.begin(), t.insurers.end(), [](const InsurerRow &a, const InsurerRow &b) {
      return std::tie(b.counts.errors, b.counts.warnings, b.counts.infos) <
             std::tie(a.counts.errors, a.counts.warnings, a.counts.infos);
    });
    t.stale = m_stale;
    std::sort(t.stale.begin(), t.stale.end(), [](const StaleRow &a, const StaleRow &b) { return a.path < b.path; });
    switch (m_format) {
    case ReportFormat::summary_json:
      m_out << to_json(t, m_options).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      break;
    case ReportFormat::summary_html:
      write_html(m_out, t, m_options);
      break;
    default:
      write_text(m_out, t, m_options.lang);
      break;
    }
  }

private:
  std::ostream &m_out;
  ReportFormat m_format;
  ReportOptions m_options;
  int m_notices = 0;
  ReportCounts m_counts;
  std::map<std::string, RuleRow> m_rules;
  std::map<std::pair<std::string, bool>, InsurerRow> m_insurers;
  std::vector<StaleRow> m_stale;
};

} // namespace

std::unique_ptr<ReportWriter> make_summary_writer(std::ostream &out, ReportFormat format,
                                                  const ReportOptions &options) {
  return std::make_unique<SummaryWriter>(out, format, options);
}

} // namespace notice::detail
