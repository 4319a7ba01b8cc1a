#include "notice/source.hpp"

#include <algorithm>

namespace notice {

Source::Source(std::string path, std::string text) : m_path(std::move(path)), m_text(std::move(text)) {
  m_line_starts.push_back(0);
  for (std::size_t i = m_text.find('\n'); i != std::string::npos; i = m_text.find('\n', i + 1)) {
    m_line_starts.push_back(i + 1);
  }
}

std::string_view Source::line(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > m_line_starts.size()) {
    return {};
  }
  const std::size_t begin = m_line_starts[static_cast<std::size_t>(line - 1)];
  std::size_t end = m_text.find('\n', begin);
  if (end == std::string::npos) {
    end = m_text.size();
  }
  if (end > begin && m_text[end - 1] == '\r') {
    --end;
  }
  return std::string_view(m_text).substr(begin, end - begin);
}

Position Source::position_of(std::size_t offset) const {
  offset = std::min(offset, m_text.size());
  const auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  const auto line_index = static_cast<std::size_t>(it - m_line_starts.begin()) - 1;
  int column = 1;
  for (std::size_t i = m_line_starts[line_index]; i < offset; ++i) {
    // Count code points: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return Position{static_cast<int>(line_index) + 1, column};
}

} // namespace notice
