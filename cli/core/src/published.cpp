// check-published: the published copy against the revision in force, line by line.
#include "notice/published.hpp"

#include "diff/text.hpp"
#include "import/cjk.hpp"

#include "notice/diff.hpp"
#include "notice/era.hpp"
#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/render.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <ostream>
#include <unordered_map>

namespace notice {
namespace {

// normalise_line(), or with a leading bullet kept: lines joined for a re-wrap keep theirs.
std::string normalise(std::string_view line, bool keep_bullet);

// ---------------------------------------------------------------------------------------------
// Expected lines and where they come from

struct Anchor {
  std::string normal; // normalised value
  std::string raw;
  Position pos;
};

void add_anchor(std::vector<Anchor> &anchors, const std::string &value, Position pos) {
  std::string normal = normalise_line(value);
  if (!normal.empty()) {
    anchors.push_back({std::move(normal), value, pos});
  }
}

void add_joint_use(std::vector<Anchor> &anchors, const JointUse &joint) {
  for (const Text *field :
       {&joint.items, &joint.scope, &joint.purpose, &joint.responsible, &joint.address, &joint.representative}) {
    add_anchor(anchors, field->value, field->pos);
  }
}

// The values of the view in the order render prints them.
std::vector<Anchor> anchors_of(const Notice &view) {
  std::vector<Anchor> anchors;
  add_anchor(anchors, view.title.value, view.title.pos);
  for (const auto &p : view.preamble) {
    add_anchor(anchors, p.text.value, p.text.pos);
  }
  for (const auto &c : view.categories) {
    add_anchor(anchors, c.marker.value + c.title.value, c.marker.pos.known() ? c.marker.pos : c.title.pos);
    for (const auto &intro : c.intro) {
      add_anchor(anchors, intro.value, intro.pos);
    }
    for (const auto &b : c.buckets) {
      add_anchor(anchors, b.heading.value, b.heading.pos);
      for (const auto &item : b.items) {
        add_anchor(anchors, item.text.value, item.text.pos);
        for (const auto &note : item.notes) {
          add_anchor(anchors, note.value, note.pos);
        }
        if (item.joint_use) {
          add_joint_use(anchors, *item.joint_use);
        }
      }
      if (b.joint_use) {
        add_joint_use(anchors, *b.joint_use);
      }
    }
  }
  for (const auto &p : view.postscript) {
    add_anchor(anchors, p.text.value, p.text.pos);
  }
  for (std::size_t i = 0; i < view.revisions.size(); ++i) {
    const Revision &r = view.revisions[i];
    if (!r.wording.empty()) {
      add_anchor(anchors, r.wording.value, r.wording.pos);
    } else {
      add_anchor(anchors, default_revision_wording(r.effective, i == 0), r.pos);
    }
  }
  return anchors;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x3000;
}

char32_t canonical(char32_t c) {
  c = import::unify_radical(c);
  switch (c) {
  case 0x301C: // WAVE DASH (JIS) / FULLWIDTH TILDE (CP932)
    return 0xFF5E;
  case 0x2016: // DOUBLE VERTICAL LINE / PARALLEL TO
    return 0x2225;
  case 0x2212: // MINUS SIGN / FULLWIDTH HYPHEN-MINUS
    return 0xFF0D;
  case 0x2014: // EM DASH / HORIZONTAL BAR
    return 0x2015;
  case 0x00A2:
    return 0xFFE0;
  case 0x00A3:
    return 0xFFE1;
  case 0x00AC:
    return 0xFFE2;
  default:
    break;
  }
  if (c >= 0xFF10 && c <= 0xFF19) {
    return U'0' + (c - 0xFF10);
  }
  return c;
}

bool is_bullet(char32_t c) {
  static constexpr std::u32string_view k_bullets = U"・•●○◦▪■-*";
  return k_bullets.find(c) != std::u32string_view::npos;
}

// ---------------------------------------------------------------------------------------------
// Alignment

enum class Op { equal, extra, missing };

struct Step {
  Op op;
  std::size_t a = 0; // published index (equal, extra)
  std::size_t b = 0; // expected index (equal, missing)
};

class Aligner {
public:
  Aligner(const std::vector<std::uint32_t> &a, const std::vector<std::uint32_t> &b) : m_a(a), m_b(b) {}

  std::vector<Step> run() {
    align(0, m_a.size(), 0, m_b.size());
    return std::move(m_steps);
  }

private:
  const std::vector<std::uint32_t> &m_a;
  const std::vector<std::uint32_t> &m_b;
  std::vector<Step> m_steps;

  // Above this many cells the table would be large; unique lines anchor the alignment instead.
  static constexpr std::size_t k_max_cells = 4'000'000;

  void align(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    while (a0 < a1 && b0 < b1 && m_a[a0] == m_b[b0]) {
      m_steps.push_back({Op::equal, a0++, b0++});
    }
    std::vector<Step> tail;
    while (a1 > a0 && b1 > b0 && m_a[a1 - 1] == m_b[b1 - 1]) {
      tail.push_back({Op::equal, --a1, --b1});
    }
    const std::size_t n = a1 - a0;
    const std::size_t m = b1 - b0;
    if (n == 0 || m == 0) {
      for (std::size_t i = a0; i < a1; ++i) {
        m_steps.push_back({Op::extra, i, 0});
      }
      for (std::size_t j = b0; j < b1; ++j) {
        m_steps.push_back({Op::missing, 0, j});
      }
    } else if (n * m <= k_max_cells) {
      table(a0, a1, b0, b1);
    } else {
      patience(a0, a1, b0, b1);
    }
    m_steps.insert(m_steps.end(), tail.rbegin(), tail.rend());
  }

  void table(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    const std::size_t n = a1 - a0;
    const std::size_t m = b1 - b0;
    // n * m <= 4e6 keeps min(n, m), the largest possible value, within 16 bits.
    std::vector<std::uint16_t> t((n + 1) * (m + 1), 0);
    const auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        t[at(i, j)] = m_a[a0 + i] == m_b[b0 + j] ? static_cast<std::uint16_t>(t[at(i + 1, j + 1)] + 1)
                                                 : std::max(t[at(i + 1, j)], t[at(i, j + 1)]);
      }
    }
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n && j < m) {
      if (m_a[a0 + i] == m_b[b0 + j]) {
        m_steps.push_back({Op::equal, a0 + i++, b0 + j++});
      } else if (t[at(i + 1, j)] >= t[at(i, j + 1)]) {
        m_steps.push_back({Op::extra, a0 + i++, 0});
      } else {
        m_steps.push_back({Op::missing, 0, b0 + j++});
      }
    }
    for (; i < n; ++i) {
      m_steps.push_back({Op::extra, a0 + i, 0});
    }
    for (; j < m; ++j) {
      m_steps.push_back({Op::missing, 0, b0 + j});
    }
  }

  // Patience diff: lines that occur once on each side, in an order both sides agree on (longest
  // increasing subsequence), split the problem; the gaps are aligned on their own.
  void patience(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    std::unordered_map<std::uint32_t, std::pair<int, std::size_t>> in_a;
    std::unordered_map<std::uint32_t, std::pair<int, std::size_t>> in_b;
    for (std::size_t i = a0; i < a1; ++i) {
      auto &e = in_a[m_a[i]];
      ++e.first;
      e.second = i;
    }
    for (std::size_t j = b0; j < b1; ++j) {
      auto &e = in_b[m_b[j]];
      ++e.first;
      e.second = j;
    }
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = a0; i < a1; ++i) {
      const auto ea = in_a.find(m_a[i]);
      const auto eb = in_b.find(m_a[i]);
      if (ea->second.first == 1 && eb != in_b.end() && eb->second.first == 1) {
        pairs.emplace_back(i, eb->second.second);
      }
    }
    // Longest increasing subsequence of the b indexes (patience sorting).
    std::vector<std::size_t> piles;
    std::vector<std::size_t> previous(pairs.size(), SIZE_MAX);
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      const auto pos = std::lower_bound(piles.begin(), piles.end(), pairs[k].second,
                                        [&](std::size_t pile, std::size_t b) { return pairs[pile].second < b; });
      if (pos != piles.begin()) {
        previous[k] = *(pos - 1);
      }
      if (pos == piles.end()) {
        piles.push_back(k);
      } else {
        *pos = k;
      }
    }
    std::vector<std::pair<std::size_t, std::size_t>> anchors;
    for (std::size_t k = piles.empty() ? SIZE_MAX : piles.back(); k != SIZE_MAX; k = previous[k]) {
      anchors.push_back(pairs[k]);
    }
    std::reverse(anchors.begin(), anchors.end());
    if (anchors.empty()) {
      // Nothing to hold on to: everything here differs.
      for (std::size_t i = a0; i < a1; ++i) {
        m_steps.push_back({Op::extra, i, 0});
      }
      for (std::size_t j = b0; j < b1; ++j) {
        m_steps.push_back({Op::missing, 0, j});
      }
      return;
    }
    std::size_t i = a0;
    std::size_t j = b0;
    for (const auto &[ai, bj] : anchors) {
      align(i, ai, j, bj);
      m_steps.push_back({Op::equal, ai, bj});
      i = ai + 1;
      j = bj + 1;
    }
    align(i, a1, j, b1);
  }
};

std::string without_spaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ') {
      out += c;
    }
  }
  return out;
}

// What a run of extra and missing lines between two equal ones really is.
struct Resolution {
  enum class Kind { rewrapped, changed, extra, missing };
  Kind kind;
  std::size_t p_begin = 0, p_end = 0; // published lines [p_begin, p_end)
  std::size_t r_begin = 0, r_end = 0; // expected lines
};

class HunkResolver {
public:
  // `published` and `expected` as normalise_line() gives them; the `_joinable` ones without spaces
  // and the `_full` ones also with their leading bullets, for recognising re-wrapped lines.
  HunkResolver(const std::vector<std::string> &published, const std::vector<std::string> &expected,
               const std::vector<std::string> &published_joinable, const std::vector<std::string> &expected_joinable,
               const std::vector<std::string> &published_full, const std::vector<std::string> &expected_full)
      : m_published(published), m_expected(expected), m_published_joinable(published_joinable),
        m_expected_joinable(expected_joinable), m_published_full(published_full), m_expected_full(expected_full) {}

  // `p` and `r`: indexes of the extra and missing lines, each in order.
  std::vector<Resolution> resolve(const std::vector<std::size_t> &p, const std::vector<std::size_t> &r) {
    const std::size_t n = p.size();
    const std::size_t m = r.size();
    if (n * m > k_max_cells) {
      return positional(p, r);
    }
    std::vector<std::vector<std::uint64_t>> pb(n);
    std::vector<std::vector<std::uint64_t>> rb(m);
    // A line longer than any notice has (a hostile file's one huge line) pairs with nothing.
    const auto too_long = [](const std::string &line) { return line.size() > k_max_line_bytes; };
    for (std::size_t i = 0; i < n; ++i) {
      if (!too_long(m_published[p[i]])) {
        pb[i] = detail::bigrams(m_published[p[i]]);
      }
    }
    for (std::size_t j = 0; j < m; ++j) {
      if (!too_long(m_expected[r[j]])) {
        rb[j] = detail::bigrams(m_expected[r[j]]);
      }
    }
    const auto similarity = [&](std::size_t i, std::size_t j) {
      if (too_long(m_published[p[i]]) || too_long(m_expected[r[j]])) {
        return 0.0;
      }
      if (pb[i].empty() && rb[j].empty()) {
        return m_published[p[i]] == m_expected[r[j]] ? 1.0 : 0.0;
      }
      return 2.0 * static_cast<double>(detail::shared_count(pb[i], rb[j])) /
             static_cast<double>(pb[i].size() + rb[j].size());
    };
    // score[i][j]: the best alignment of p[i..] with r[j..]; a rewrapped line is worth 2 per line,
    // a changed pair its similarity (at least 0.5), a line left over nothing.
    std::vector<double> score((n + 1) * (m + 1), 0.0);
    std::vector<Resolution> choice((n + 1) * (m + 1), Resolution{Resolution::Kind::extra});
    const auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
    for (std::size_t i = n + 1; i-- > 0;) {
      for (std::size_t j = m + 1; j-- > 0;) {
        if (i == n && j == m) {
          continue;
        }
        double best = -1;
        Resolution pick{Resolution::Kind::extra};
        if (i < n) {
          best = score[at(i + 1, j)];
          pick = {Resolution::Kind::extra, i, i + 1, j, j};
        }
        if (j < m && score[at(i, j + 1)] > best) {
          best = score[at(i, j + 1)];
          pick = {Resolution::Kind::missing, i, i, j, j + 1};
        }
        if (i < n && j < m) {
          const double s = similarity(i, j);
          if (s >= 0.5 && s + score[at(i + 1, j + 1)] > best) {
            best = s + score[at(i + 1, j + 1)];
            pick = {Resolution::Kind::changed, i, i + 1, j, j + 1};
          }
          if (const std::size_t k =
                  rewrap(p, i, m_published_joinable, m_published_full, r[j], m_expected_joinable, m_expected_full);
              k > 1) {
            const double v = 2.0 * static_cast<double>(k) + score[at(i + k, j + 1)];
            if (v > best) {
              best = v;
              pick = {Resolution::Kind::rewrapped, i, i + k, j, j + 1};
            }
          }
          if (const std::size_t k =
                  rewrap(r, j, m_expected_joinable, m_expected_full, p[i], m_published_joinable, m_published_full);
              k > 1) {
            const double v = 2.0 * static_cast<double>(k) + score[at(i + 1, j + k)];
            if (v > best) {
              best = v;
              pick = {Resolution::Kind::rewrapped, i, i + 1, j, j + k};
            }
          }
        }
        score[at(i, j)] = best;
        choice[at(i, j)] = pick;
      }
    }
    std::vector<Resolution> out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
      Resolution step = choice[at(i, j)];
      i = step.p_end;
      j = step.r_end;
      step.p_begin = step.p_begin < n ? p[step.p_begin] : 0;
      step.p_end =
          step.p_end > 0 && step.p_end <= n && step.kind != Resolution::Kind::missing ? p[step.p_end - 1] + 1 : 0;
      step.r_begin = step.r_begin < m ? r[step.r_begin] : 0;
      step.r_end =
          step.r_end > 0 && step.r_end <= m && step.kind != Resolution::Kind::extra ? r[step.r_end - 1] + 1 : 0;
      out.push_back(step);
    }
    return out;
  }

private:
  const std::vector<std::string> &m_published;
  const std::vector<std::string> &m_expected;
  const std::vector<std::string> &m_published_joinable;
  const std::vector<std::string> &m_expected_joinable;
  const std::vector<std::string> &m_published_full;
  const std::vector<std::string> &m_expected_full;
  static constexpr std::size_t k_max_cells = 250'000;
  static constexpr std::size_t k_max_join = 8;
  static constexpr std::size_t k_max_line_bytes = 64 * 1024;

  // How many of lines[idx[from]…] joined give `goal`; 0 when no run does. The lines here have
  // their spaces removed already, so that a join need not guess whether a space belongs.
  static std::size_t joined(const std::vector<std::size_t> &idx, std::size_t from,
                            const std::vector<std::string> &lines, const std::string &goal) {
    std::string acc;
    for (std::size_t k = from; k < idx.size() && k - from < k_max_join; ++k) {
      acc += lines[idx[k]];
      if (acc.size() >= goal.size()) {
        return acc == goal ? k - from + 1 : 0;
      }
      if (!goal.starts_with(acc)) {
        return 0;
      }
    }
    return 0;
  }

  // How many lines from idx[from] make up the other side's line `target` when joined: compared
  // with their bullets (a line break lost before "・…") and, failing that, without.
  static std::size_t rewrap(const std::vector<std::size_t> &idx, std::size_t from,
                            const std::vector<std::string> &lines, const std::vector<std::string> &lines_full,
                            std::size_t target, const std::vector<std::string> &other,
                            const std::vector<std::string> &other_full) {
    const std::size_t k = joined(idx, from, lines_full, other_full[target]);
    return k > 1 ? k : joined(idx, from, lines, other[target]);
  }

  // For very large runs: lines paired by position when at least half alike; the others are
  // reported as the published copy's extra lines, then the notice's missing ones.
  std::vector<Resolution> positional(const std::vector<std::size_t> &p, const std::vector<std::size_t> &r) {
    std::vector<Resolution> out;
    std::vector<Resolution> missing;
    const std::size_t common = std::min(p.size(), r.size());
    for (std::size_t k = 0; k < std::max(p.size(), r.size()); ++k) {
      const bool comparable =
          k < common && m_published[p[k]].size() <= k_max_line_bytes && m_expected[r[k]].size() <= k_max_line_bytes;
      if (comparable && text_similarity(m_published[p[k]], m_expected[r[k]]) >= 0.5) {
        out.push_back({Resolution::Kind::changed, p[k], p[k] + 1, r[k], r[k] + 1});
        continue;
      }
      if (k < p.size()) {
        out.push_back({Resolution::Kind::extra, p[k], p[k] + 1, 0, 0});
      }
      if (k < r.size()) {
        missing.push_back({Resolution::Kind::missing, 0, 0, r[k], r[k] + 1});
      }
    }
    out.insert(out.end(), missing.begin(), missing.end());
    return out;
  }
};

// ---------------------------------------------------------------------------------------------
// Writing

std::string notice_position(const PublishedReportContext &context, const Position &pos) {
  if (!pos.known()) {
    return context.notice_path;
  }
  return context.notice_path + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

// The changed passage with a little context: [-only in the published copy-]{+only in the notice+}.
std::string passage(const std::string &published, const std::string &expected) {
  constexpr std::size_t k_context = 10;
  const auto segments = diff_text(published, expected);
  std::string out;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    const auto &s = segments[k];
    if (s.op == TextSegment::Op::removed) {
      out += "[-" + s.text + "-]";
    } else if (s.op == TextSegment::Op::inserted) {
      out += "{+" + s.text + "+}";
    } else {
      const std::u32string cps = detail::code_points(s.text);
      const bool first = k == 0;
      const bool last = k + 1 == segments.size();
      if (cps.size() <= 2 * k_context || (first && cps.size() <= k_context) || (last && cps.size() <= k_context)) {
        out += s.text;
      } else if (first) {
        out += "…" + detail::to_utf8(std::u32string_view(cps).substr(cps.size() - k_context));
      } else if (last) {
        out += detail::to_utf8(std::u32string_view(cps).substr(0, k_context)) + "…";
      } else {
        out += detail::to_utf8(std::u32string_view(cps).substr(0, k_context)) + "…" +
               detail::to_utf8(std::u32string_view(cps).substr(cps.size() - k_context));
      }
    }
  }
  return out;
}

std::string plural(std::size_t n, const std::string &one, const std::string &many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string reader_summary(const DocumentText &published) {
  std::string out = std::string(to_string(published.format));
  if (published.pages > 0) {
    out += ", " + plural(static_cast<std::size_t>(published.pages), "page", "pages");
  }
  if (published.format != DocumentFormat::pdf && published.format != DocumentFormat::docx) {
    out += ", " + published.encoding;
  }
  out += ", " + plural(published.lines.size(), "line", "lines");
  for (const auto &note : published.notes) {
    out += "; " + note;
  }
  return out;
}

nlohmann::json position_json(const LinePosition &pos, DocumentFormat format) {
  nlohmann::json out = nlohmann::json::object();
  if (pos.page > 0) {
    out["page"] = pos.page;
  }
  out["line"] = pos.line;
  if (pos.column > 0) {
    out["column"] = pos.column;
  }
  if (!pos.path.empty()) {
    out["path"] = pos.path;
  }
  out["description"] = describe(pos, format);
  return out;
}

} // namespace

std::string normalise_line(std::string_view line) {
  return normalise(line, false);
}

namespace {

std::string normalise(std::string_view line, bool keep_bullet) {
  std::u32string cps = detail::code_points(line);
  std::u32string out;
  out.reserve(cps.size());
  std::size_t k = 0;
  while (k < cps.size() && is_space(cps[k])) {
    ++k;
  }
  if (!keep_bullet && k < cps.size() && is_bullet(cps[k])) {
    ++k;
    while (k < cps.size() && is_space(cps[k])) {
      ++k;
    }
  }
  while (k < cps.size()) {
    if (!is_space(cps[k])) {
      out += canonical(cps[k++]);
      continue;
    }
    std::size_t end = k;
    while (end < cps.size() && is_space(cps[end])) {
      ++end;
    }
    if (!out.empty() && end < cps.size() && !import::is_wide(out.back()) && !import::is_wide(canonical(cps[end]))) {
      out += U' ';
    }
    k = end;
  }
  return detail::to_utf8(out);
}

} // namespace

std::vector<ExpectedLine> expected_lines(const Notice &notice, Date date) {
  RenderOptions options;
  options.format = RenderFormat::txt;
  const std::string text = render_notice(notice, date, options);
  const std::vector<Anchor> anchors = anchors_of(at(notice, date));
  std::vector<ExpectedLine> out;
  std::size_t cursor = 0;
  constexpr std::size_t k_window = 64;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const std::string normal = normalise_line(line);
    if (normal.empty()) {
      continue;
    }
    ExpectedLine expected{line, {}};
    bool found = false;
    for (std::size_t k = cursor; k < anchors.size() && k < cursor + k_window; ++k) {
      if (normal.find(anchors[k].normal) != std::string::npos) {
        expected.pos = anchors[k].pos;
        cursor = k + 1;
        found = true;
        break;
      }
    }
    if (!found && cursor > 0) {
      // One line of a value that spans several (a block scalar): its line in the YAML follows.
      const Anchor &previous = anchors[cursor - 1];
      const std::string trimmed = import::collapse_whitespace(line);
      const std::size_t offset = trimmed.empty() ? std::string::npos : previous.raw.find(trimmed);
      if (offset != std::string::npos && previous.pos.known()) {
        expected.pos = previous.pos;
        expected.pos.line +=
            static_cast<int>(std::count(previous.raw.begin(), previous.raw.begin() + static_cast<long>(offset), '\n'));
      }
    }
    out.push_back(std::move(expected));
  }
  return out;
}

std::string_view to_string(DifferenceKind kind) {
  switch (kind) {
  case DifferenceKind::changed:
    return "changed";
  case DifferenceKind::missing:
    return "missing";
  case DifferenceKind::extra:
    return "extra";
  }
  return "changed";
}

PublishedComparison compare_published(const DocumentText &published, const std::vector<ExpectedLine> &expected) {
  std::vector<std::string> a;
  std::vector<std::string> b;
  std::vector<std::string> a_full;
  std::vector<std::string> b_full;
  for (const auto &line : published.lines) {
    a.push_back(normalise_line(line.text));
    a_full.push_back(without_spaces(normalise(line.text, true)));
  }
  for (const auto &line : expected) {
    b.push_back(normalise_line(line.text));
    b_full.push_back(without_spaces(normalise(line.text, true)));
  }
  std::vector<std::string> a_joinable;
  std::vector<std::string> b_joinable;
  std::transform(a.begin(), a.end(), std::back_inserter(a_joinable), without_spaces);
  std::transform(b.begin(), b.end(), std::back_inserter(b_joinable), without_spaces);
  // Lines as numbers, so that the alignment compares integers.
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::uint32_t> ia;
  std::vector<std::uint32_t> ib;
  for (const auto &s : a) {
    ia.push_back(ids.emplace(s, static_cast<std::uint32_t>(ids.size())).first->second);
  }
  for (const auto &s : b) {
    ib.push_back(ids.emplace(s, static_cast<std::uint32_t>(ids.size())).first->second);
  }
  const std::vector<Step> steps = Aligner(ia, ib).run();

  PublishedComparison out;
  HunkResolver resolver(a, b, a_joinable, b_joinable, a_full, b_full);
  std::optional<std::size_t> last_published;
  std::vector<std::size_t> extra;
  std::vector<std::size_t> missing;
  const auto settle = [&] {
    if (extra.empty() && missing.empty()) {
      return;
    }
    for (const Resolution &r : resolver.resolve(extra, missing)) {
      switch (r.kind) {
      case Resolution::Kind::rewrapped:
        out.equal += r.r_end - r.r_begin;
        out.rewrapped += r.r_end - r.r_begin;
        last_published = r.p_end - 1;
        break;
      case Resolution::Kind::changed:
        out.differences.push_back({DifferenceKind::changed, r.p_begin, r.r_begin, std::nullopt});
        last_published = r.p_begin;
        break;
      case Resolution::Kind::extra:
        out.differences.push_back({DifferenceKind::extra, r.p_begin, std::nullopt, std::nullopt});
        last_published = r.p_begin;
        break;
      case Resolution::Kind::missing:
        out.differences.push_back({DifferenceKind::missing, std::nullopt, r.r_begin, last_published});
        break;
      }
    }
    extra.clear();
    missing.clear();
  };
  for (const Step &step : steps) {
    switch (step.op) {
    case Op::equal:
      settle();
      ++out.equal;
      last_published = step.a;
      break;
    case Op::extra:
      extra.push_back(step.a);
      break;
    case Op::missing:
      missing.push_back(step.b);
      break;
    }
  }
  settle();
  return out;
}

void write_published_text(std::ostream &out, const DocumentText &published, const std::vector<ExpectedLine> &expected,
                          const PublishedComparison &comparison, const PublishedReportContext &context) {
  // A published copy comes from a web site: its text, its name and the reader's notes are escaped
  // (escape_control()) so that none can drive the terminal or start a line of a CI log.
  const std::string path = escape_control(published.path);
  const auto where = [&](const LinePosition &pos) { return escape_control(describe(pos, published.format)); };
  const auto in_notice = [&](const Position &pos) { return escape_control(notice_position(context, pos)); };
  out << "read " << path << ": " << escape_control(reader_summary(published)) << '\n';
  for (const auto &d : comparison.differences) {
    switch (d.kind) {
    case DifferenceKind::changed: {
      const LogicalLine &p = published.lines[*d.published];
      const ExpectedLine &e = expected[*d.expected];
      out << path << ": " << where(p.pos) << ": changed line (" << in_notice(e.pos) << ")\n";
      out << "  published: " << escape_control(p.text) << '\n';
      out << "  notice:    " << escape_control(e.text) << '\n';
      out << "  passage:   " << escape_control(passage(normalise_line(p.text), normalise_line(e.text))) << '\n';
      break;
    }
    case DifferenceKind::missing: {
      const ExpectedLine &e = expected[*d.expected];
      out << path << ": " << (d.after ? "after " + where(published.lines[*d.after].pos) : std::string("at the start"))
          << ": missing line (" << in_notice(e.pos) << ")\n";
      out << "  notice:    " << escape_control(e.text) << '\n';
      break;
    }
    case DifferenceKind::extra: {
      const LogicalLine &p = published.lines[*d.published];
      out << path << ": " << where(p.pos) << ": extra line, not in the notice\n";
      out << "  published: " << escape_control(p.text) << '\n';
      break;
    }
    }
  }
  std::size_t counts[3] = {0, 0, 0};
  for (const auto &d : comparison.differences) {
    ++counts[static_cast<int>(d.kind)];
  }
  const std::string against = escape_control(context.notice_path) + " as in force on " + to_string(context.date) +
                              " (revision " + to_string(context.revision) + ")";
  const std::string equal =
      plural(comparison.equal, "line", "lines") + " equal" +
      (comparison.rewrapped > 0 ? " (" + std::to_string(comparison.rewrapped) + " wrapped differently)"
                                : std::string());
  if (comparison.same()) {
    out << path << " matches " << against << ": " << equal << ".\n";
    return;
  }
  out << path << " differs from " << against << ": " << counts[0] << " changed, " << counts[1] << " missing, "
      << counts[2] << " extra; " << equal << ".\n";
}

void write_published_json(std::ostream &out, const DocumentText &published, const std::vector<ExpectedLine> &expected,
                          const PublishedComparison &comparison, const PublishedReportContext &context) {
  nlohmann::ordered_json differences = nlohmann::ordered_json::array();
  std::size_t counts[3] = {0, 0, 0};
  for (const auto &d : comparison.differences) {
    ++counts[static_cast<int>(d.kind)];
    nlohmann::ordered_json entry;
    entry["kind"] = to_string(d.kind);
    if (d.published) {
      const LogicalLine &p = published.lines[*d.published];
      entry["published"] = {{"text", p.text}, {"position", position_json(p.pos, published.format)}};
    } else {
      entry["published"] = {{"after", d.after ? position_json(published.lines[*d.after].pos, published.format)
                                              : nlohmann::json(nullptr)}};
    }
    if (d.expected) {
      const ExpectedLine &e = expected[*d.expected];
      nlohmann::ordered_json side = {{"text", e.text}};
      if (e.pos.known()) {
        side["line"] = e.pos.line;
        side["column"] = e.pos.column;
      }
      entry["notice"] = side;
    }
    if (d.kind == DifferenceKind::changed) {
      nlohmann::ordered_json segments = nlohmann::ordered_json::array();
      for (const auto &s :
           diff_text(normalise_line(published.lines[*d.published].text), normalise_line(expected[*d.expected].text))) {
        segments.push_back({{"op", s.op == TextSegment::Op::equal     ? "equal"
                                   : s.op == TextSegment::Op::removed ? "published"
                                                                      : "notice"},
                            {"text", s.text}});
      }
      entry["segments"] = segments;
    }
    differences.push_back(entry);
  }
  nlohmann::ordered_json doc;
  doc["published"] = {{"path", published.path},          {"format", to_string(published.format)},
                      {"encoding", published.encoding},  {"pages", published.pages},
                      {"lines", published.lines.size()}, {"notes", published.notes}};
  doc["notice"] = {{"path", context.notice_path},
                   {"date", to_string(context.date)},
                   {"revision", to_string(context.revision)},
                   {"lines", expected.size()}};
  doc["same"] = comparison.same();
  doc["summary"] = {{"equal", comparison.equal},
                    {"rewrapped", comparison.rewrapped},
                    {"changed", counts[0]},
                    {"missing", counts[1]},
                    {"extra", counts[2]}};
  doc["differences"] = differences;
  out << doc.dump(2) << '\n';
}

} // namespace notice
