#include "rules/text.hpp"

#include <algorithm>

namespace notice::rules {
namespace {

void visit_joint_use(const JointUse &j, const TextRef &where, const std::function<void(const TextRef &)> &f) {
  const auto at = [&](const Text &t) {
    TextRef ref = where;
    ref.text = &t;
    f(ref);
  };
  at(j.heading);
  std::for_each(j.intro.begin(), j.intro.end(), at);
  for (const auto &e : j.entries) {
    at(e.label);
    std::for_each(e.lines.begin(), e.lines.end(), at);
  }
  if (j.entries.empty()) {
    for (const char *field : k_joint_use_fields) {
      at(*joint_use_field(j, field));
    }
  }
}

void visit_entries(const std::vector<ListEntry> &entries, const TextRef &where,
                   const std::function<void(const TextRef &)> &f) {
  for (const auto &e : entries) {
    TextRef ref = where;
    ref.text = &e.text;
    f(ref);
    visit_entries(e.children, where, f);
  }
}

void visit_blocks(const std::vector<Block> &blocks, const TextRef &where,
                  const std::function<void(const TextRef &)> &f) {
  for (const auto &b : blocks) {
    TextRef ref = where;
    ref.block = &b;
    const auto at = [&](const Text &t) {
      TextRef r = ref;
      r.text = &t;
      f(r);
    };
    at(b.text);
    at(b.caption);
    std::for_each(b.header.begin(), b.header.end(), at);
    for (const auto &row : b.rows) {
      std::for_each(row.begin(), row.end(), at);
    }
    for (const auto &field : b.fields) {
      at(field.label);
      std::for_each(field.value.begin(), field.value.end(), at);
    }
    visit_entries(b.entries, ref, f);
    if (b.joint_use) {
      visit_joint_use(*b.joint_use, ref, f);
    }
    visit_blocks(b.children, ref, f);
  }
}

} // namespace

void for_each_text(const Notice &n, const std::function<void(const TextRef &)> &f) {
  // Empty texts (absent optional values) are skipped: a rule never needs them.
  const auto g = [&](const TextRef &ref) {
    if (ref.text && !ref.text->empty()) {
      f(ref);
    }
  };
  g({&n.title});
  for (const auto &t : n.title_lines) {
    g({&t});
  }
  for (const auto &p : n.preamble) {
    g({&p.text});
  }
  visit_blocks(n.body, {}, g);
  for (const auto &c : n.categories) {
    g({&c.title, &c});
    for (const auto &t : c.intro) {
      g({&t, &c});
    }
    for (const auto &b : c.buckets) {
      g({&b.heading, &c, &b});
      for (const auto &u : b.items) {
        for_each_item_text(&c, &b, u, f);
      }
      if (b.joint_use) {
        visit_joint_use(*b.joint_use, {nullptr, &c, &b}, g);
      }
      visit_blocks(b.notes, {nullptr, &c, &b}, g);
    }
    visit_blocks(c.notes, {nullptr, &c}, g);
  }
  for (const auto &p : n.postscript) {
    g({&p.text});
  }
}

void for_each_item_text(const Category *c, const Bucket *b, const UseCase &u,
                        const std::function<void(const TextRef &)> &f) {
  const auto g = [&](const TextRef &ref) {
    if (ref.text && !ref.text->empty()) {
      f(ref);
    }
  };
  g({&u.text, c, b, &u});
  for (const auto &t : u.notes) {
    g({&t, c, b, &u});
  }
  if (u.joint_use) {
    visit_joint_use(*u.joint_use, {nullptr, c, b, &u}, g);
  }
}

std::vector<Scope> scopes_of(const TextRef &ref) {
  std::vector<Scope> scopes;
  if (ref.block) {
    scopes.push_back({&ref.block->id, &ref.block->suppress});
  }
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
