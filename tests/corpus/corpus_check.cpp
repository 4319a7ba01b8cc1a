// The real-notice corpus checks (tests/data/real/<slug>/): an encoding renders back to its source
// text, whitespace aside, and validates with exactly the findings judged true in expectations.yaml.
//
//   corpus_check roundtrip SOURCE.txt RENDERED.txt
//   corpus_check findings SLUG VALIDATE.json EXPECTATIONS.yaml
//   corpus_check compare IMPORTED.yaml ENCODED.yaml
//     (issue 12's figures: the items of the hand encoding that `import` recovered with their wording, and
//     of those the flows it decided, and decided as the encoding reads them; one line on standard output)
//
// Exit 0 when they agree, 1 with the first difference (or every unexpected and missing finding) on
// standard output, 2 on unreadable input.
#include "yaml_tree.hpp"

#include "notice/load.hpp"
#include "notice/source.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(path + ": cannot read");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// One code point of `text` at `i` (advanced past it); malformed bytes come back one by one.
char32_t next_code_point(const std::string &text, std::size_t &i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + static_cast<std::size_t>(length) > text.size()) {
    length = 1;
  }
  char32_t cp = length == 1 ? c : c & (0xFF >> (length + 1));
  for (int k = 1; k < length; ++k) {
    cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  }
  i += static_cast<std::size_t>(length);
  return cp;
}

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\u3000' || c == U'\u00A0';
}

// The text without whitespace, one entry per code point with the line it came from. What is
// normalised: ASCII spaces and tabs, U+3000 and U+00A0 anywhere, line breaks, and at the start of a
// line (after its indentation) a bullet the capture draws for an HTML list item: "• " or "- ", or a
// lone "•" or "-" line. Numbers of HTML ordered lists ("  1. ") are kept: encodings give them as markers.
struct Normalised {
  std::vector<char32_t> chars;
  std::vector<std::size_t> line_of;
  std::vector<std::string> lines;
};

Normalised normalise(const std::string &text) {
  Normalised out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    out.lines.push_back(line);
    std::vector<char32_t> cps;
    for (std::size_t i = 0; i < line.size();) {
      cps.push_back(next_code_point(line, i));
    }
    std::size_t start = 0;
    while (start < cps.size() && is_space(cps[start])) {
      ++start;
    }
    if (start < cps.size() && (cps[start] == U'•' || cps[start] == U'-') &&
        (start + 1 == cps.size() || is_space(cps[start + 1]))) {
      ++start;
    }
    for (std::size_t k = start; k < cps.size(); ++k) {
      if (!is_space(cps[k])) {
        out.chars.push_back(cps[k]);
        out.line_of.push_back(out.lines.size());
      }
    }
  }
  return out;
}

int roundtrip(const std::string &source_path, const std::string &rendered_path) {
  const Normalised source = normalise(read_file(source_path));
  const Normalised rendered = normalise(read_file(rendered_path));
  std::size_t same = 0;
  while (same < source.chars.size() && same < rendered.chars.size() && source.chars[same] == rendered.chars[same]) {
    ++same;
  }
  std::cout << "characters rendered back: " << same << " / " << source.chars.size()
            << " of the source (whitespace aside); the rendering has " << rendered.chars.size() << "\n";
  if (same == source.chars.size() && same == rendered.chars.size()) {
    return 0;
  }
  const auto show = [&](const char *side, const Normalised &n) {
    if (same < n.chars.size()) {
      const std::size_t line = n.line_of[same];
      std::cout << side << " line " << line << ": " << n.lines[line - 1] << "\n";
    } else {
      std::cout << side << ": ends here\n";
    }
  };
  std::cout << "first difference after " << same << " characters:\n";
  show("source  ", source);
  show("rendered", rendered);
  return 1;
}

using Finding = std::tuple<std::string, long>; // rule, line

int findings(const std::string &slug, const std::string &json_path, const std::string &expectations_path) {
  std::multiset<Finding> actual;
  const auto report = nlohmann::json::parse(read_file(json_path));
  for (const auto &file : report.at("files")) {
    for (const auto &d : file.at("diagnostics")) {
      actual.emplace(d.at("rule").get<std::string>(), d.value("line", 0L));
    }
  }
  const std::string text = read_file(expectations_path);
  const notice::Source source(expectations_path, text);
  const auto parsed = notice::detail::parse_yaml(source, notice::LoadLimits{});
  if (parsed.problem || !parsed.root || !parsed.root->is_sequence()) {
    std::cout << expectations_path << ": not a YAML list of findings\n";
    return 2;
  }
  std::multiset<Finding> expected;
  std::size_t judged_false = 0;
  for (const auto &entry : parsed.root->children) {
    const auto value = [&](std::string_view key) {
      const auto *node = entry.get(key);
      return node && node->is_scalar() ? node->scalar : std::string();
    };
    if (value("slug") != slug) {
      continue;
    }
    if (value("verdict") != "true") {
      ++judged_false;
      continue;
    }
    expected.emplace(value("rule"), std::stol(value("line").empty() ? "0" : value("line")));
  }
  int status = 0;
  for (const auto &f : std::set<Finding>(actual.begin(), actual.end())) {
    if (actual.count(f) > expected.count(f)) {
      std::cout << "unexpected finding: " << std::get<0>(f) << " at line " << std::get<1>(f) << "\n";
      status = 1;
    }
  }
  for (const auto &f : std::set<Finding>(expected.begin(), expected.end())) {
    if (expected.count(f) > actual.count(f)) {
      std::cout << "missing finding: " << std::get<0>(f) << " at line " << std::get<1>(f) << "\n";
      status = 1;
    }
  }
  if (judged_false > 0) {
    std::cout << slug << ": " << judged_false << " finding(s) judged false in " << expectations_path
              << "; a false positive is a bug to fix, not an expectation\n";
    status = 1;
  }
  std::cout << "findings: " << actual.size() << " reported, " << expected.size() << " expected true\n";
  return status;
}

std::string squeezed(const std::string &text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    if (!is_space(next_code_point(text, i))) {
      out.append(text, start, i - start);
    }
  }
  return out;
}

int compare(const std::string &imported_path, const std::string &encoded_path) {
  const auto imported = notice::load_text(imported_path, read_file(imported_path));
  const auto encoded = notice::load_text(encoded_path, read_file(encoded_path));
  if (!imported.notice || !encoded.notice) {
    std::cerr << "compare: a file does not load\n";
    return 2;
  }
  struct Seen {
    notice::FlowKind flow;
    bool decided;
  };
  std::vector<std::pair<std::string, Seen>> found; // imported items by wording
  for (const auto &c : imported.notice->categories) {
    for (const auto &b : c.buckets) {
      for (const auto &u : b.items) {
        const bool open = std::any_of(u.undecided.begin(), u.undecided.end(),
                                      [](const notice::Text &t) { return t.value == "flow"; });
        found.push_back({squeezed(u.text.value), {notice::effective_flow(u, b), !open}});
      }
    }
  }
  int printed = 0, recovered = 0, decided = 0, agreeing = 0;
  for (const auto &c : encoded.notice->categories) {
    for (const auto &b : c.buckets) {
      for (const auto &u : b.items) {
        ++printed;
        const std::string want = squeezed(u.text.value);
        const auto it = std::find_if(found.begin(), found.end(), [&](const auto &f) { return f.first == want; });
        if (it == found.end()) {
          continue;
        }
        ++recovered;
        if (it->second.decided) {
          ++decided;
          agreeing += it->second.flow == notice::effective_flow(u, b) ? 1 : 0;
        }
        found.erase(it);
      }
    }
  }
  // Joint-use disclosures printed around the purposes: entries of the encoding whose label the import
  // has as the label of a joint_use entry (whitespace aside).
  const auto joint_entries = [](const notice::Notice &n) {
    std::vector<std::string> labels;
    const std::function<void(const std::vector<notice::Block> &)> walk = [&](const std::vector<notice::Block> &bs) {
      for (const auto &b : bs) {
        if (b.kind == notice::Block::Kind::joint_use && b.joint_use) {
          for (const auto &e : b.joint_use->entries) {
            labels.push_back(squeezed(e.label.value));
          }
        }
        walk(b.children);
      }
    };
    walk(n.body);
    return labels;
  };
  std::vector<std::string> imported_labels = joint_entries(*imported.notice);
  int joint_printed = 0, joint_recovered = 0;
  for (const auto &label : joint_entries(*encoded.notice)) {
    ++joint_printed;
    const auto it = std::find(imported_labels.begin(), imported_labels.end(), label);
    if (it != imported_labels.end()) {
      ++joint_recovered;
      imported_labels.erase(it);
    }
  }
  std::cout << "items recovered " << recovered << "/" << printed << "; flows decided " << decided << ", agreeing "
            << agreeing << "; joint-use entries recovered " << joint_recovered << "/" << joint_printed << "\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 3 && args[0] == "roundtrip") {
      return roundtrip(args[1], args[2]);
    }
    if (args.size() == 3 && args[0] == "compare") {
      return compare(args[1], args[2]);
    }
    if (args.size() == 4 && args[0] == "findings") {
      return findings(args[1], args[2], args[3]);
    }
    std::cerr << "usage: corpus_check roundtrip SOURCE RENDERED | findings SLUG JSON EXPECTATIONS\n";
    return 2;
  } catch (const std::exception &e) {
    std::cerr << "corpus_check: " << e.what() << "\n";
    return 2;
  }
}
