// Source files and positions in them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace notice {

/// A 1-based line and column (columns count Unicode code points). Zero means "unknown".
struct Position {
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
  auto operator<=>(const Position &) const = default;
};

/// The text of one input file, kept so that diagnostics can quote the offending line.
class Source {
public:
  /// Wraps `text` read from `path` (the path is only a label here; nothing is opened).
  Source(std::string path, std::string text);

  const std::string &path() const { return m_path; }
  const std::string &text() const { return m_text; }

  /// The text of 1-based `line` without its line break; empty when out of range.
  std::string_view line(int line) const;

  /// The position of byte `offset`, with the column counted in code points.
  Position position_of(std::size_t offset) const;

private:
  std::string m_path;
  std::string m_text;
  std::vector<std::size_t> m_line_starts;
};

} // namespace notice
