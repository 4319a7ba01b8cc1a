// Hygiene of the text itself: characters that make a notice read differently from what it says.
#include "rules/context.hpp"

#include "notice/escape.hpp"

#include <array>

namespace notice::rules {
namespace {

struct BidiName {
  char32_t cp;
  const char *name;
};

constexpr std::array<BidiName, 9> k_bidi_names = {{
    {0x202A, "LEFT-TO-RIGHT EMBEDDING"},
    {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
    {0x202C, "POP DIRECTIONAL FORMATTING"},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE"},
    {0x2066, "LEFT-TO-RIGHT ISOLATE"},
    {0x2067, "RIGHT-TO-LEFT ISOLATE"},
    {0x2068, "FIRST STRONG ISOLATE"},
    {0x2069, "POP DIRECTIONAL ISOLATE"},
}};

// All nine are three UTF-8 bytes: E2 80 AA–AE and E2 81 A6–A9.
std::optional<char32_t> bidi_at(std::string_view text, std::size_t i) {
  if (i + 3 > text.size() || static_cast<unsigned char>(text[i]) != 0xE2) {
    return std::nullopt;
  }
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  const auto b2 = static_cast<unsigned char>(text[i + 2]);
  const char32_t cp = 0x2000 | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
  if ((b2 & 0xC0) != 0x80 || !is_bidi_control(cp)) {
    return std::nullopt;
  }
  return cp;
}

std::string hex(char32_t cp) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) {
    out += k_hex[(cp >> shift) & 0xF];
  }
  return out;
}

// Where the first bidi control of `text` stands in the file: found in the raw source from the
// scalar's start (a quoted "\u202E" escape has no raw bytes there: then the scalar's position).
Position locate(const Notice &notice, const Text &text) {
  if (!notice.source || !text.pos.known()) {
    return text.pos;
  }
  const std::string &source = notice.source->text();
  const std::string_view line = notice.source->line(text.pos.line);
  std::size_t offset = static_cast<std::size_t>(line.data() - source.data());
  for (int column = 1; column < text.pos.column && offset < source.size(); ++column) {
    do {
      ++offset;
    } while (offset < source.size() && (static_cast<unsigned char>(source[offset]) & 0xC0) == 0x80);
  }
  const std::size_t end = std::min(source.size(), offset + 2 * text.value.size() + 256);
  for (std::size_t i = offset; i < end; ++i) {
    if (bidi_at(source, i)) {
      return notice.source->position_of(i);
    }
  }
  return text.pos;
}

void check_text(Context &ctx, const Text &text, std::initializer_list<Scope> scopes = {}) {
  std::size_t count = 0;
  std::optional<char32_t> first;
  // Every bidi control starts with the byte E2: only those places are looked at.
  const std::string &value = text.value;
  for (std::size_t i = value.find('\xE2'); i != std::string::npos; i = value.find('\xE2', i + 1)) {
    if (const auto cp = bidi_at(value, i)) {
      first = first ? first : cp;
      ++count;
    }
  }
  if (!first) {
    return;
  }
  const char *name = "";
  for (const auto &b : k_bidi_names) {
    name = b.cp == *first ? b.name : name;
  }
  const std::string which = hex(*first) + " (" + name + ")";
  const std::string more = count > 1 ? " and " + std::to_string(count - 1) + " more" : "";
  const std::string more_ja = count > 1 ? "ほか " + std::to_string(count - 1) + " 個" : "";
  ctx.report("bidi-control", locate(ctx.notice(), text),
             {"bidi control character " + which + more +
                  " in published text: it makes the text display in another order than it is written, so "
                  "readers see something else than the notice says; remove it",
              "公表する文に双方向制御文字 " + which + more_ja +
                  " があります。文字が書かれた順と異なる順に表示され、読み手は公表文の実際の内容と違うものを目にし"
                  "ます。削除してください"},
             scopes);
}

void check_joint_use(Context &ctx, const std::optional<JointUse> &joint, std::initializer_list<Scope> scopes) {
  if (!joint) {
    return;
  }
  for (const Text *t :
       {&joint->items, &joint->scope, &joint->purpose, &joint->responsible, &joint->address, &joint->representative}) {
    check_text(ctx, *t, scopes);
  }
}

} // namespace

void check_hygiene_file(Context &ctx) {
  const Notice &n = ctx.notice();
  for (const Text *t : {&n.title, &n.insurer.name, &n.insurer.address, &n.insurer.representative}) {
    check_text(ctx, *t);
  }
  for (const auto &term : n.terms) {
    check_text(ctx, term.term);
    check_text(ctx, term.meaning);
  }
  for (const auto &p : n.preamble) {
    check_text(ctx, p.text);
  }
  for (const auto &d : n.data) {
    check_text(ctx, d.name);
    check_text(ctx, d.description);
  }
  for (const auto &p : n.parties) {
    check_text(ctx, p.name);
    check_text(ctx, p.description);
  }
  for (const auto &c : n.categories) {
    const std::initializer_list<Scope> in_category = {{&c.id, &c.suppress}};
    check_text(ctx, c.marker, in_category);
    check_text(ctx, c.title, in_category);
    for (const auto &intro : c.intro) {
      check_text(ctx, intro, in_category);
    }
    for (const auto &b : c.buckets) {
      const std::initializer_list<Scope> in_bucket = {{&b.id, &b.suppress}, {&c.id, &c.suppress}};
      check_text(ctx, b.heading, in_bucket);
      check_joint_use(ctx, b.joint_use, in_bucket);
      for (const auto &u : b.items) {
        const std::initializer_list<Scope> in_item = {{&u.id, &u.suppress}, {&b.id, &b.suppress}, {&c.id, &c.suppress}};
        check_text(ctx, u.text, in_item);
        for (const auto &note : u.notes) {
          check_text(ctx, note, in_item);
        }
        for (const auto &basis : u.basis) {
          check_text(ctx, basis.note, in_item);
        }
        check_joint_use(ctx, u.joint_use, in_item);
      }
    }
  }
  for (const auto &p : n.postscript) {
    check_text(ctx, p.text);
  }
  for (const auto &r : n.revisions) {
    check_text(ctx, r.wording);
  }
}

} // namespace notice::rules
