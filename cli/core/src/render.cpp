#include "notice/render.hpp"

#include "notice/era.hpp"
#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/process.hpp"
#include "notice/temp_dir.hpp"
#include "notice/zip.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace notice {
namespace fs = std::filesystem;

namespace {

constexpr std::array<std::pair<std::string_view, RenderFormat>, 5> k_formats{{
    {"txt", RenderFormat::txt},
    {"md", RenderFormat::md},
    {"html", RenderFormat::html},
    {"pdf", RenderFormat::pdf},
    {"docx", RenderFormat::docx},
}};

// The disclosure APPI 27条5項3号 requires for joint use, one line per element that is present.
std::vector<std::string> joint_use_lines(const JointUse &joint) {
  const std::pair<const char *, const Text *> fields[] = {
      {"共同して利用される個人データの項目", &joint.items},
      {"共同して利用する者の範囲", &joint.scope},
      {"利用する者の利用目的", &joint.purpose},
      {"個人データの管理について責任を有する者の氏名又は名称", &joint.responsible},
      {"その住所", &joint.address},
      {"その代表者の氏名", &joint.representative},
  };
  std::vector<std::string> lines;
  for (const auto &[label, text] : fields) {
    if (!text->empty()) {
      lines.push_back(std::string(label) + "：" + text->value);
    }
  }
  return lines;
}

LineView line_of(LineView::Kind kind, std::string text) {
  LineView line;
  line.kind = kind;
  line.text = std::move(text);
  return line;
}

void add_list_entries(std::vector<LineView> &out, const std::vector<ListEntry> &entries, const std::string &marker,
                      int depth) {
  for (const ListEntry &entry : entries) {
    LineView line = line_of(LineView::Kind::item, entry.text.value);
    line.marker = entry.marker.empty() ? marker : entry.marker.value;
    line.depth = depth;
    out.push_back(std::move(line));
    add_list_entries(out, entry.children, marker, depth + 1);
  }
}

// A label and its value lines (a labelled line, a joint-use entry).
void add_labelled(std::vector<LineView> &out, const Text &label, const std::vector<Text> &all) {
  std::vector<Text> value; // an empty value ("") prints nothing
  std::copy_if(all.begin(), all.end(), std::back_inserter(value), [](const Text &t) { return !t.empty(); });
  if (!label.empty()) {
    LineView line = line_of(LineView::Kind::label, label.value);
    line.has_value = !value.empty();
    out.push_back(std::move(line));
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    LineView line = line_of(label.empty() ? LineView::Kind::paragraph : LineView::Kind::value, value[i].value);
    line.first = i == 0;
    line.last = i + 1 == value.size();
    out.push_back(std::move(line));
  }
}

void add_joint_use(std::vector<LineView> &out, const JointUse &joint, int level) {
  if (!joint.heading.empty()) {
    LineView line = line_of(LineView::Kind::heading, joint.heading.value);
    line.level = level;
    out.push_back(std::move(line));
  }
  for (const Text &intro : joint.intro) {
    out.push_back(line_of(LineView::Kind::paragraph, intro.value));
  }
  if (!joint.statement.empty() && joint.entries.empty()) {
    out.push_back(line_of(LineView::Kind::paragraph, joint.statement.value));
  }
  if (joint.entries.empty()) {
    for (std::string &text : joint_use_lines(joint)) {
      out.push_back(line_of(LineView::Kind::paragraph, std::move(text)));
    }
  }
  for (const JointUseEntry &entry : joint.entries) {
    add_labelled(out, entry.label, entry.lines);
  }
}

// A joint-use disclosure under a bucket or an item, one line of text each: printed with the society's
// own heading, intro or entries as add_joint_use() prints it; else the statutory lines above.
std::vector<std::string> joint_use_printed(const JointUse &joint) {
  if (joint.entries.empty() && joint.heading.empty() && joint.intro.empty() && joint.statement.empty()) {
    return joint_use_lines(joint);
  }
  std::vector<LineView> printed;
  add_joint_use(printed, joint, 0);
  std::vector<std::string> lines;
  for (LineView &line : printed) {
    lines.push_back(std::move(line.text));
  }
  return lines;
}

// Flattens printed blocks into lines; `level` is the heading level of a section at this depth. A
// `purposes` block prints nothing here: the caller splits the body around it.
void add_blocks(std::vector<LineView> &out, const std::vector<Block> &blocks, int level) {
  for (const Block &block : blocks) {
    switch (block.kind) {
    case Block::Kind::paragraph:
      out.push_back(line_of(LineView::Kind::paragraph, block.text.value));
      break;
    case Block::Kind::heading: {
      LineView line = line_of(LineView::Kind::heading, block.marker.value + block.text.value);
      line.level = block.level > 0 ? block.level : level;
      out.push_back(std::move(line));
      break;
    }
    case Block::Kind::list:
    case Block::Kind::data_held: {
      const std::size_t first = out.size();
      add_list_entries(out, block.entries, block.marker.value, 0);
      if (out.size() > first) {
        out.back().last = true;
      }
      break;
    }
    case Block::Kind::table: {
      if (!block.caption.empty()) {
        out.push_back(line_of(LineView::Kind::paragraph, block.caption.value));
      }
      std::size_t columns = block.header.size();
      for (const auto &row : block.rows) {
        columns = std::max(columns, row.size());
      }
      if (columns == 0) {
        break;
      }
      LineView header = line_of(LineView::Kind::row, {});
      header.header = true;
      for (const Text &cell : block.header) {
        header.cells.push_back(cell.value);
      }
      header.cells.resize(columns);
      out.push_back(std::move(header));
      for (const auto &row : block.rows) {
        LineView line = line_of(LineView::Kind::row, {});
        for (const Text &cell : row) {
          line.cells.push_back(cell.value);
        }
        line.cells.resize(columns);
        out.push_back(std::move(line));
      }
      out.back().last = true;
      break;
    }
    case Block::Kind::fields:
      for (const FieldLine &field : block.fields) {
        add_labelled(out, field.label, field.value);
      }
      break;
    case Block::Kind::section: {
      LineView line = line_of(LineView::Kind::heading, block.marker.value + block.text.value);
      line.level = std::min(level, 6);
      out.push_back(std::move(line));
      add_blocks(out, block.children, level + 1);
      break;
    }
    case Block::Kind::joint_use:
      if (block.joint_use) {
        add_joint_use(out, *block.joint_use, std::min(level, 6));
      }
      break;
    case Block::Kind::purposes:
      break;
    }
  }
}

std::vector<LineView> lines_of(const std::vector<Block> &blocks, int level) {
  std::vector<LineView> out;
  add_blocks(out, blocks, level);
  return out;
}

TemplateValue lines_value(const std::vector<LineView> &lines) {
  TemplateValue::List list;
  for (const LineView &line : lines) {
    TemplateValue::List cells;
    std::string separator;
    for (const std::string &cell : line.cells) {
      cells.push_back(TemplateValue().set("text", cell));
      separator += "| --- ";
    }
    std::string indent;
    std::string md_indent;
    for (int i = 0; i < line.depth; ++i) {
      indent += "　";
      md_indent += "  ";
    }
    list.push_back(TemplateValue()
                       .set("is_heading", line.kind == LineView::Kind::heading)
                       .set("is_paragraph", line.kind == LineView::Kind::paragraph)
                       .set("is_item", line.kind == LineView::Kind::item)
                       .set("is_label", line.kind == LineView::Kind::label)
                       .set("is_value", line.kind == LineView::Kind::value)
                       .set("is_row", line.kind == LineView::Kind::row)
                       .set("text", line.text)
                       .set("marker", line.marker)
                       .set("level", std::to_string(line.level))
                       .set("hashes", std::string(static_cast<std::size_t>(std::clamp(line.level, 1, 6)), '#'))
                       .set("indent", indent)
                       .set("md_indent", md_indent)
                       .set("first", line.first)
                       .set("last", line.last)
                       .set("has_value", line.has_value)
                       .set("header", line.header)
                       .set("cells", std::move(cells))
                       .set("separator", separator.empty() ? std::string() : separator + "|")
                       .set("end", (line.kind == LineView::Kind::item || line.kind == LineView::Kind::row) && line.last
                                       ? "\n"
                                       : ""));
  }
  return list;
}

// Element ids become HTML anchors; the schema restricts them to ASCII words, and this keeps it so
// for a notice built by hand.
std::string anchor(const std::string &id) {
  std::string out;
  for (const char c : id) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      out += c;
    }
  }
  return out.empty() ? "x" : out;
}

TemplateValue text_list(const std::vector<std::string> &texts) {
  TemplateValue::List list;
  for (const auto &text : texts) {
    list.push_back(TemplateValue().set("text", text));
  }
  return list;
}

// WeasyPrint is a Python program. It runs through this script instead of its command line so that
// it gets a URL fetcher: a stylesheet (often taken from a shared drive) may then load files from
// its own directory and the installed fonts, and nothing else: no file:///etc/passwd, no network.
// argv: HTML, PDF, base URL, allowed directories…; exit status 3 when something was refused.
constexpr const char *k_weasyprint_script = R"PY(
import os, sys, urllib.parse
from weasyprint import HTML, default_url_fetcher
html, pdf, base = sys.argv[1:4]
allowed = [os.path.realpath(d) for d in sys.argv[4:]]
refused = []
def fetch(url, timeout=10, ssl_context=None):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == 'data':
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    if parts.scheme == 'file' and parts.netloc in ('', 'localhost'):
        path = os.path.realpath(urllib.parse.unquote(parts.path))
        if any(path == d or path.startswith(d.rstrip(os.sep) + os.sep) for d in allowed):
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    refused.append(url)
    raise ValueError('refused by notice-audit: ' + url)
HTML(filename=html, base_url=base, url_fetcher=fetch).write_pdf(pdf)
if refused:
    for url in refused:
        sys.stderr.write('the stylesheet or document refers to ' + url + ', outside the stylesheet\'s directory and the installed fonts: refused\n')
    sys.exit(3)
)PY";

// The Python that runs `weasyprint` (its #! line), so the script imports the same installation.
std::vector<std::string> weasyprint_python() {
  const auto program = find_program("weasyprint");
  std::ifstream in(program ? *program : std::string());
  std::string line;
  std::getline(in, line);
  std::vector<std::string> words;
  if (line.starts_with("#!")) {
    std::istringstream parts(line.substr(2));
    for (std::string word; parts >> word;) {
      words.push_back(word);
    }
  }
  if (words.empty() || (words.size() == 1 && fs::path(words[0]).filename() == "env")) {
    return {"python3"};
  }
  if (fs::path(words[0]).filename() == "env") {
    words.erase(words.begin());
  }
  return {words[0]};
}

// The directories fonts are installed in, which a stylesheet may load fonts from.
std::vector<std::string> font_directories() {
  std::vector<std::string> out;
  for (const char *dir : {"/usr/share/fonts", "/usr/local/share/fonts"}) {
    if (std::error_code ec; fs::is_directory(dir, ec)) {
      out.emplace_back(dir);
    }
  }
  return out;
}

// Seconds since 1970-01-01 at midnight UTC of `date`, for SOURCE_DATE_EPOCH.
long long epoch_seconds(Date date) {
  // Days from civil (Howard Hinnant's algorithm).
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (date.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + date.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long long days = static_cast<long long>(era) * 146097 + doe - 719468;
  return days * 86400;
}

std::string_view builtin(std::string_view name) {
  const auto text = builtin_template(name);
  if (!text) {
    throw std::logic_error("missing built-in template " + std::string(name));
  }
  return *text;
}

} // namespace

std::optional<RenderFormat> parse_render_format(std::string_view name) {
  for (const auto &[text, format] : k_formats) {
    if (text == name) {
      return format;
    }
  }
  return std::nullopt;
}

std::string_view to_string(RenderFormat format) {
  for (const auto &[text, value] : k_formats) {
    if (value == format) {
      return text;
    }
  }
  return "txt";
}

NoticeView make_view(const Notice &notice, Date revision) {
  const Revision *selected = revision_at(notice, revision);
  if (selected == nullptr) {
    throw Error(notice.path + ": no revision is in force on " + to_string(revision) +
                (notice.revisions.empty()
                     ? std::string()
                     : "; its revisions start on " + to_string(notice.revisions.front().effective)));
  }
  const Notice view = at(notice, revision);
  NoticeView out;
  out.title = view.title.value;
  for (const Text &line : view.title_lines) {
    out.title_lines.push_back(line.value);
  }
  out.insurer = view.insurer.name.value;
  out.effective = to_string(selected->effective);
  out.effective_ja = to_japanese_date(selected->effective).value_or(out.effective);
  for (const auto &paragraph : view.preamble) {
    out.preamble.push_back(paragraph.text.value);
  }
  // The body splits where the categories are printed; without a `purposes` block they follow it.
  const auto purposes =
      std::find_if(view.body.begin(), view.body.end(), [](const Block &b) { return b.kind == Block::Kind::purposes; });
  out.body_before = lines_of(std::vector<Block>(view.body.begin(), purposes), 2);
  if (purposes != view.body.end()) {
    out.body_after = lines_of(std::vector<Block>(purposes + 1, view.body.end()), 2);
  }
  for (const auto &category : view.categories) {
    CategoryView c;
    c.id = category.id;
    c.heading = category.marker.value + category.title.value;
    for (const auto &intro : category.intro) {
      c.intro.push_back(intro.value);
    }
    const std::string &category_marker = category.has_item_marker ? category.item_marker : view.style.item_marker;
    for (const auto &bucket : category.buckets) {
      BucketView b;
      b.id = bucket.id;
      b.heading = bucket.heading.value;
      if (bucket.joint_use) {
        b.details = joint_use_printed(*bucket.joint_use);
      }
      for (const auto &item : bucket.items) {
        ItemView i;
        i.id = item.id;
        i.marker = item.has_marker ? item.marker.value : bucket.has_item_marker ? bucket.item_marker : category_marker;
        i.text = item.text.value;
        for (std::size_t n = 0; n < item.notes.size(); ++n) {
          const std::string marker = n < item.note_markers.size() ? item.note_markers[n].value : std::string();
          i.notes.push_back(marker + item.notes[n].value);
        }
        if (item.joint_use) {
          const auto lines = joint_use_printed(*item.joint_use);
          i.notes.insert(i.notes.end(), lines.begin(), lines.end());
        }
        b.items.push_back(std::move(i));
      }
      b.notes = lines_of(bucket.notes, 4);
      c.buckets.push_back(std::move(b));
    }
    c.notes = lines_of(category.notes, 3);
    out.categories.push_back(std::move(c));
  }
  for (const auto &paragraph : view.postscript) {
    out.postscript.push_back(paragraph.text.value);
  }
  // `at()` keeps the revisions up to the selected one, oldest first.
  for (std::size_t i = 0; i < view.revisions.size(); ++i) {
    const Revision &r = view.revisions[i];
    if (view.schema_version < 2) {
      out.revision_lines.push_back(!r.wording.empty() ? r.wording.value
                                                      : default_revision_wording(r.effective, i == 0));
    } else if (r.wording_top || r.wording_above) {
      // A date line by the title (更新日: …, a post date) is the selected revision's own, not a history.
      if (&r == &view.revisions.back() && !r.wording.empty()) {
        (r.wording_above ? out.above_title_lines : out.top_revision_lines).push_back(r.wording.value);
      }
    } else if (!r.wording.empty()) {
      out.revision_lines.push_back(r.wording.value);
    }
  }
  return out;
}

TemplateValue to_template_value(const NoticeView &view) {
  TemplateValue::List categories;
  for (const auto &category : view.categories) {
    TemplateValue::List buckets;
    for (const auto &bucket : category.buckets) {
      TemplateValue::List items;
      for (const auto &item : bucket.items) {
        items.push_back(TemplateValue()
                            .set("id", anchor(item.id))
                            .set("marker", item.marker)
                            .set("text", item.text)
                            .set("has_notes", !item.notes.empty())
                            .set("notes", text_list(item.notes)));
      }
      buckets.push_back(TemplateValue()
                            .set("id", anchor(bucket.id))
                            .set("heading", bucket.heading)
                            .set("has_heading", !bucket.heading.empty())
                            .set("has_details", !bucket.details.empty())
                            .set("details", text_list(bucket.details))
                            .set("items", std::move(items))
                            .set("notes", lines_value(bucket.notes)));
    }
    categories.push_back(TemplateValue()
                             .set("id", anchor(category.id))
                             .set("heading", category.heading)
                             .set("has_heading", !category.heading.empty())
                             .set("has_intro", !category.intro.empty())
                             .set("intro", text_list(category.intro))
                             .set("buckets", std::move(buckets))
                             .set("notes", lines_value(category.notes)));
  }
  return TemplateValue()
      .set("above_title", text_list(view.above_title_lines))
      .set("title", view.title)
      .set("has_title", !view.title.empty())
      .set("title_lines", text_list(view.title_lines))
      .set("top_revisions", text_list(view.top_revision_lines))
      .set("insurer", view.insurer)
      .set("effective", view.effective)
      .set("effective_ja", view.effective_ja)
      .set("preamble", text_list(view.preamble))
      .set("body_before", lines_value(view.body_before))
      .set("categories", std::move(categories))
      .set("body_after", lines_value(view.body_after))
      .set("has_postscript", !view.postscript.empty())
      .set("postscript", text_list(view.postscript))
      .set("revisions", text_list(view.revision_lines));
}

void check_render_tools(RenderFormat format) {
  if (format == RenderFormat::txt || format == RenderFormat::md) {
    return;
  }
  const std::string name(to_string(format));
  if (!find_program("pandoc")) {
    throw Error("--format " + name +
                " needs pandoc, which was not found in PATH; install the Debian package `pandoc` "
                "(apt install pandoc). --format txt and md work without it");
  }
  if (format == RenderFormat::pdf && !find_program("weasyprint")) {
    throw Error("--format pdf needs weasyprint, which was not found in PATH; install the Debian packages "
                "`weasyprint` and `fonts-ipaexfont` (apt install weasyprint fonts-ipaexfont)");
  }
}

std::string convert_with_pandoc(std::string_view input, const PandocJob &job) {
  const bool pdf = job.to == "pdf";
  const bool docx = job.to == "docx";
  if (!find_program("pandoc")) {
    throw Error("pandoc was not found in PATH; install the Debian package `pandoc` (apt install pandoc)");
  }
  if (pdf && !find_program("weasyprint")) {
    throw Error("weasyprint was not found in PATH; install the Debian packages `weasyprint` and "
                "`fonts-ipaexfont` (apt install weasyprint fonts-ipaexfont)");
  }
  const std::string_view reference =
      job.reference_docx.empty() ? builtin("reference.docx") : std::string_view(job.reference_docx);
  if (docx) {
    // Refused here, before pandoc unpacks a ZIP bomb.
    check_zip(reference, job.reference_name.empty() ? "the reference document" : job.reference_name);
  }
  const TempDirectory dir;
  // Metadata as a file of strings: `-M pagetitle=true` would make the title a boolean. Values in a
  // metadata file are read as Markdown, so they are escaped as such.
  nlohmann::json metadata = {{"lang", escape_markdown(job.lang)}};
  std::vector<std::string> argv{"pandoc", "--from", job.from, "--to", pdf ? "html5" : job.to, "--wrap=none"};
  ProcessOptions process;
  // Whatever the helpers put in a temporary directory lands in ours, removed with it (interrupts too).
  process.extra_env.push_back("TMPDIR=" + dir.path());
  if (docx) {
    argv.push_back("--reference-doc=" + dir.write("reference.docx", reference));
    if (job.date) {
      // Pandoc stamps docx files with the current time unless told otherwise.
      process.extra_env.push_back("SOURCE_DATE_EPOCH=" + std::to_string(epoch_seconds(*job.date)));
    }
  } else {
    argv.push_back("--standalone");
    if (!job.title.empty()) {
      metadata["pagetitle"] = escape_markdown(job.title);
    }
    if (!job.css.empty()) {
      argv.push_back("--include-in-header=" + dir.write("style.html", "<style>\n" + job.css + "</style>\n"));
    }
  }
  argv.push_back("--metadata-file=" + dir.write("metadata.json", metadata.dump()));
  if (!job.lua_filter.empty()) {
    argv.push_back("--lua-filter=" + dir.write("filter.lua", job.lua_filter));
  }
  std::string output_name;
  if (pdf) {
    output_name = "out.html";
  } else if (docx) {
    output_name = "out.docx";
  }
  if (!output_name.empty()) {
    argv.push_back("--output=" + dir.path(output_name));
  }
  process.input = std::string(input);
  const auto check = [&](const ProcessResult &result, const std::string &program) {
    if (result.exit_code == 0) {
      return;
    }
    std::string message =
        program + " failed (exit status " + std::to_string(result.exit_code) + ") converting to " + job.to;
    if (!result.err.empty()) {
      message += ":\n" + result.err;
      while (!message.empty() && message.back() == '\n') {
        message.pop_back();
      }
    }
    throw Error(message);
  };
  // A helper that says it succeeded but left no file.
  const auto output_of = [&](const std::string &file, const char *program) {
    auto content = dir.read(file);
    if (!content) {
      throw Error(escape_control(dir.path(file)) + ": " + program + " reported success but wrote no output file");
    }
    return std::move(*content);
  };
  const ProcessResult converted = run_process(argv, process);
  check(converted, "pandoc");
  if (!pdf) {
    return output_name.empty() ? converted.out : output_of(output_name, "pandoc");
  }
  std::vector<std::string> weasyprint = weasyprint_python();
  weasyprint.insert(weasyprint.end(), {"-I", "-c", k_weasyprint_script, dir.path("out.html"), dir.path("out.pdf")});
  if (job.css_directory.empty()) {
    weasyprint.push_back("file://" + dir.path() + "/");
  } else {
    const fs::path base = fs::absolute(job.css_directory);
    weasyprint.push_back("file://" + base.string() + "/");
    weasyprint.push_back(base.string());
  }
  const auto fonts = font_directories();
  weasyprint.insert(weasyprint.end(), fonts.begin(), fonts.end());
  ProcessOptions python;
  python.extra_env = process.extra_env;
  check(run_process(weasyprint, python), "weasyprint");
  return output_of("out.pdf", "weasyprint");
}

std::string render_notice(const Notice &notice, Date revision, const RenderOptions &options) {
  check_render_tools(options.format);
  const NoticeView view = make_view(notice, revision);
  const TemplateValue data = to_template_value(view);
  const bool text = options.format == RenderFormat::txt;
  const std::string builtin_name = text ? "notice.txt.mustache" : "notice.md.mustache";
  const std::string_view template_text =
      options.template_text.empty() ? builtin(builtin_name) : std::string_view(options.template_text);
  const std::string template_name = options.template_name.empty() ? "built-in " + builtin_name : options.template_name;
  const std::string expanded =
      expand_template(template_text, template_name, data, text ? TemplateEscape::none : TemplateEscape::markdown);
  if (options.format == RenderFormat::txt || options.format == RenderFormat::md) {
    return expanded;
  }
  PandocJob job;
  job.to = options.format == RenderFormat::html ? "html5" : std::string(to_string(options.format));
  job.title = view.title;
  job.css = options.css.empty() ? std::string(builtin("notice.css")) : options.css;
  job.css_directory = options.css.empty() ? std::string() : options.css_directory;
  job.reference_docx = options.reference_docx;
  job.reference_name = options.reference_name;
  if (options.format == RenderFormat::docx) {
    job.lua_filter = builtin("notice-docx.lua");
  }
  job.date = parse_date(view.effective);
  return convert_with_pandoc(expanded, job);
}

} // namespace notice
