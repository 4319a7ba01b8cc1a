// PDF through pdftotext (poppler-utils) as a child process. A child rather than libpoppler in
// process: a hostile PDF can only crash or stall the child, which runs through run_process (its own
// process group, a wall-clock limit, killed on interrupts) under address-space and file-size limits
// (util-linux `prlimit`). -layout keeps
// each printed line as a line, with its indentation and the blank lines between paragraphs, which
// is what joining wrapped lines and dropping page furniture need.
#include "diff/text.hpp"
#include "import/cjk.hpp"
#include "import/readers.hpp"
#include "utf8.hpp"

#include "notice/error.hpp"
#include "notice/process.hpp"
#include "notice/temp_dir.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>

namespace notice::import {
namespace {

namespace fs = std::filesystem;

struct Physical {
  int page = 0;
  int line = 0; // on its page
  int indent = 0;
  int column = 0;
  std::string text; // whitespace collapsed, spacing not yet repaired
  int right = 0;    // display column after the last character
  bool blank_before = false;
  bool page_start = false;
};

// Full-width digits as ASCII, for recognising page furniture only.
std::string ascii_digits(std::string_view text) {
  std::u32string cps = detail::code_points(text);
  for (char32_t &c : cps) {
    if (c >= 0xFF10 && c <= 0xFF19) {
      c = U'0' + (c - 0xFF10);
    } else if (c == 0xFF0F) {
      c = U'/';
    } else if (c == 0xFF0D || c == 0x2212 || c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x30FC) {
      c = U'-';
    } else if (c == 0x3000) {
      c = U' ';
    }
  }
  return detail::to_utf8(cps);
}

bool is_page_number(std::string_view text) {
  static const std::regex k_patterns(
      R"(^(-\s*)?\d{1,4}(\s*-)?$|^\d{1,4}\s*/\s*\d{1,4}$|^\(\s*\d{1,4}\s*\)$|^(page|p\.)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?$|^(第\s*)?\d{1,4}\s*(ページ|頁)$)",
      std::regex::icase | std::regex::optimize);
  const std::string ascii = collapse_whitespace(ascii_digits(text));
  return ascii.size() <= 24 && std::regex_match(ascii, k_patterns);
}

// A line that begins a new item or heading rather than continuing the previous one: a bullet, a
// bracketed heading, or a number or letter followed by punctuation ((1), 1．, ①, ア．, 第3条).
bool starts_with_marker(std::string_view text) {
  std::u32string head = detail::code_points(text.substr(0, std::min<std::size_t>(text.size(), 48)));
  if (head.empty()) {
    return false;
  }
  const char32_t first = head[0];
  static constexpr std::u32string_view k_openers = U"・•●○◎◇◆□■※＊*-–—‐【〔［[";
  if (k_openers.find(first) != std::u32string_view::npos || (first >= 0x2460 && first <= 0x2487) ||
      (first >= 0x3220 && first <= 0x3229)) {
    return true;
  }
  // Full-width digits, letters and the usual punctuation as ASCII, so that one pattern covers both.
  for (char32_t &c : head) {
    if (c >= 0xFF01 && c <= 0xFF5E) {
      c = c - 0xFF01 + 0x21;
    } else if (c == 0x3001) {
      c = U',';
    } else if (c == 0x3000) {
      c = U' ';
    }
  }
  // The multibyte alternatives are whole UTF-8 sequences; std::regex works on bytes.
  static const std::regex k_marker(
      "^([0-9]{1,3} ?[.),]|\\( ?([0-9]{1,3}|[a-zA-Z]|一|二|三|四|五|六|七|八|九|十|ア|イ|ウ|エ|オ) ?\\)|"
      "([A-Za-z]|ア|イ|ウ|エ|オ|カ|キ|ク|ケ|コ|イ|ロ|ハ|ニ|ホ) ?[.)]|"
      "第 ?([0-9]+|(一|二|三|四|五|六|七|八|九|十)+) ?(条|章|項|号))",
      std::regex::optimize);
  return std::regex_search(detail::to_utf8(head), k_marker);
}

// A key that is the same for a running header on every page: digits (page counters) ignored.
std::string furniture_key(std::string_view text) {
  std::string key = collapse_whitespace(ascii_digits(text));
  for (char &c : key) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      c = '#';
    }
  }
  return key;
}

int mode(const std::vector<int> &values) {
  std::map<int, int> counts;
  for (const int v : values) {
    ++counts[v];
  }
  int best = 0;
  int best_count = -1;
  for (const auto &[value, count] : counts) {
    if (count > best_count) {
      best = value;
      best_count = count;
    }
  }
  return best;
}

std::string first_line_of(const std::string &text) {
  const std::size_t end = text.find('\n');
  std::string line = text.substr(0, end);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
    line.pop_back();
  }
  return line;
}

} // namespace

std::vector<LogicalLine> lines_from_layout(std::string_view layout, int &pages, std::vector<std::string> &notes) {
  // Pages: pdftotext ends every page with a form feed.
  std::vector<std::string_view> page_texts;
  std::size_t start = 0;
  while (start < layout.size()) {
    const std::size_t end = std::min(layout.find('\f', start), layout.size());
    page_texts.push_back(layout.substr(start, end - start));
    start = end + 1;
  }
  pages = static_cast<int>(page_texts.size());

  std::vector<std::vector<Physical>> by_page(page_texts.size());
  std::vector<int> empty_pages;
  for (std::size_t p = 0; p < page_texts.size(); ++p) {
    std::string_view rest = page_texts[p];
    int line_no = 0;
    bool blank = p > 0;
    while (!rest.empty() || line_no == 0) {
      const std::size_t nl = rest.find('\n');
      const std::string_view raw = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      ++line_no;
      const Indent ind = leading_indent(raw);
      const std::string text = collapse_whitespace(raw.substr(ind.bytes));
      if (text.empty()) {
        blank = true;
      } else {
        Physical line;
        line.page = static_cast<int>(p + 1);
        line.line = line_no;
        line.indent = ind.columns;
        line.column = ind.code_points + 1;
        line.text = text;
        line.right =
            ind.columns + display_width(std::string(raw.substr(ind.bytes))
                                            .erase(std::string(raw.substr(ind.bytes)).find_last_not_of(" \t\r") + 1));
        line.blank_before = blank;
        line.page_start = by_page[p].empty();
        by_page[p].push_back(std::move(line));
        blank = false;
      }
      if (nl == std::string_view::npos) {
        break;
      }
    }
    if (by_page[p].empty()) {
      empty_pages.push_back(static_cast<int>(p + 1));
    }
  }

  // Page numbers: a first or last line that is only a number ("3", "- 3 -", "3/10", "Page 3").
  int page_numbers = 0;
  for (auto &lines : by_page) {
    for (int pass = 0; pass < 2 && !lines.empty(); ++pass) {
      if (is_page_number(lines.back().text)) {
        lines.pop_back();
        ++page_numbers;
      }
      if (!lines.empty() && is_page_number(lines.front().text)) {
        lines.erase(lines.begin());
        ++page_numbers;
      }
    }
  }

  // Running headers and footers: the same line (digits aside) among the first or last two lines of
  // most pages. A bucket heading that happens to open two pages stays: furniture must also be on
  // every page, carry a page counter, or stand apart from the body's left margin.
  std::vector<int> indents;
  for (const auto &lines : by_page) {
    for (const auto &line : lines) {
      indents.push_back(line.indent);
    }
  }
  const int margin = indents.empty() ? 0 : mode(indents);
  int furniture = 0;
  const std::size_t text_pages =
      static_cast<std::size_t>(std::count_if(by_page.begin(), by_page.end(), [](const auto &l) { return !l.empty(); }));
  if (text_pages >= 2) {
    std::map<std::string, std::vector<std::string>> seen; // key → distinct texts, one per page
    std::map<std::string, int> pages_with;
    std::map<std::string, bool> apart;
    for (const auto &lines : by_page) {
      std::map<std::string, bool> on_this_page;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i >= 2 && i + 2 < lines.size()) {
          continue;
        }
        const std::string key = furniture_key(lines[i].text);
        if (!on_this_page[key]) {
          on_this_page[key] = true;
          ++pages_with[key];
          seen[key].push_back(lines[i].text);
        }
        apart[key] = apart[key] || lines[i].indent > margin + 4;
      }
    }
    std::map<std::string, bool> running;
    for (const auto &[key, count] : pages_with) {
      const auto &texts = seen[key];
      const bool counter = std::any_of(texts.begin(), texts.end(), [&](const std::string &t) { return t != texts[0]; });
      const bool most = count >= 2 && static_cast<std::size_t>(count) * 10 >= text_pages * 6;
      if (most && (static_cast<std::size_t>(count) == text_pages || counter || apart[key])) {
        running[key] = true;
      }
    }
    for (auto &lines : by_page) {
      std::vector<Physical> kept;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool band = i < 2 || i + 2 >= lines.size();
        if (band && running.count(furniture_key(lines[i].text))) {
          ++furniture;
          continue;
        }
        kept.push_back(std::move(lines[i]));
      }
      if (!kept.empty()) {
        kept.front().page_start = true;
      }
      lines = std::move(kept);
    }
  }

  // The right edge of a full line: the widest edge that at least two lines reach, so that one
  // overlong line (a URL in the margin) does not set it.
  std::vector<int> rights;
  for (const auto &lines : by_page) {
    for (const auto &line : lines) {
      rights.push_back(line.right);
    }
  }
  std::sort(rights.rbegin(), rights.rend());
  const int full = rights.size() >= 2 ? rights[1] : (rights.empty() ? 0 : rights[0]);
  constexpr int k_tolerance = 4; // two wide characters: 禁則 moves a character or two to the next line

  std::vector<LogicalLine> out;
  const Physical *previous = nullptr;
  int joined = 0;
  for (const auto &lines : by_page) {
    for (const auto &line : lines) {
      const bool continues = previous && !out.empty() && !line.blank_before && previous->right >= full - k_tolerance &&
                             full >= 20 && !starts_with_marker(line.text) &&
                             std::abs(line.indent - previous->indent) <= 4 &&
                             std::abs(line.indent - out.back().hints.indent) <= 4;
      if (continues) {
        out.back().text = join_wrapped(out.back().text, repair_extracted_spacing(line.text));
        ++out.back().hints.joined_lines;
        ++joined;
      } else {
        LogicalLine logical;
        logical.text = repair_extracted_spacing(line.text);
        logical.pos.page = line.page;
        logical.pos.line = line.line;
        logical.pos.column = line.column;
        logical.hints.indent = line.indent;
        logical.hints.blank_before = line.blank_before || (line.page_start && line.page > 1);
        out.push_back(std::move(logical));
      }
      previous = &line;
    }
  }

  if (page_numbers > 0) {
    notes.push_back("removed " + std::to_string(page_numbers) + " page number" + (page_numbers == 1 ? "" : "s"));
  }
  if (furniture > 0) {
    notes.push_back("removed " + std::to_string(furniture) + " running header/footer line" +
                    (furniture == 1 ? "" : "s"));
  }
  if (joined > 0) {
    notes.push_back("joined " + std::to_string(joined) + " wrapped line" + (joined == 1 ? "" : "s"));
  }
  if (!empty_pages.empty() && empty_pages.size() < page_texts.size()) {
    std::string list;
    for (const int p : empty_pages) {
      list += (list.empty() ? "" : ", ") + std::to_string(p);
    }
    notes.push_back("no text on page" + std::string(empty_pages.size() == 1 ? " " : "s ") + list +
                    " (an image? run OCR to read it)");
  }
  return out;
}

DocumentText read_pdf(const std::string &name, const std::string &file, const ReadLimits &limits) {
  if (!find_program("pdftotext")) {
    throw Error(name + ": reading a PDF needs `pdftotext`; install the Debian package poppler-utils");
  }
  const TempDirectory scratch("notice-audit-read");
  const std::string output = scratch.path("text.txt");
  std::vector<std::string> argv;
  // `prlimit` bounds the memory and the size of the text written (util-linux, in every Debian
  // system); it execs pdftotext, which so stays in the group run_process kills on a timeout or an
  // interrupt. Without prlimit pdftotext runs without those two limits.
  if (find_program("prlimit")) {
    argv.insert(argv.end(), {"prlimit", "--as=" + std::to_string(limits.helper_memory_bytes),
                             "--fsize=" + std::to_string(limits.max_text_bytes), "--"});
  }
  argv.insert(argv.end(), {"pdftotext", "-layout", "-enc", "UTF-8", "-eol", "unix", "-q", file, output});
  ProcessOptions process;
  process.timeout_seconds = limits.timeout_seconds;
  const auto run = [&](const std::vector<std::string> &command) {
    try {
      return run_process(command, process);
    } catch (const ProcessTimeout &e) {
      throw Error(name + ": pdftotext did not finish within " + std::to_string(e.seconds()) +
                  " s and was stopped; the PDF is too large or malformed (NOTICE_AUDIT_HELPER_TIMEOUT sets the "
                  "limit in seconds)");
    }
  };
  ProcessResult result = run(argv);
  if (result.exit_code == 128 + 25) { // SIGXFSZ
    throw Error(name + ": the PDF holds more than " + std::to_string(limits.max_text_bytes >> 20) +
                " MiB of text; not a notice");
  }
  if (result.exit_code != 0) {
    // -q silences pdftotext's own messages; run it again without for the reason.
    std::vector<std::string> again(argv.begin(), argv.end());
    again.erase(std::find(again.begin(), again.end(), "-q"));
    const ProcessResult loud = run(again);
    const std::string message = loud.err;
    if (message.find("Incorrect password") != std::string::npos) {
      throw Error(name + ": the PDF is encrypted with a password; save an unprotected copy and read that");
    }
    if (result.exit_code > 128) {
      throw Error(name + ": pdftotext stopped on signal " + std::to_string(result.exit_code - 128) + " (memory limit " +
                  std::to_string(limits.helper_memory_bytes >> 20) + " MiB); the PDF is malformed or too large");
    }
    const std::string first = first_line_of(message);
    throw Error(name + ": not a readable PDF (pdftotext: " +
                (first.empty() ? "exit status " + std::to_string(result.exit_code) : first) + ")");
  }
  std::error_code ec;
  const auto size = fs::file_size(output, ec);
  if (ec || size > limits.max_text_bytes) {
    throw Error(name + ": pdftotext wrote no readable text");
  }
  std::ifstream in(output, std::ios::binary);
  std::string layout((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (detail::find_invalid_utf8(layout) != std::string::npos) {
    throw Error(name + ": pdftotext gave text that is not UTF-8");
  }
  DocumentText out;
  out.encoding = "PDF text layer";
  out.lines = lines_from_layout(layout, out.pages, out.notes);
  if (out.lines.empty()) {
    throw Error(name + ": no text layer (" + std::to_string(out.pages) + " page" + (out.pages == 1 ? "" : "s") +
                " of images, or a scanned document): run OCR first, e.g. `ocrmypdf -l jpn " + name +
                " ocr.pdf`, and read ocr.pdf");
  }
  return out;
}

} // namespace notice::import
