#include "rules/text.hpp"


namespace notice::rules {
void for_each_text(const Notice &n, const std::function<void(const TextRef &)> &f) {
  f({&n.title});
  for (const auto &p : n.preamble) {
    f({&p.text});
  }
  for (const auto &c : n.categories) {
    f({&c.title, &c});
    for (const auto &t : c.intro) {
      f({&t, &c});
    }
    for (const auto &b : c.buckets) {
      f({&b.heading, &c, &b});
      for (const auto &u : b.items) {
        f({&u.text, &c, &b, &u});
        for (const auto &t : u.notes) {
          f({&t, &c, &b, &u});
        }
      }
    }
  }
  for (const auto &p : n.postscript) {
    f({&p.text});
  }
}

std::vector<Scope> scopes_of(const TextRef &ref) {
  std::vector<Scope> scopes;
  if (ref.item) {
    scopes.push_back({&ref.item->id, &ref.item->suppress});
  }
  if (ref.bucket) {
    scopes.push_back({&ref.bucket->id, &ref.bucket->suppress});
  }
  if (ref.category) {
    scopes.push_back({&ref.category->id, &ref.category->suppress});
  }
  return scopes;
}

Position locate(const Notice &notice, const Text &text, std::size_t offset, std::size_t length) {
  if (!notice.source || !text.pos.known() || offset > text.value.size()) {
    return text.pos;
  }
  const Source &source = *notice.source;
  const auto count_points = [](std::string_view s) {
    int n = 0;
    for (char c : s) {
      n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
  };
  // The value written on one line, plain or quoted, starting at its position.
  const std::string_view line = source.line(text.pos.line);
  std::size_t byte = 0;
  for (int column = 1; column < text.pos.column && byte < line.size(); ++column) {
    do {
      ++byte;
    } while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80);
  }
  std::string_view rest = line.substr(std::min(byte, line.size()));
  int quote = 0;
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    rest.remove_prefix(1);
    quote = 1;
  }
  const std::string_view head = std::string_view(text.value).substr(0, offset + length);
  if (rest.substr(0, head.size()) == head) {
    return Position{text.pos.line, text.pos.column + quote + count_points(text.value.substr(0, offset))};
  }
  // Folded, block or escaped values: find the passage itself on the following lines.
  const std::string_view passage = std::string_view(text.value).substr(offset, length);
  for (int l = text.pos.line; l < text.pos.line + 200; ++l) {
    const std::string_view candidate = source.line(l);
    if (const auto at = candidate.find(passage); at != std::string_view::npos && !passage.empty()) {
      return Position{l, 1 + count_points(candidate.substr(0, at))};
    }
  }
  return text.pos;
}

} // namespace notice::rules
