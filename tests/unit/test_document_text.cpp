// The readers of published notices: text, Markdown, HTML, PDF and DOCX into logical lines.
#include "import/cjk.hpp"
#include "import/readers.hpp"
#include "zip_writer.hpp"

#include "notice/document_text.hpp"
#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/process.hpp"
#include "notice/render.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace notice;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> texts(const DocumentText &document) {
  std::vector<std::string> out;
  for (const auto &line : document.lines) {
    out.push_back(line.text);
  }
  return out;
}

DocumentText read_as(const std::string &name, const std::string &bytes) {
  return read_document_bytes(name, bytes);
}

std::string to_encoding(const std::string &utf8, const std::string &encoding) {
  const ProcessResult r = run_process({"iconv", "-f", "UTF-8", "-t", encoding}, {utf8, {}, {}});
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// The lines of render's txt output, blank lines dropped and the ideographic space that indents
// notes trimmed: what every reader should give back for a rendering of the same revision.
std::vector<std::string> rendered_lines(const Notice &notice) {
  const std::string text = render_notice(notice, Date{2021, 10, 29}, {RenderFormat::txt, {}, {}, {}, {}});
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = import::collapse_whitespace(text.substr(start, end - start));
    if (!line.empty()) {
      out.push_back(line);
    }
    start = end + 1;
  }
  return out;
}

Notice bundled() {
  LoadResult r = load_file(NOTICE_SOURCE_DIR "/notice/acom-kenpo.yaml");
  REQUIRE(r.notice);
  return *r.notice;
}

// A private directory for files a test writes, removed afterwards.
struct Scratch {
  fs::path path;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "notice-audit-test-read-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()));
    path = pattern;
  }
  ~Scratch() { fs::remove_all(path); }
  std::string write(const std::string &name, const std::string &content) const {
    const fs::path file = path / name;
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Encodings

TEST_CASE("text files are decoded from UTF-8, UTF-16 with BOM, CP932, EUC-JP and ISO-2022-JP", "[read][encoding]") {
  const std::string text = "個人情報の利用目的\n・被保険者資格の確認、①〜③の事務\n";
  SECTION("UTF-8") {
    const DocumentText d = read_as("n.txt", text);
    CHECK(d.encoding == "UTF-8");
    CHECK(texts(d) == std::vector<std::string>{"個人情報の利用目的", "・被保険者資格の確認、①〜③の事務"});
  }
  SECTION("UTF-8 with BOM") {
    const DocumentText d = read_as("n.txt", "\xEF\xBB\xBF" + text);
    CHECK(d.encoding == "UTF-8 with BOM");
    CHECK(d.lines.front().text == "個人情報の利用目的");
  }
  SECTION("UTF-16LE with BOM") {
    const DocumentText d = read_as("n.txt", "\xFF\xFE" + to_encoding(text, "UTF-16LE"));
    CHECK(d.encoding == "UTF-16LE with BOM");
    CHECK(d.lines.back().text == "・被保険者資格の確認、①〜③の事務");
  }
  SECTION("Shift_JIS (CP932), with the NEC circled digits and the CP932 tilde") {
    const DocumentText d =
        read_as("n.txt", to_encoding("個人情報の利用目的\n・被保険者資格の確認、①～③の事務\n", "CP932"));
    CHECK(d.encoding == "CP932");
    CHECK(d.lines.back().text == "・被保険者資格の確認、①～③の事務");
  }
  SECTION("EUC-JP, which also decodes as CP932 but reads as half-width katakana there") {
    const DocumentText d = read_as("n.txt", to_encoding("個人情報の利用目的について公表いたします。\n", "EUC-JP"));
    CHECK(d.encoding == "EUC-JP");
    CHECK(d.lines.front().text == "個人情報の利用目的について公表いたします。");
  }
  SECTION("ISO-2022-JP, which is 7-bit and would pass for ASCII") {
    const DocumentText d = read_as("n.txt", to_encoding("個人情報の利用目的\n", "ISO-2022-JP"));
    CHECK(d.encoding == "ISO-2022-JP");
    CHECK(d.lines.front().text == "個人情報の利用目的");
  }
  SECTION("bytes that are none of them") {
    CHECK_THROWS_WITH(read_as("n.txt", "abc\x80\xFF\xFE\x81"),
                      Catch::StartsWith("n.txt: not UTF-8, Shift_JIS (CP932) or EUC-JP text: invalid byte 0x80 at "
                                        "offset 3 as UTF-8"));
  }
  SECTION("NUL bytes without a BOM") {
    CHECK_THROWS_WITH(read_as("n.txt", std::string("a\0b", 3)),
                      "n.txt: contains NUL bytes at offset 1: a binary file, or UTF-16 without a byte order mark "
                      "(save it as UTF-8)");
  }
}

// ---------------------------------------------------------------------------------------------
// Plain text and Markdown

TEST_CASE("plain text: one logical line per line, with positions, indentation and pages", "[read][text]") {
  const DocumentText d = read_as("n.txt", "表題\n\n　当組合は、\n  ・項目  二つ\t空白\r\n\f次の頁\n");
  REQUIRE(d.lines.size() == 4);
  CHECK(d.lines[0].text == "表題");
  CHECK(d.lines[0].pos.line == 1);
  CHECK(d.lines[0].pos.page == 1);
  CHECK_FALSE(d.lines[0].hints.blank_before);
  CHECK(d.lines[1].text == "当組合は、");
  CHECK(d.lines[1].hints.indent == 2);
  CHECK(d.lines[1].pos.column == 2);
  CHECK(d.lines[1].hints.blank_before);
  CHECK(d.lines[2].text == "・項目 二つ 空白");
  CHECK(d.lines[2].pos.line == 4);
  CHECK(d.lines[3].text == "次の頁");
  CHECK(d.lines[3].pos.page == 2);
  CHECK(d.lines[3].hints.blank_before);
  CHECK(d.pages == 2);
}

TEST_CASE("Markdown: headings, paragraphs, lists, hard breaks, escapes, code and tables", "[read][markdown]") {
  const std::string md = "# 個人情報の利用目的 {#title}\n"
                         "\n"
                         "当組合は、\n"
                         "被保険者の\n"
                         "*個人情報*を利用します。\n"
                         "\n"
                         "## 1．保険給付 {#benefits}\n"
                         "\n"
                         "- ・資格の確認\\\n"
                         "  注記の行\n"
                         "- ・\\[括弧\\]と\\*印\n"
                         "\n"
                         "1. 番号付き\n"
                         "2. [リンク](https://example.jp)の項目\n"
                         "\n"
                         "見出し二\n"
                         "------\n"
                         "\n"
                         "```\n"
                         "コード  そのまま\n"
                         "```\n"
                         "\n"
                         "| 区分 | 内容 |\n"
                         "|---|---|\n"
                         "| 内部 | 保険給付 |\n";
  const DocumentText d = read_as("n.md", md);
  CHECK(texts(d) == std::vector<std::string>{"個人情報の利用目的", "当組合は、被保険者の個人情報を利用します。",
                                             "1．保険給付", "・資格の確認", "注記の行", "・[括弧]と*印", "1. 番号付き",
                                             "2. リンクの項目", "見出し二", "コード そのまま", "区分", "内容", "内部",
                                             "保険給付"});
  CHECK(d.lines[0].hints.heading_level == 1);
  CHECK(d.lines[0].pos.column == 3);
  CHECK(d.lines[1].pos.line == 3);
  CHECK(d.lines[2].hints.heading_level == 2);
  CHECK(d.lines[3].hints.list_level == 1);
  CHECK(d.lines[3].hints.list_marker.empty());
  CHECK(d.lines[4].hints.list_level == 1);
  CHECK(d.lines[4].pos.line == 10);
  CHECK(d.lines[6].hints.list_marker == "1.");
  CHECK(d.lines[6].hints.marker_generated);
  CHECK(d.lines[8].hints.heading_level == 2);
  CHECK(d.lines[10].pos.line == 23);
}

TEST_CASE("Markdown joins an ASCII soft break with a space and a Japanese one without", "[read][markdown]") {
  CHECK(texts(read_as("n.md", "My\nNumber と\nマイナンバー\n")) ==
        std::vector<std::string>{"My Number とマイナンバー"});
}

// ---------------------------------------------------------------------------------------------
// HTML

namespace {

const std::string k_society_page = R"(<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>個人情報の利用目的 | テスト健康保険組合</title>
<script>var menu = "個人情報保護方針";</script><style>body { color: black }</style></head>
<body>
<header class="site-header"><a href="/"><img alt="テスト健康保険組合" src="logo.png"></a>
  <nav class="gnav"><ul><li><a href="/">ホーム</a></li><li><a href="/privacy">個人情報保護方針</a></li></ul></nav>
</header>
<div class="breadcrumb"><a href="/">トップ</a> &gt; 個人情報の利用目的</div>
<main id="content">
  <article>
    <header><h1>個人情報の利用目的の公表について</h1></header>
    <p>当組合は、被保険者の
       個人情報を次のように利用します。</p>
    <h2>1．保険給付</h2>
    <h3>【内部での利用】</h3>
    <ul>
      <li>・資格の確認<br>　注記の行</li>
      <li style="display:none">隠れた行</li>
      <li>・保険給付の<strong>実施</strong></li>
    </ul>
    <ol start="3"><li>番号付き</li><li><p>段落の中の項目</p></li></ol>
    <table><tr><th>区分</th><td>内容 です</td></tr></table>
    <pre>整形済み
  二行目</pre>
    <div class="share-buttons"><a href="#">シェア</a></div>
    <footer><p>令和３年９月１日施行</p></footer>
  </article>
  <aside><h2>関連リンク</h2><p>お知らせ</p></aside>
</main>
<footer><p>Copyright テスト健康保険組合</p></footer>
<script>document.write("個人情報")</script>
</body></html>
)";

} // namespace

TEST_CASE("HTML: the main content's blocks, without the site's navigation, scripts, asides and footer",
          "[read][html]") {
  const DocumentText d = read_as("page.html", k_society_page);
  CHECK(texts(d) == std::vector<std::string>{"個人情報の利用目的の公表について",
                                             "当組合は、被保険者の個人情報を次のように利用します。", "1．保険給付",
                                             "【内部での利用】", "・資格の確認", "注記の行", "・保険給付の実施",
                                             "3. 番号付き", "4. 段落の中の項目", "区分", "内容 です", "整形済み",
                                             "二行目", "令和３年９月１日施行"});
  CHECK(d.encoding == "UTF-8");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0] == "main content: <main> at body/main");
  CHECK(d.lines[0].hints.heading_level == 1);
  CHECK(d.lines[0].pos.line == 11);
  CHECK(d.lines[0].pos.path == "body/main/article/header/h1");
  CHECK(d.lines[1].pos.line == 12);
  CHECK(d.lines[1].pos.path == "body/main/article/p");
  CHECK(d.lines[4].hints.list_level == 1);
  CHECK(d.lines[4].pos.path == "body/main/article/ul/li[1]");
  CHECK(d.lines[7].hints.list_marker == "3.");
  CHECK(d.lines[7].hints.marker_generated);
  CHECK(d.lines[8].hints.list_marker == "4.");
}

TEST_CASE("HTML without <main>: the article or the element named as content with the notice's words", "[read][html]") {
  const std::string page = R"(<html><body><div id="menu"><p>メニュー</p></div>
<div class="col"><div class="entry-content"><p>個人情報の利用目的</p><p>・資格の確認</p></div></div>
<div id="side"><p>お問い合わせ</p></div></body></html>)";
  const DocumentText d = read_as("page.htm", page);
  CHECK(texts(d) == std::vector<std::string>{"個人情報の利用目的", "・資格の確認"});
  CHECK(d.notes[0] == "main content: the element named as content at body/div[2]/div");
}

TEST_CASE("HTML in Shift_JIS is decoded by its <meta charset>", "[read][html][encoding]") {
  const std::string page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
                           "</head><body><p>個人情報の利用目的</p><p>～被保険者～</p></body></html>";
  const DocumentText d = read_as("page.html", to_encoding(page, "CP932"));
  CHECK(d.encoding == "CP932");
  CHECK(texts(d) == std::vector<std::string>{"個人情報の利用目的", "～被保険者～"});
}

TEST_CASE("hostile HTML: deep nesting, no text, tag soup", "[read][html][hostile]") {
  SECTION("nesting deeper than the limit is refused") {
    std::string page = "<html><body>";
    for (int i = 0; i < 2000; ++i) {
      page += "<div>";
    }
    page += "個人情報</body></html>";
    CHECK_THROWS_WITH(read_as("deep.html", page), Catch::StartsWith("deep.html: elements nested deeper than"));
  }
  SECTION("a page of scripts and navigation only") {
    CHECK_THROWS_WITH(read_as("empty.html", "<html><body><nav>メニュー</nav><script>x()</script></body></html>"),
                      "empty.html: the page has no text outside its navigation, scripts and styles");
  }
  SECTION("unclosed and misnested tags still give the text") {
    const DocumentText d = read_as("soup.html", "<html><body><p>個人<b>情報<p>利用</i>目的<li>項目</body>");
    CHECK(texts(d) == std::vector<std::string>{"個人情報", "利用目的", "項目"});
  }
}

// ---------------------------------------------------------------------------------------------
// PDF

TEST_CASE("PDF layout text: page numbers and running headers dropped, wrapped lines joined, spacing repaired",
          "[read][pdf]") {
  const std::string full = std::string(40, 'x'); // the body's full width is set by the long lines below
  const std::string layout = "                      テスト健康保険組合\n"
                             "個人情報の利用目的の公表について\n"
                             "\n"
                             "当組合は、番号法第 19条第 8号に定める情報連携のため、被保険者の個人情報を利\n"
                             "用いたします。\n"
                             "・オンライン資格確認等システムを利用したレセプト振替のための再審査請求に係る\n"
                             " 加入者情報の照会及び提供\n"
                             "・保険給付の実施\n"
                             "\n"
                             "                                 - 1 -\n"
                             "\f                      テスト健康保険組合\n"
                             "【他の事業者等への情報提供を伴う事例】\n"
                             "・⽤紙の送付\n"
                             "\n"
                             "                                 - 2 -\n"
                             "\f";
  int pages = 0;
  std::vector<std::string> notes;
  const auto lines = import::lines_from_layout(layout, pages, notes);
  std::vector<std::string> got;
  for (const auto &l : lines) {
    got.push_back(l.text);
  }
  CHECK(got ==
        std::vector<std::string>{
            "個人情報の利用目的の公表について",
            "当組合は、番号法第19条第8号に定める情報連携のため、被保険者の個人情報を利用いたします。",
            "・オンライン資格確認等システムを利用したレセプト振替のための再審査請求に係る加入者情報の照会及び提供",
            "・保険給付の実施", "【他の事業者等への情報提供を伴う事例】", "・用紙の送付"});
  CHECK(pages == 2);
  CHECK(notes == std::vector<std::string>{"removed 2 page numbers", "removed 2 running header/footer lines",
                                          "joined 2 wrapped lines"});
  CHECK(lines[1].pos.page == 1);
  CHECK(lines[1].pos.line == 4);
  CHECK(lines[1].hints.joined_lines == 2);
  CHECK(lines[4].pos.page == 2);
  CHECK(lines[4].pos.line == 2);
}

TEST_CASE("PDF layout text: a bucket heading that opens two of three pages is not taken for a running header",
          "[read][pdf]") {
  const std::string layout = "個人情報の利用目的\n・一\n\f【内部での利用】\n・二\n\f【内部での利用】\n・三\n\f";
  int pages = 0;
  std::vector<std::string> notes;
  const auto lines = import::lines_from_layout(layout, pages, notes);
  CHECK(lines.size() == 6);
  CHECK(notes.empty());
}

TEST_CASE("a rendered PDF reads back as render's text lines", "[read][pdf]") {
  if (!find_program("pdftotext") || !find_program("weasyprint")) {
    WARN("pdftotext or weasyprint missing: skipped");
    return;
  }
  const Notice notice = bundled();
  const std::string pdf = render_notice(notice, Date{2021, 10, 29}, {RenderFormat::pdf, {}, {}, {}, {}});
  const DocumentText d = read_as("acom.pdf", pdf);
  CHECK(d.format == DocumentFormat::pdf);
  CHECK(d.pages == 3);
  CHECK(texts(d) == rendered_lines(notice));
  CHECK(d.notes == std::vector<std::string>{"removed 3 page numbers", "joined 12 wrapped lines"});
}

TEST_CASE("hostile PDFs: encrypted, image-only, truncated, not a PDF, and no temporary file left behind",
          "[read][pdf][hostile]") {
  if (!find_program("pdftotext")) {
    WARN("pdftotext missing: skipped");
    return;
  }
  Scratch scratch;
  const std::string old_tmpdir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "";
  const fs::path tmp = scratch.path / "tmp";
  fs::create_directory(tmp);
  ::setenv("TMPDIR", tmp.c_str(), 1);
  SECTION("encrypted with a user password (tests/data/encrypted.pdf, made by make-encrypted-pdf.py)") {
    CHECK_THROWS_WITH(read_document(NOTICE_SOURCE_DIR "/tests/data/encrypted.pdf"),
                      NOTICE_SOURCE_DIR "/tests/data/encrypted.pdf: the PDF is encrypted with a password; save an "
                                        "unprotected copy and read that");
  }
  SECTION("image-only: pages without a text layer") {
    if (find_program("weasyprint")) {
      const std::string html = scratch.write("img.html", "<html><body><div style=\"width:300px;height:300px;"
                                                         "background:#888\"></div></body></html>");
      const std::string pdf = (scratch.path / "img.pdf").string();
      REQUIRE(run_process({"weasyprint", html, pdf}).exit_code == 0);
      CHECK_THROWS_WITH(read_document(pdf), pdf +
                                                ": no text layer (1 page of images, or a scanned document): run "
                                                "OCR first, e.g. `ocrmypdf -l jpn " +
                                                pdf + " ocr.pdf`, and read ocr.pdf");
    }
  }
  SECTION("truncated") {
    const std::string pdf = scratch.write("cut.pdf", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog");
    CHECK_THROWS_WITH(read_document(pdf), Catch::StartsWith(pdf + ": not a readable PDF (pdftotext: "));
  }
  SECTION("named .pdf but something else") {
    const std::string pdf = scratch.write("fake.pdf", "個人情報の利用目的\n");
    CHECK_THROWS_WITH(read_document(pdf), pdf + ": named .pdf but is not a PDF (no %PDF- header)");
  }
  if (old_tmpdir.empty()) {
    ::unsetenv("TMPDIR");
  } else {
    ::setenv("TMPDIR", old_tmpdir.c_str(), 1);
  }
  CHECK(fs::is_empty(tmp));
}

TEST_CASE("pdftotext runs under a time limit and an output limit", "[read][pdf][hostile]") {
  // A stand-in pdftotext first in PATH: one that hangs, one that writes without end.
  Scratch scratch;
  const std::string old_path = std::getenv("PATH");
  const std::string pdf = scratch.write("any.pdf", "%PDF-1.7\n");
  const std::string program = scratch.write("pdftotext", "");
  fs::permissions(program, fs::perms::owner_all);
  ::setenv("PATH", (scratch.path.string() + ":" + old_path).c_str(), 1);
  ReadOptions options;
  SECTION("a helper that does not finish is stopped") {
    std::ofstream(program) << "#!/bin/sh\nsleep 30\n";
    options.limits.timeout_seconds = 1;
    CHECK_THROWS_WITH(read_document(pdf, options),
                      pdf + ": pdftotext did not finish within 1 s and was stopped; the PDF is too large or malformed "
                            "(NOTICE_AUDIT_HELPER_TIMEOUT sets the limit in seconds)");
  }
  SECTION("a helper that writes too much text is stopped at the limit") {
    std::ofstream(program) << "#!/bin/sh\nfor last; do :; done\nexec head -c 5000000 /dev/zero > \"$last\"\n";
    options.limits.max_text_bytes = 1u << 20;
    CHECK_THROWS_WITH(read_document(pdf, options), pdf + ": the PDF holds more than 1 MiB of text; not a notice");
  }
  ::setenv("PATH", old_path.c_str(), 1);
}

// ---------------------------------------------------------------------------------------------
// DOCX

TEST_CASE("a rendered DOCX reads back as render's text lines", "[read][docx]") {
  if (!find_program("pandoc")) {
    WARN("pandoc missing: skipped");
    return;
  }
  const Notice notice = bundled();
  const std::string docx = render_notice(notice, Date{2021, 10, 29}, {RenderFormat::docx, {}, {}, {}, {}});
  const DocumentText d = read_as("acom.docx", docx);
  CHECK(d.format == DocumentFormat::docx);
  CHECK(texts(d) == rendered_lines(notice));
  CHECK(d.lines[0].hints.heading_level == 1);
  CHECK(d.lines[0].pos.path == "body/p[1]");
}

TEST_CASE("DOCX: Word numbering printed as Word prints it, heading styles, tracked changes, breaks, tables",
          "[read][docx]") {
  using test::paragraph;
  const std::string numbering =
      R"(<w:abstractNum w:abstractNumId="0">)"
      R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1．"/><w:suff w:val="nothing"/></w:lvl>)"
      R"x(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="aiueoFullWidth"/><w:lvlText w:val="(%2)"/></w:lvl>)x"
      R"(</w:abstractNum>)"
      R"(<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>)"
      R"(<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=")"
      "\uF0B7"
      R"("/></w:lvl></w:abstractNum>)"
      R"(<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>)"
      R"(<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>)"
      R"(<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>)";
  const std::string styles = R"(<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>)"
                             R"(<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Title"/></w:style>)";
  const auto numbered = [](int num, int level) {
    return "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" + std::to_string(num) +
           "\"/></w:numPr>";
  };
  const std::string body =
      paragraph("個人情報の利用目的", R"(<w:pStyle w:val="a"/>)") + paragraph("保険給付", numbered(1, 0)) +
      paragraph("内部での利用", numbered(1, 1)) + paragraph("外部への提供", numbered(1, 1)) +
      paragraph("保険料の徴収", numbered(1, 0)) + paragraph("最初", numbered(2, 0)) + paragraph("次", numbered(2, 0)) +
      paragraph("記号の項目", numbered(3, 0)) + paragraph("見出し", R"(<w:pStyle w:val="1"/>)") +
      R"(<w:p><w:r><w:t>残す</w:t></w:r><w:del><w:r><w:delText>消した</w:delText></w:r></w:del>)"
      R"(<w:ins><w:r><w:t>加えた</w:t></w:r></w:ins><w:r><w:tab/><w:t>タブ</w:t><w:br/><w:t>改行の後</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>)"
      R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>結果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>)"
      R"(<w:tbl><w:tr><w:tc><w:p><w:r><w:t>区分</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内容</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)"
      R"(<w:p/>)" +
      paragraph("空行の後");
  const DocumentText d = read_as("n.docx", test::make_docx(body, styles, numbering));
  CHECK(texts(d) == std::vector<std::string>{"個人情報の利用目的", "１．保険給付", "(ア) 内部での利用",
                                             "(イ) 外部への提供", "２．保険料の徴収", "①最初", "②次", "• 記号の項目",
                                             "見出し", "残す加えた タブ", "改行の後", "結果", "区分", "内容",
                                             "空行の後"});
  CHECK(d.lines[0].hints.heading_level == 1);
  CHECK(d.lines[1].hints.list_marker == "１．");
  CHECK(d.lines[1].hints.list_level == 1);
  CHECK(d.lines[2].hints.list_level == 2);
  CHECK(d.lines[8].hints.heading_level == 1);
  CHECK(d.lines[9].pos.line == 10);
  CHECK(d.lines[10].pos.line == 10);
  CHECK(d.lines[12].pos.path == "body/tbl[1]/tr[1]/tc[1]/p[1]");
  CHECK(d.lines[13].pos.path == "body/tbl[1]/tr[1]/tc[2]/p[1]");
  CHECK(d.lines[14].hints.blank_before);
}

TEST_CASE("hostile DOCX: zip bombs, lying sizes, overlapping entries, encryption, DTDs and broken XML",
          "[read][docx][hostile]") {
  using test::ZipItem;
  const std::string document =
      "<w:document " + test::k_w + "><w:body>" + test::paragraph("個人情報") + "</w:body></w:document>";
  SECTION("an entry whose declared size is a thousand times its compressed size is refused before inflating") {
    const std::string zeros(64u << 20, '\0');
    const std::string zip = test::make_zip({{"word/document.xml", zeros}});
    CHECK(zip.size() < 100'000);
    CHECK_THROWS_WITH(read_as("bomb.docx", zip),
                      Catch::Matches("bomb\\.docx: entry word/document\\.xml would inflate [0-9]+ bytes to 64 MiB "
                                     "\\(more than 100 times\\): a zip bomb, not a document"));
  }
  SECTION("declared sizes that add up past the total, each within the ratio") {
    std::string noise(700'000, '\0');
    std::uint32_t state = 12345;
    for (char &c : noise) {
      state = state * 1103515245u + 12345u; // incompressible enough: deflate keeps ~700 KB
      c = static_cast<char>(state >> 24);
    }
    std::vector<ZipItem> items;
    for (int i = 0; i < 20; ++i) {
      ZipItem item{"word/media/image" + std::to_string(i) + ".bin", noise};
      item.declared_size = 60 << 20;
      items.push_back(item);
    }
    CHECK_THROWS_WITH(read_as("many.docx", test::make_zip(items)),
                      "many.docx: the ZIP archive declares more than 1024 MiB of uncompressed data: a zip bomb, not a "
                      "document");
  }
  SECTION("an entry that inflates to more than it declares stops at the declared size") {
    ZipItem item{"word/document.xml", document + std::string(5000, ' ')};
    item.declared_size = 100;
    CHECK_THROWS_WITH(read_as("liar.docx", test::make_zip({item})),
                      "liar.docx: entry word/document.xml inflates to more than its declared 100 bytes");
  }
  SECTION("entries sharing their compressed data") {
    ZipItem first{"word/document.xml", document};
    ZipItem second{"word/styles.xml", document};
    second.local_offset = 0;
    CHECK_THROWS_WITH(read_as("overlap.docx", test::make_zip({first, second})),
                      Catch::Contains("overlap in the ZIP archive: a zip bomb, not a document"));
  }
  SECTION("too many entries") {
    std::vector<ZipItem> items;
    for (int i = 0; i < 10'001; ++i) {
      items.push_back({"f" + std::to_string(i), "", false});
    }
    CHECK_THROWS_WITH(read_as("crowd.docx", test::make_zip(items)),
                      "crowd.docx: the ZIP archive lists 10001 entries (at most 10000 accepted)");
  }
  SECTION("an encrypted entry") {
    ZipItem item{"word/document.xml", document};
    item.flags = 1;
    CHECK_THROWS_WITH(read_as("locked.docx", test::make_zip({item})),
                      "locked.docx: entry word/document.xml is encrypted");
  }
  SECTION("a password-protected Word file (an OLE compound document)") {
    CHECK_THROWS_WITH(
        read_as("locked.docx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0')),
        Catch::StartsWith("locked.docx: a Word 97–2003 (.doc) file or a password-protected Office file"));
  }
  SECTION("a damaged CRC") {
    std::string zip = test::make_zip({{"word/document.xml", document, false}});
    zip[30 + 17 + 60] ^= 1; // a byte of the stored document
    CHECK_THROWS_WITH(read_as("crc.docx", zip),
                      "crc.docx: a damaged ZIP archive (word/document.xml fails its CRC-32 check)");
  }
  SECTION("a DOCTYPE with entities (billion laughs) is refused, not expanded") {
    const std::string laughs =
        R"(<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "個人情報個人情報">)"
        R"(<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>)"
        "<w:document " +
        test::k_w + "><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>";
    CHECK_THROWS_WITH(
        read_as("laughs.docx", test::make_zip({{"word/document.xml", laughs}})),
        "laughs.docx: word/document.xml: has a DOCTYPE, which Word never writes; refused (entity expansion)");
  }
  SECTION("XML that is not well-formed") {
    CHECK_THROWS_WITH(
        read_as("broken.docx", test::make_zip({{"word/document.xml", "<w:document " + test::k_w + "><w:body><w:p>"}})),
        Catch::StartsWith("broken.docx: word/document.xml: not well-formed XML: line 1: "));
  }
  SECTION("a ZIP that is not a Word document") {
    CHECK_THROWS_WITH(read_as("other.docx", test::make_zip({{"content.xml", "<x/>"}})),
                      "other.docx: an OpenDocument file, not DOCX; save it as .docx");
  }
}

// ---------------------------------------------------------------------------------------------
// Format choice and the notice check

TEST_CASE("the format comes from the content first, then the extension", "[read]") {
  CHECK(read_as("page.txt", "<!DOCTYPE html><html><body><p>個人情報</p></body></html>").format == DocumentFormat::html);
  CHECK(read_as("notes", "個人情報\n").format == DocumentFormat::text);
  CHECK(read_as("n.markdown", "# 個人情報\n").format == DocumentFormat::markdown);
  ReadOptions as_text;
  as_text.format = DocumentFormat::text;
  CHECK(read_document_bytes("page.html", "<p>個人情報</p>", as_text).lines.front().text == "<p>個人情報</p>");
  CHECK_THROWS_WITH(read_as("n.docx", "個人情報"), "n.docx: named .docx but is not a DOCX (not a ZIP package)");
}

TEST_CASE("a document is taken for a notice when it mentions 個人情報 or 利用目的", "[read]") {
  CHECK(looks_like_notice(read_as("a.txt", "当組合の利用目的\n")));
  CHECK(looks_like_notice(read_as("a.txt", "個人情報保護方針\n")));
  CHECK_FALSE(looks_like_notice(read_as("a.txt", "健康保険組合のお知らせ\n保養所のご案内\n")));
}

TEST_CASE("positions are described the way people say them", "[read]") {
  CHECK(describe({2, 14, 1, ""}, DocumentFormat::pdf) == "page 2, line 14");
  CHECK(describe({0, 120, 0, "body/main/ul[2]/li[3]"}, DocumentFormat::html) == "line 120 (body/main/ul[2]/li[3])");
  CHECK(describe({0, 12, 0, "body/p[12]"}, DocumentFormat::docx) == "paragraph 12 (body/p[12])");
  CHECK(describe({0, 3, 1, ""}, DocumentFormat::text) == "line 3");
}

TEST_CASE("extraction spacing and wrapped-line joins", "[read][cjk]") {
  CHECK(import::repair_extracted_spacing("第 19条第  8号 及び 個人 情報") == "第19条第8号及び個人情報");
  CHECK(import::repair_extracted_spacing("Web サイト and 19 条") == "Web サイト and 19条");
  CHECK(import::repair_extracted_spacing("令和３年　 　 　１０月") == "令和３年　　　１０月");
  CHECK(import::repair_extracted_spacing("⽤途") == "用途");
  CHECK(import::join_wrapped("加入者情報の照", "会及び提供") == "加入者情報の照会及び提供");
  CHECK(import::join_wrapped("personal", "data") == "personal data");
  CHECK(import::display_width("個人ab") == 6);
}
