// Writing a Diff for people (text), machines (JSON) and pull-request comments (Markdown).
#include "ansi.hpp"

#include "notice/diff.hpp"
#include "notice/escape.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace notice {
namespace {

using detail::Palette;

const std::string &finding_message(const ChangeFinding &f, Lang lang) {
  return lang == Lang::ja && !f.message_ja.empty() ? f.message_ja : f.message;
}

using detail::palette;
using detail::plural;

std::array<std::size_t, 3> counts(const Diff &diff) {
  std::array<std::size_t, 3> n{};
  for (const auto &c : diff.changes) {
    ++n[static_cast<std::size_t>(c.severity())];
  }
  return n;
}

std::string summary_line(const Diff &diff) {
  if (diff.changes.empty()) {
    return "No changes.";
  }
  const auto n = counts(diff);
  return plural(static_cast<long long>(diff.changes.size()), "change") + ": " + plural(n[2], "error") + ", " +
         plural(n[1], "warning") + ", " + std::to_string(n[0]) + " info.";
}

std::string location(const std::string &path, const ElementSide &side) {
  std::string out = escape_control(path);
  if (side.pos.known()) {
    out += ':' + std::to_string(side.pos.line) + ':' + std::to_string(side.pos.column);
  }
  return out;
}

std::string join(const std::vector<std::string> &values, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? std::string(separator) : std::string()) + values[i];
  }
  return out;
}

std::string value_text(const std::vector<std::string> &value) {
  return value.empty() || (value.size() == 1 && value[0].empty()) ? "—" : escape_control(join(value, ", "));
}

const char *severity_color(Severity s, const Palette &p) {
  return s == Severity::error ? p.red : s == Severity::warning ? p.yellow : p.cyan;
}

// --- text ---------------------------------------------------------------------------------------

void write_wording(std::ostream &out, const std::vector<TextSegment> &wording, const Palette &p, bool color) {
  for (const auto &s : wording) {
    switch (s.op) {
    case TextSegment::Op::equal:
      out << escape_control(s.text);
      break;
    case TextSegment::Op::removed:
      out << (color ? p.removed : "[-") << escape_control(s.text) << (color ? p.reset : "-]");
      break;
    case TextSegment::Op::inserted:
      out << (color ? p.inserted : "{+") << escape_control(s.text) << (color ? p.reset : "+}");
      break;
    }
  }
}

} // namespace

void write_diff_text(std::ostream &out, const Diff &diff, const DiffWriteOptions &options) {
  const Palette p = palette(options.color);
  // Everything from input is escaped (escape_control): a label, id or text cannot split a line, drive
  // the terminal, or start a line a CI log would run as a command.
  out << p.bold << "--- " << escape_control(diff.old_side.label) << " (effective " << to_string(diff.old_side.effective)
      << ")\n"
      << "+++ " << escape_control(diff.new_side.label) << " (effective " << to_string(diff.new_side.effective) << ")"
      << p.reset << '\n';
  out << "Legal bases as in force on " << to_string(diff.legal_date) << ".\n";
  for (const auto &c : diff.changes) {
    const char *kind_color = c.kind == ChangeKind::added ? p.green : c.kind == ChangeKind::removed ? p.red : p.cyan;
    out << '\n' << kind_color << to_string(c.kind) << p.reset << ' ' << to_string(c.element);
    if (!c.id().empty()) {
      out << ' ' << p.bold << escape_control(c.id()) << p.reset;
    }
    if (c.renamed()) {
      out << " (was " << escape_control(c.old_side->id) << ')';
    }
    out << '\n';
    if (c.old_side && c.new_side) {
      out << "  old: " << location(diff.old_side.path, *c.old_side) << '\n'
          << "  new: " << location(diff.new_side.path, *c.new_side) << '\n';
    } else {
      out << "  at:  "
          << (c.new_side ? location(diff.new_side.path, *c.new_side) : location(diff.old_side.path, *c.old_side))
          << '\n';
    }
    const ElementSide &shown = c.new_side ? *c.new_side : *c.old_side;
    if (c.kind == ChangeKind::moved && c.old_side->place != c.new_side->place) {
      out << "  from: " << escape_control(c.old_side->place) << "\n  to:   " << escape_control(c.new_side->place)
          << '\n';
    } else if (!shown.place.empty()) {
      out << "  in:  " << escape_control(shown.place) << '\n';
    }
    if (!c.wording.empty()) {
      out << "  text: ";
      write_wording(out, c.wording, p, options.color);
      out << '\n';
    } else if (!shown.text.empty()) {
      out << "  text: " << escape_control(shown.text) << '\n';
    }
    for (const auto &a : c.attributes) {
      out << "  " << escape_control(a.name) << ": " << value_text(a.old_value) << " → " << value_text(a.new_value)
          << '\n';
    }
    for (const auto &f : c.findings) {
      out << "  " << severity_color(f.severity, p) << to_string(f.severity) << ':' << p.reset << ' '
          << escape_control(finding_message(f, options.lang)) << " [" << f.rule_id << "]\n";
      if (!f.basis.empty()) {
        out << "    basis: " << escape_control(f.basis) << '\n';
      }
    }
  }
  out << '\n' << summary_line(diff) << '\n';
}

// --- JSON ---------------------------------------------------------------------------------------

namespace {

nlohmann::ordered_json side_json(const std::optional<ElementSide> &side, const std::string &path) {
  if (!side) {
    return nullptr;
  }
  return {{"id", side->id},         {"path", path},
          {"line", side->pos.line}, {"column", side->pos.column},
          {"text", side->text},     {"category", side->category},
          {"bucket", side->bucket}, {"place", side->place},
          {"index", side->index}};
}

std::string_view op_name(TextSegment::Op op) {
  return op == TextSegment::Op::equal ? "equal" : op == TextSegment::Op::removed ? "removed" : "inserted";
}

} // namespace

void write_diff_json(std::ostream &out, const Diff &diff, const DiffWriteOptions &options) {
  const auto n = counts(diff);
  nlohmann::ordered_json j = {{"tool", "notice-audit"}, {"version", options.tool_version}, {"format", 1}};
  const auto info = [](const DiffSideInfo &s) {
    return nlohmann::ordered_json{
        {"label", s.label}, {"path", s.path}, {"effective", to_string(s.effective)}, {"insurer", s.insurer}};
  };
  j["old"] = info(diff.old_side);
  j["new"] = info(diff.new_side);
  j["legal_date"] = to_string(diff.legal_date);
  j["summary"] = {{"changes", diff.changes.size()}, {"error", n[2]}, {"warning", n[1]}, {"info", n[0]}};
  auto changes = nlohmann::ordered_json::array();
  for (const auto &c : diff.changes) {
    auto wording = nlohmann::ordered_json::array();
    for (const auto &s : c.wording) {
      wording.push_back({{"op", op_name(s.op)}, {"text", s.text}});
    }
    auto attributes = nlohmann::ordered_json::array();
    for (const auto &a : c.attributes) {
      attributes.push_back({{"name", a.name}, {"old", a.old_value}, {"new", a.new_value}});
    }
    auto findings = nlohmann::ordered_json::array();
    for (const auto &f : c.findings) {
      findings.push_back({{"rule", f.rule_id},
                          {"severity", to_string(f.severity)},
                          {"message", f.message},
                          {"message_ja", f.message_ja},
                          {"basis", f.basis}});
    }
    changes.push_back({{"kind", to_string(c.kind)},
                       {"element", to_string(c.element)},
                       {"id", c.id()},
                       {"severity", to_string(c.severity())},
                       {"old", side_json(c.old_side, diff.old_side.path)},
                       {"new", side_json(c.new_side, diff.new_side.path)},
                       {"wording", wording},
                       {"attributes", attributes},
                       {"findings", findings}});
  }
  j["changes"] = std::move(changes);
  out << j.dump(2) << '\n';
}

// --- Markdown -----------------------------------------------------------------------------------

namespace {

// Escapes text for a Markdown table cell or paragraph: HTML specials, pipes, and the characters
// that would start emphasis or code.
std::string md(std::string_view raw) {
  const std::string text = escape_control(raw);
  std::string out;
  for (const char ch : text) {
    switch (ch) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '|':
      out += "\\|";
      break;
    case '*':
    case '_':
    case '`':
    case '[':
    case ']':
    case '\\':
      out += '\\';
      out += ch;
      break;
    case '\n':
      out += ' ';
      break;
    default:
      out += ch;
    }
  }
  return out;
}

std::string md_wording(const std::vector<TextSegment> &wording) {
  std::string out;
  for (const auto &s : wording) {
    if (s.op == TextSegment::Op::equal) {
      out += md(s.text);
    } else if (s.op == TextSegment::Op::removed) {
      out += "<del>" + md(s.text) + "</del>";
    } else {
      out += "<ins>" + md(s.text) + "</ins>";
    }
  }
  return out;
}

} // namespace

void write_diff_markdown(std::ostream &out, const Diff &diff, const DiffWriteOptions &options) {
  const auto n = counts(diff);
  // Labels are file names: escaped as text, not put in code spans, which no escape can close safely.
  out << "### notice-audit diff\n\n"
      << md(diff.old_side.label) << " (effective " << to_string(diff.old_side.effective) << ") → "
      << md(diff.new_side.label) << " (effective " << to_string(diff.new_side.effective)
      << "); legal bases as in force on " << to_string(diff.legal_date) << ".\n\n";
  if (diff.changes.empty()) {
    out << "**No changes.**\n";
    return;
  }
  out << "**" << plural(static_cast<long long>(diff.changes.size()), "change") << "**: " << plural(n[2], "error")
      << ", " << plural(n[1], "warning") << ", " << n[0] << " info.\n\n";
  out << "| severity | change | element | text | classes |\n| --- | --- | --- | --- | --- |\n";
  for (const auto &c : diff.changes) {
    const ElementSide &shown = c.new_side ? *c.new_side : *c.old_side;
    std::vector<std::string> classes;
    for (const auto &f : c.findings) {
      if (std::find(classes.begin(), classes.end(), "`" + f.rule_id + "`") == classes.end()) {
        classes.push_back("`" + f.rule_id + "`");
      }
    }
    const std::string severity(to_string(c.severity()));
    out << "| " << (c.severity() == Severity::info ? severity : "**" + severity + "**") << " | " << to_string(c.kind)
        << " | " << to_string(c.element) << (c.id().empty() ? "" : " `" + c.id() + "`") << " | "
        << (c.wording.empty() ? md(shown.text) : md_wording(c.wording)) << " | " << join(classes, " ") << " |\n";
  }
  out << "\n<details><summary>Findings and legal bases</summary>\n\n";
  for (const auto &c : diff.changes) {
    out << "#### " << to_string(c.kind) << ' ' << to_string(c.element) << (c.id().empty() ? "" : " `" + c.id() + "`");
    if (c.renamed()) {
      out << " (was `" << c.old_side->id << "`)";
    }
    out << "\n\n";
    const ElementSide &shown = c.new_side ? *c.new_side : *c.old_side;
    if (!shown.place.empty()) {
      out << "- in: " << md(shown.place) << '\n';
    }
    for (const auto &a : c.attributes) {
      out << "- " << a.name << ": " << md(value_text(a.old_value)) << " → " << md(value_text(a.new_value)) << '\n';
    }
    for (const auto &f : c.findings) {
      out << "- **" << to_string(f.severity) << "** `" << f.rule_id << "`: " << md(finding_message(f, options.lang));
      if (!f.basis.empty()) {
        out << " (" << md(f.basis) << ')';
      }
      out << '\n';
    }
    out << '\n';
  }
  out << "</details>\n";
}

} // namespace notice
