// Writing a Diff for people (text), machines (JSON) and pull-request comments (Markdown).
#include "ansi.hpp"

#include "notice/diff.hpp"
#include "notice/escape.hpp"
#include "notice/render.hpp"
#include "notice/report.hpp"

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

std::string say(Lang lang, std::string_view en, std::string_view ja) {
  return std::string(lang == Lang::ja ? ja : en);
}

std::array<std::size_t, 3> counts(const Diff &diff) {
  std::array<std::size_t, 3> n{};
  for (const auto &c : diff.changes) {
    ++n[static_cast<std::size_t>(c.severity())];
  }
  return n;
}

// Findings by severity: what the finding lines of the text report and the details of the
// Markdown one list, so that the summary adds up to them.
std::array<std::size_t, 3> finding_counts(const Diff &diff) {
  std::array<std::size_t, 3> n{};
  for (const auto &c : diff.changes) {
    for (const auto &f : c.findings) {
      ++n[static_cast<std::size_t>(f.severity)];
    }
  }
  return n;
}

std::string summary_line(const Diff &diff, Lang lang, bool markdown) {
  if (diff.changes.empty()) {
    return say(lang, "No changes.", "変更はありません。");
  }
  const auto n = finding_counts(diff);
  const std::size_t findings = n[0] + n[1] + n[2];
  const std::string bold = markdown ? "**" : "";
  if (lang == Lang::ja) {
    return bold + "変更 " + std::to_string(diff.changes.size()) + " 件、指摘 " + std::to_string(findings) + " 件" +
           bold + "（エラー " + std::to_string(n[2]) + " 件、警告 " + std::to_string(n[1]) + " 件、情報 " +
           std::to_string(n[0]) + " 件）。";
  }
  return bold + plural(static_cast<long long>(diff.changes.size()), "change") + ", " +
         plural(static_cast<long long>(findings), "finding") + bold + ": " +
         plural(static_cast<long long>(n[2]), "error") + ", " + plural(static_cast<long long>(n[1]), "warning") + ", " +
         std::to_string(n[0]) + " info.";
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

// --- words of the reports -----------------------------------------------------------------------

std::string severity_word(Severity s, Lang lang) {
  return std::string(severity_name(s, lang));
}

std::string kind_word(ChangeKind k, Lang lang) {
  return std::string(lang == Lang::ja ? label_ja(k) : to_string(k));
}

std::string element_word(ElementKind k, Lang lang) {
  return std::string(lang == Lang::ja ? label_ja(k) : to_string(k));
}

// The attributes diff_notices() compares, as a Japanese report names them.
std::string attribute_word(const std::string &name, Lang lang) {
  if (lang == Lang::en) {
    return name;
  }
  static const std::pair<std::string_view, std::string_view> k_words[] = {
      {"flow", "データの流れ"},
      {"parties", "相手方"},
      {"data", "個人情報"},
      {"basis", "根拠"},
      {"joint_use", "共同利用の公表事項"},
      {"notes", "注記"},
      {"intro", "前書き"},
      {"kind", "種類"},
      {"category", "利用目的の区分"},
      {"bucket", "区分"},
      {"position", "順序"},
      {"number", "番号"},
      {"marker", "番号の表記"},
      {"model", "モデル（別表2）の区分"},
      {"name", "名称"},
      {"address", "住所"},
      {"representative", "代表者"},
      {"description", "説明"},
      {"sensitive", "要配慮個人情報"},
      {"my_number", "特定個人情報"},
      {"abroad", "外国にある第三者"},
      {"sensitive_provision", "要配慮個人情報の提供"},
      {"my_number_provision", "特定個人情報の提供"},
  };
  for (const auto &[key, word] : k_words) {
    if (key == name) {
      return std::string(word);
    }
  }
  return name;
}

// Values that are the model's own names (flow kinds, bucket kinds, true/false) in Japanese.
std::string value_word(const std::string &attribute, const std::string &value, Lang lang) {
  if (lang == Lang::en) {
    return value;
  }
  if (value == "true") {
    return "はい";
  }
  if (value == "false") {
    return "いいえ";
  }
  if (attribute == "flow") {
    if (const auto flow = parse_flow_kind(value)) {
      return std::string(label_ja(*flow));
    }
  }
  if (attribute == "kind") {
    static const std::pair<std::string_view, std::string_view> k_buckets[] = {
        {"internal", "内部での利用"},
        {"external", "他の事業者等への提供"},
        {"review_payment", "審査支払機関への提供"},
        {"received", "他機関からの受領"},
        {"provided", "他機関への提供"},
        {"joint_use", "共同利用"},
    };
    for (const auto &[key, word] : k_buckets) {
      if (key == value) {
        return std::string(word);
      }
    }
  }
  return value;
}

std::string value_text(const std::string &attribute, const std::vector<std::string> &value, Lang lang) {
  if (value.empty() || (value.size() == 1 && value[0].empty())) {
    return "—";
  }
  std::vector<std::string> words;
  for (const auto &v : value) {
    words.push_back(value_word(attribute, v, lang));
  }
  return join(words, lang == Lang::ja ? "、" : ", ");
}

// The legal basis with its note on the numbering in the report's language.
std::string basis_text(const std::string &basis, Lang lang) {
  if (lang == Lang::en) {
    return basis;
  }
  const std::string from = " (numbering from ";
  const std::string before = " (numbering before ";
  const std::string numbered = " (as numbered on ";
  if (const auto at = basis.find(numbered); at != std::string::npos && basis.back() == ')') {
    const std::string date = basis.substr(at + numbered.size(), basis.size() - at - numbered.size() - 1);
    return basis.substr(0, at) + "（" + date + " 時点の条番号）";
  }
  if (const auto at = basis.find(from); at != std::string::npos && basis.back() == ')') {
    const std::string date = basis.substr(at + from.size(), basis.size() - at - from.size() - 1);
    return basis.substr(0, at) + "（" + date + " 以降の条番号）";
  }
  if (const auto at = basis.find(before); at != std::string::npos && basis.back() == ')') {
    const std::string rest = basis.substr(at + before.size(), basis.size() - at - before.size() - 1);
    const auto now = rest.find("; now ");
    if (now != std::string::npos) {
      return basis.substr(0, at) + "（" + rest.substr(0, now) + " より前の条番号。現在は " + rest.substr(now + 6) +
             "）";
    }
  }
  return basis;
}

// One line per attribute when both values are short; otherwise a block that lists what each side
// has that the other does not, so that a changed joint-use disclosure or a changed note reads line
// by line instead of as two long lists.
struct AttributeLines {
  std::string heading;            ///< "parties: a → b", or "joint_use:" over `lines`
  std::vector<std::string> lines; ///< "purpose: old → new", "- old note", "+ new note"
};

AttributeLines attribute_lines(const AttributeChange &a, Lang lang) {
  const std::string name = attribute_word(a.name, lang);
  if (a.name == "joint_use") {
    // Values are "field: text"; pair the fields.
    const auto split = [](const std::string &v) {
      const auto colon = v.find(": ");
      return colon == std::string::npos ? std::pair{v, std::string()}
                                        : std::pair{v.substr(0, colon), v.substr(colon + 2)};
    };
    std::vector<std::string> fields;
    for (const auto *side : {&a.old_value, &a.new_value}) {
      for (const auto &v : *side) {
        const std::string field = split(v).first;
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
          fields.push_back(field);
        }
      }
    }
    const auto value_of = [&](const std::vector<std::string> &values, const std::string &field) {
      for (const auto &v : values) {
        if (split(v).first == field) {
          return split(v).second;
        }
      }
      return std::string("—");
    };
    AttributeLines out{name + ":", {}};
    for (const auto &field : fields) {
      const std::string before = value_of(a.old_value, field);
      const std::string after = value_of(a.new_value, field);
      if (before != after) {
        const std::string label = lang == Lang::ja ? std::string(joint_use_label(field)) : field;
        out.lines.push_back(label + ": " + before + " → " + after);
      }
    }
    if (a.old_value.empty() || a.new_value.empty()) {
      out.heading += a.old_value.empty() ? say(lang, " (new)", "（新設）") : say(lang, " (removed)", "（削除）");
    }
    return out;
  }
  const std::string inline_text = value_text(a.name, a.old_value, lang) + " → " + value_text(a.name, a.new_value, lang);
  if (display_width(inline_text) <= 80) {
    return {name + ": " + inline_text, {}};
  }
  AttributeLines out{name + ":", {}};
  for (const auto &v : a.old_value) {
    if (std::find(a.new_value.begin(), a.new_value.end(), v) == a.new_value.end()) {
      out.lines.push_back("- " + value_word(a.name, v, lang));
    }
  }
  for (const auto &v : a.new_value) {
    if (std::find(a.old_value.begin(), a.old_value.end(), v) == a.old_value.end()) {
      out.lines.push_back("+ " + value_word(a.name, v, lang));
    }
  }
  return out;
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

std::string effective_words(Date date, Lang lang) {
  return lang == Lang::ja ? "（" + to_string(date) + " 施行）" : " (effective " + to_string(date) + ")";
}

} // namespace

std::string_view label_ja(ElementKind kind) {
  switch (kind) {
  case ElementKind::title:
    return "表題";
  case ElementKind::insurer:
    return "保険者";
  case ElementKind::term:
    return "定義語";
  case ElementKind::paragraph:
    return "段落";
  case ElementKind::data:
    return "個人情報の区分";
  case ElementKind::party:
    return "相手方";
  case ElementKind::category:
    return "利用目的の区分";
  case ElementKind::bucket:
    return "事例の区分";
  case ElementKind::item:
    return "事例";
  case ElementKind::revision:
    return "改正（施行文）";
  }
  return "要素";
}

std::string_view label_ja(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::added:
    return "追加";
  case ChangeKind::removed:
    return "削除";
  case ChangeKind::moved:
    return "移動";
  case ChangeKind::reworded:
    return "文言変更";
  case ChangeKind::changed:
    return "変更";
  case ChangeKind::reordered:
    return "順序変更";
  }
  return "変更";
}

void write_diff_text(std::ostream &out, const Diff &diff, const DiffWriteOptions &options) {
  const Palette p = palette(options.color);
  const Lang lang = options.lang;
  out << p.bold << "--- " << escape_control(diff.old_side.label) << effective_words(diff.old_side.effective, lang)
      << '\n'
      << "+++ " << escape_control(diff.new_side.label) << effective_words(diff.new_side.effective, lang) << p.reset
      << '\n';
  out << say(lang, "Legal bases as in force on " + to_string(diff.legal_date) + ".",
             "法令の根拠は " + to_string(diff.legal_date) + " 時点の条番号で示します。")
      << '\n';
  const std::string old_label = say(lang, "old: ", "改正前: ");
  const std::string new_label = say(lang, "new: ", "改正後: ");
  const std::string at_label = say(lang, "at:  ", "位置: ");
  const std::string from_label = say(lang, "from: ", "移動元: ");
  const std::string to_label = say(lang, "to:   ", "移動先: ");
  const std::string in_label = say(lang, "in:  ", "場所: ");
  const std::string text_label = say(lang, "text: ", "文言: ");
  for (const auto &c : diff.changes) {
    const char *kind_color = c.kind == ChangeKind::added ? p.green : c.kind == ChangeKind::removed ? p.red : p.cyan;
    out << '\n' << kind_color << kind_word(c.kind, lang) << p.reset << ' ' << element_word(c.element, lang);
    if (!c.id().empty()) {
      out << ' ' << p.bold << escape_control(c.id()) << p.reset;
    }
    if (c.renamed()) {
      out << say(lang, " (was " + escape_control(c.old_side->id) + ")",
                 "（旧 id: " + escape_control(c.old_side->id) + "）");
    }
    out << '\n';
    if (c.old_side && c.new_side) {
      out << "  " << old_label << location(diff.old_side.path, *c.old_side) << '\n'
          << "  " << new_label << location(diff.new_side.path, *c.new_side) << '\n';
    } else {
      out << "  " << at_label
          << (c.new_side ? location(diff.new_side.path, *c.new_side) : location(diff.old_side.path, *c.old_side))
          << '\n';
    }
    const ElementSide &shown = c.new_side ? *c.new_side : *c.old_side;
    if (c.kind == ChangeKind::moved && c.old_side->place != c.new_side->place) {
      out << "  " << from_label << escape_control(c.old_side->place) << "\n  " << to_label
          << escape_control(c.new_side->place) << '\n';
    } else if (!shown.place.empty()) {
      out << "  " << in_label << escape_control(shown.place) << '\n';
    }
    if (!c.wording.empty()) {
      out << "  " << text_label;
      write_wording(out, c.wording, p, options.color);
      out << '\n';
    } else if (!shown.text.empty()) {
      out << "  " << text_label << escape_control(shown.text) << '\n';
    }
    for (const auto &a : c.attributes) {
      const AttributeLines lines = attribute_lines(a, lang);
      out << "  " << escape_control(lines.heading) << '\n';
      for (const auto &line : lines.lines) {
        out << "    " << escape_control(line) << '\n';
      }
    }
    for (const auto &f : c.findings) {
      out << "  " << severity_color(f.severity, p) << to_string(f.severity) << ':' << p.reset << ' '
          << escape_control(finding_message(f, lang)) << " [" << f.rule_id << "]\n";
      if (!f.basis.empty()) {
        out << "    " << say(lang, "basis: ", "根拠: ") << escape_control(basis_text(f.basis, lang)) << '\n';
      }
    }
  }
  out << '\n' << summary_line(diff, lang, false) << '\n';
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
  const Lang lang = options.lang;
  // Labels are file names: escaped as text, not put in code spans, which no escape can close safely.
  out << "### notice-audit diff\n\n"
      << md(diff.old_side.label) << md(effective_words(diff.old_side.effective, lang)) << " → "
      << md(diff.new_side.label) << md(effective_words(diff.new_side.effective, lang))
      << say(lang, "; legal bases as in force on " + to_string(diff.legal_date) + ".",
             "。法令の根拠は " + to_string(diff.legal_date) + " 時点の条番号で示します。")
      << "\n\n";
  if (diff.changes.empty()) {
    out << "**" << summary_line(diff, lang, false) << "**\n";
    return;
  }
  out << summary_line(diff, lang, true) << "\n\n";
  out << say(lang, "| severity | change | element | text | classes |", "| 重大度 | 変更 | 要素 | 文言 | 分類 |")
      << "\n| --- | --- | --- | --- | --- |\n";
  for (const auto &c : diff.changes) {
    const ElementSide &shown = c.new_side ? *c.new_side : *c.old_side;
    std::vector<std::string> classes;
    for (const auto &f : c.findings) {
      if (std::find(classes.begin(), classes.end(), "`" + f.rule_id + "`") == classes.end()) {
        classes.push_back("`" + f.rule_id + "`");
      }
    }
    const std::string severity = severity_word(c.severity(), lang);
    out << "| " << (c.severity() == Severity::info ? severity : "**" + severity + "**") << " | "
        << kind_word(c.kind, lang) << " | " << element_word(c.element, lang)
        << (c.id().empty() ? "" : " `" + c.id() + "`") << " | "
        << (c.wording.empty() ? md(shown.text) : md_wording(c.wording)) << " | " << join(classes, " ") << " |\n";
  }
  out << "\n<details><summary>" << say(lang, "Findings and legal bases", "指摘と法令の根拠") << "</summary>\n\n";
  for (const auto &c : diff.changes) {
    out << "#### " << kind_word(c.kind, lang) << ' ' << element_word(c.element, lang)
        << (c.id().empty() ? "" : " `" + c.id() + "`");
    if (c.renamed()) {
      out << say(lang, " (was `" + c.old_side->id + "`)", "（旧 id: `" + c.old_side->id + "`）");
    }
    out << "\n\n";
    const ElementSide &shown = c.new_side ? *c.new_side : *c.old_side;
    if (!shown.place.empty()) {
      out << "- " << say(lang, "in: ", "場所: ") << md(shown.place) << '\n';
    }
    for (const auto &a : c.attributes) {
      const AttributeLines lines = attribute_lines(a, lang);
      out << "- " << md(lines.heading) << '\n';
      for (const auto &line : lines.lines) {
        // "- old" and "+ new" list lines of a block: struck through and underlined instead.
        const bool removed = line.rfind("- ", 0) == 0;
        const bool inserted = line.rfind("+ ", 0) == 0;
        out << "  - "
            << (removed    ? "<del>" + md(line.substr(2)) + "</del>"
                : inserted ? "<ins>" + md(line.substr(2)) + "</ins>"
                           : md(line))
            << '\n';
      }
    }
    for (const auto &f : c.findings) {
      out << "- **" << severity_word(f.severity, lang) << "** `" << f.rule_id << "`: " << md(finding_message(f, lang));
      if (!f.basis.empty()) {
        out << (lang == Lang::ja ? "（" : " (") << md(basis_text(f.basis, lang)) << (lang == Lang::ja ? "）" : ")");
      }
      out << '\n';
    }
    out << '\n';
  }
  out << "</details>\n";
}

} // namespace notice
