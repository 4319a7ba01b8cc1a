#include "notice/render.hpp"

#include "notice/era.hpp"
#include "notice/error.hpp"
#include "notice/process.hpp"

#include <stdlib.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
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

// The labels the notice prints for the fields of a joint-use disclosure (APPI 27条5項3号), in the
// order of k_joint_use_fields (model.hpp).
constexpr std::array<std::string_view, 7> k_joint_use_labels{
    "共同して利用する旨", // the statement is printed as written, without its label
    "共同して利用される個人データの項目",
    "共同して利用する者の範囲",
    "利用する者の利用目的",
    "個人データの管理について責任を有する者の氏名又は名称",
    "その住所",
    "その代表者の氏名",
};
static_assert(std::size(k_joint_use_fields) == k_joint_use_labels.size());

std::vector<std::string> printed(const std::vector<DisclosureLine> &lines) {
  std::vector<std::string> out;
  for (const auto &line : lines) {
    out.push_back(line.text);
  }
  return out;
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

// A directory only this process uses, removed with everything in it when the object goes away.
class PrivateTempDir {
public:
  PrivateTempDir() {
    const char *base = std::getenv("TMPDIR");
    std::string pattern = (fs::path(base && *base ? base : "/tmp") / "notice-audit-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error("cannot create a temporary directory in " + fs::path(pattern).parent_path().string() + ": " +
                  std::strerror(errno));
    }
    m_path = pattern;
  }
  ~PrivateTempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  PrivateTempDir(const PrivateTempDir &) = delete;
  PrivateTempDir &operator=(const PrivateTempDir &) = delete;

  // Writes `content` to `name` inside the directory and returns its full path.
  std::string write(const std::string &name, std::string_view content) const {
    const std::string path = (m_path / name).string();
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      throw Error(path + ": cannot write a temporary file");
    }
    return path;
  }

  std::string path(const std::string &name) const { return (m_path / name).string(); }

  std::string read(const std::string &name) const {
    const std::string path = (m_path / name).string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw Error(path + ": pandoc reported success but wrote no output file");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

private:
  fs::path m_path;
};

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

std::vector<DisclosureLine> joint_use_lines(const JointUse &joint) {
  const Text *values[] = {&joint.statement,   &joint.items,   &joint.scope,         &joint.purpose,
                          &joint.responsible, &joint.address, &joint.representative};
  std::vector<DisclosureLine> lines;
  for (std::size_t i = 0; i < k_joint_use_labels.size(); ++i) {
    if (!values[i]->empty()) {
      const std::string_view label = k_joint_use_labels[i];
      lines.push_back(
          {k_joint_use_fields[i], label, i == 0 ? values[i]->value : std::string(label) + "：" + values[i]->value});
    }
  }
  return lines;
}

std::string_view joint_use_label(std::string_view field) {
  for (std::size_t i = 0; i < k_joint_use_labels.size(); ++i) {
    if (k_joint_use_fields[i] == field) {
      return k_joint_use_labels[i];
    }
  }
  return field;
}

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
  out.insurer = view.insurer.name.value;
  out.effective = to_string(selected->effective);
  out.effective_ja = to_japanese_date(selected->effective).value_or(out.effective);
  for (const auto &paragraph : view.preamble) {
    out.preamble.push_back(paragraph.text.value);
  }
  for (const auto &category : view.categories) {
    CategoryView c;
    c.id = category.id;
    c.heading = category.marker.value + category.title.value;
    for (const auto &intro : category.intro) {
      c.intro.push_back(intro.value);
    }
    for (const auto &bucket : category.buckets) {
      BucketView b;
      b.id = bucket.id;
      b.heading = bucket.heading.value;
      if (bucket.joint_use) {
        b.details = printed(joint_use_lines(*bucket.joint_use));
      }
      for (const auto &item : bucket.items) {
        ItemView i;
        i.id = item.id;
        i.marker = view.style.item_marker;
        i.text = item.text.value;
        for (const auto &note : item.notes) {
          i.notes.push_back(note.value);
        }
        if (item.joint_use) {
          const auto lines = printed(joint_use_lines(*item.joint_use));
          i.notes.insert(i.notes.end(), lines.begin(), lines.end());
        }
        b.items.push_back(std::move(i));
      }
      c.buckets.push_back(std::move(b));
    }
    out.categories.push_back(std::move(c));
  }
  for (const auto &paragraph : view.postscript) {
    out.postscript.push_back(paragraph.text.value);
  }
  // `at()` keeps the revisions up to the selected one, oldest first.
  for (std::size_t i = 0; i < view.revisions.size(); ++i) {
    const Revision &r = view.revisions[i];
    out.revision_lines.push_back(!r.wording.empty() ? r.wording.value : default_revision_wording(r.effective, i == 0));
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
                            .set("items", std::move(items)));
    }
    categories.push_back(TemplateValue()
                             .set("id", anchor(category.id))
                             .set("heading", category.heading)
                             .set("has_intro", !category.intro.empty())
                             .set("intro", text_list(category.intro))
                             .set("buckets", std::move(buckets)));
  }
  return TemplateValue()
      .set("title", view.title)
      .set("insurer", view.insurer)
      .set("effective", view.effective)
      .set("effective_ja", view.effective_ja)
      .set("preamble", text_list(view.preamble))
      .set("categories", std::move(categories))
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
                    "(apt install pandoc). --format txt and md work without it",
                "--format " + name +
                    " には pandoc が必要ですが、PATH にありません。Debian パッケージ `pandoc` を入れてください"
                    "（apt install pandoc）。--format txt と md は pandoc なしで使えます");
  }
  if (format == RenderFormat::pdf && !find_program("weasyprint")) {
    throw Error("--format pdf needs weasyprint, which was not found in PATH; install the Debian packages "
                "`weasyprint` and `fonts-ipaexfont` (apt install weasyprint fonts-ipaexfont)",
                "--format pdf には weasyprint が必要ですが、PATH にありません。Debian パッケージ `weasyprint` と "
                "`fonts-ipaexfont` を入れてください（apt install weasyprint fonts-ipaexfont）");
  }
}

std::string convert_with_pandoc(std::string_view input, const PandocJob &job) {
  const bool pdf = job.to == "pdf";
  const bool docx = job.to == "docx";
  if (!find_program("pandoc")) {
    throw Error("pandoc was not found in PATH; install the Debian package `pandoc` (apt install pandoc)",
                "pandoc が PATH にありません。Debian パッケージ `pandoc` を入れてください（apt install pandoc）");
  }
  if (pdf && !find_program("weasyprint")) {
    throw Error("weasyprint was not found in PATH; install the Debian packages `weasyprint` and "
                "`fonts-ipaexfont` (apt install weasyprint fonts-ipaexfont)",
                "weasyprint が PATH にありません。Debian パッケージ `weasyprint` と `fonts-ipaexfont` を入れてください"
                "（apt install weasyprint fonts-ipaexfont）");
  }
  const PrivateTempDir dir;
  std::vector<std::string> argv{"pandoc",     "--from",           job.from,     "--to", pdf ? "html5" : job.to,
                                "--metadata", "lang=" + job.lang, "--wrap=none"};
  ProcessOptions process;
  if (docx) {
    const std::string_view reference =
        job.reference_docx.empty() ? builtin("reference.docx") : std::string_view(job.reference_docx);
    argv.push_back("--reference-doc=" + dir.write("reference.docx", reference));
    if (job.date) {
      // Pandoc stamps docx files with the current time unless told otherwise.
      process.extra_env.push_back("SOURCE_DATE_EPOCH=" + std::to_string(epoch_seconds(*job.date)));
    }
  } else {
    argv.push_back("--standalone");
    if (!job.title.empty()) {
      argv.push_back("--metadata");
      argv.push_back("pagetitle=" + job.title);
    }
    if (!job.css.empty()) {
      argv.push_back("--include-in-header=" + dir.write("style.html", "<style>\n" + job.css + "</style>\n"));
    }
  }
  if (!job.lua_filter.empty()) {
    argv.push_back("--lua-filter=" + dir.write("filter.lua", job.lua_filter));
  }
  std::string output_name;
  if (pdf) {
    output_name = "out.pdf";
    argv.push_back("--pdf-engine=weasyprint");
  } else if (docx) {
    output_name = "out.docx";
  }
  if (!output_name.empty()) {
    argv.push_back("--output=" + dir.path(output_name));
  }
  process.input = std::string(input);
  const ProcessResult result = run_process(argv, process);
  if (result.exit_code != 0) {
    std::string message =
        "pandoc failed (exit status " + std::to_string(result.exit_code) + ") converting to " + job.to;
    if (!result.err.empty()) {
      message += ":\n" + result.err;
      while (!message.empty() && message.back() == '\n') {
        message.pop_back();
      }
    }
    throw Error(message);
  }
  return output_name.empty() ? result.out : dir.read(output_name);
}

std::string render_notice(const Notice &notice, Date revision, const RenderOptions &options) {
  check_render_tools(options.format);
  const NoticeView view = make_view(notice, revision);
  TemplateValue data = to_template_value(view);
  const bool text = options.format == RenderFormat::txt;
  data.set("styled", options.format != RenderFormat::txt && options.format != RenderFormat::md);
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
  job.reference_docx = options.reference_docx;
  if (options.format == RenderFormat::docx) {
    job.lua_filter = builtin("notice-docx.lua");
  }
  job.date = parse_date(view.effective);
  return convert_with_pandoc(expanded, job);
}

} // namespace notice
