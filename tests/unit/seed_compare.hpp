// Line-by-line comparison of a rendered notice with the published seed text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace notice::test {

/// `line` without any whitespace: ASCII blanks, form feeds (page breaks), U+3000 and U+00A0. Japanese
/// text has no meaningful spaces; the seed's (番号法第 19条) are PDF extraction artefacts.
inline std::string without_whitespace(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v') {
      continue;
    }
    if (line.substr(i).starts_with("\u3000") || line.substr(i).starts_with("\u00a0")) {
      i += line.substr(i).starts_with("\u3000") ? 2 : 1;
      continue;
    }
    out += c;
  }
  return out;
}

/// The non-empty lines of `text` with whitespace removed.
inline std::vector<std::string> normalized_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string line = without_whitespace(text.substr(start, end - start));
    if (!line.empty()) {
      lines.push_back(std::move(line));
    }
    start = end + 1;
  }
  return lines;
}

inline bool starts_element(const std::string &line) {
  if (line.starts_with("・") || line.starts_with("【") || line.starts_with("令和") || line.starts_with("平成")) {
    return true;
  }
  // A category marker: digits of either width followed by a full-width full stop (1．, ２．).
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] >= '0' && line[i] <= '9') {
      ++i;
    } else if (line.compare(i, 2, "\xef\xbc") == 0 && i + 2 < line.size() &&
               static_cast<unsigned char>(line[i + 2]) >= 0x90 && static_cast<unsigned char>(line[i + 2]) <= 0x99) {
      i += 3; // ０-９ are U+FF10-U+FF19: EF BC 90-99
    } else {
      break;
    }
  }
  return i > 0 && line.compare(i, 3, "．") == 0;
}

/// The logical lines of the published seed: normalized_lines() with the PDF's soft wraps joined. A line
/// continues the previous one unless it starts an element (・ item, 【 heading, category marker, era date)
/// or the previous line is the title (the first line), a heading, or ends a sentence (。).
inline std::vector<std::string> seed_lines(std::string_view seed) {
  std::vector<std::string> lines;
  for (auto &line : normalized_lines(seed)) {
    if (!lines.empty()) {
      const std::string &previous = lines.back();
      const bool previous_closed = lines.size() == 1 || previous.ends_with("。") || previous.starts_with("【") ||
                                   (starts_element(previous) && !previous.starts_with("・"));
      if (!previous_closed && !starts_element(line)) {
        lines.back() += line;
        continue;
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

/// The text lines of Pandoc Markdown as the notice template writes it: heading marks, list dashes,
/// {#anchor} attributes, hard-break and escape backslashes removed; then normalized_lines().
inline std::vector<std::string> markdown_lines(std::string_view markdown) {
  std::string plain;
  std::size_t start = 0;
  while (start < markdown.size()) {
    const std::size_t end = std::min(markdown.find('\n', start), markdown.size());
    std::string line(markdown.substr(start, end - start));
    start = end + 1;
    for (const char *prefix : {"### ", "## ", "# ", "- "}) {
      if (line.starts_with(prefix)) {
        line.erase(0, std::string_view(prefix).size());
        break;
      }
    }
    if (line.ends_with("}")) {
      const auto brace = line.rfind(" {#");
      if (brace != std::string::npos) {
        line.erase(brace);
      }
    }
    std::string unescaped;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        ++i;
      } else if (line[i] == '\\') {
        continue; // a hard line break
      }
      unescaped += line[i];
    }
    plain += unescaped + "\n";
  }
  return normalized_lines(plain);
}

/// Empty when `actual` equals `expected` line by line; otherwise a description of the first difference.
inline std::string compare_lines(const std::vector<std::string> &expected, const std::vector<std::string> &actual) {
  for (std::size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    if (i >= actual.size()) {
      return "line " + std::to_string(i + 1) + " missing: " + expected[i];
    }
    if (i >= expected.size()) {
      return "line " + std::to_string(i + 1) + " extra: " + actual[i];
    }
    if (expected[i] != actual[i]) {
      return "line " + std::to_string(i + 1) + " differs:\n  seed:     " + expected[i] + "\n  rendered: " + actual[i];
    }
  }
  return {};
}

} // namespace notice::test
