// read_document(): picks the reader from the content and the extension, reads the file within
// its limits, and gives every reader's lines the same shape.
#include "import/cjk.hpp"
#include "import/encoding.hpp"
#include "import/readers.hpp"

#include "notice/document_text.hpp"
#include "notice/error.hpp"
#include "notice/temp_dir.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace notice {
namespace {

namespace fs = std::filesystem;

std::optional<DocumentFormat> format_from_extension(const std::string &name) {
  const std::string ext = import::ascii_lower(fs::path(name).extension().string());
  if (ext == ".txt" || ext == ".text") {
    return DocumentFormat::text;
  }
  if (ext == ".md" || ext == ".markdown") {
    return DocumentFormat::markdown;
  }
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") {
    return DocumentFormat::html;
  }
  if (ext == ".pdf") {
    return DocumentFormat::pdf;
  }
  if (ext == ".docx") {
    return DocumentFormat::docx;
  }
  return std::nullopt;
}

// What the first bytes say; refuses the formats that look like a document but cannot be read.
std::optional<DocumentFormat> format_from_content(const std::string &name, std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) {
    return DocumentFormat::pdf;
  }
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) {
    return DocumentFormat::docx;
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    throw Error(name + ": a Word 97–2003 (.doc) file or a password-protected Office file (an OLE compound "
                       "document); open it in Word and save it as .docx without a password");
  }
  if (bytes.starts_with("{\\rtf")) {
    throw Error(name + ": an RTF file; save it as .docx, HTML or text");
  }
  const std::string head = import::ascii_lower(bytes.substr(0, 1024));
  std::size_t i = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) {
    ++i;
  }
  const std::string_view start = std::string_view(head).substr(i);
  if (start.starts_with("<!doctype html") || start.starts_with("<html") ||
      (start.starts_with("<") &&
       (head.find("<body") != std::string::npos || head.find("<head") != std::string::npos))) {
    return DocumentFormat::html;
  }
  return std::nullopt;
}

std::string read_limited(const std::string &path, std::size_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw Error(path + ": is a directory; give a file");
  }
  // A regular file's size is known before reading it; a pipe's is counted while reading.
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) > max_bytes && !ec) {
    throw Error(path + ": larger than " + std::to_string(max_bytes >> 20) + " MiB; not a notice");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(path + ": cannot open: " + std::strerror(errno));
  }
  std::string bytes;
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    bytes.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_bytes) {
      throw Error(path + ": larger than " + std::to_string(max_bytes >> 20) + " MiB; not a notice");
    }
  }
  if (in.bad()) {
    throw Error(path + ": cannot read: " + std::strerror(errno));
  }
  return bytes;
}

DocumentFormat pick_format(const std::string &name, std::string_view bytes, const ReadOptions &options) {
  if (options.format) {
    return *options.format;
  }
  if (const auto by_content = format_from_content(name, bytes)) {
    return *by_content;
  }
  if (const auto by_extension = format_from_extension(name)) {
    if (*by_extension == DocumentFormat::pdf || *by_extension == DocumentFormat::docx) {
      throw Error(name + ": named ." + std::string(to_string(*by_extension)) + " but is not a " +
                  (*by_extension == DocumentFormat::pdf ? "PDF (no %PDF- header)" : "DOCX (not a ZIP package)"));
    }
    return *by_extension;
  }
  return DocumentFormat::text;
}

void check_limits(const std::string &name, const DocumentText &document, const ReadLimits &limits) {
  if (document.lines.size() > limits.max_lines) {
    throw Error(name + ": more than " + std::to_string(limits.max_lines) + " lines of text; not a notice");
  }
}

DocumentText read_with(const std::string &name, std::string_view bytes, const std::string *file,
                       const ReadOptions &options) {
  const ReadLimits &limits = options.limits;
  if (bytes.size() > limits.max_file_bytes) {
    throw Error(name + ": larger than " + std::to_string(limits.max_file_bytes >> 20) + " MiB; not a notice");
  }
  const DocumentFormat format = pick_format(name, bytes, options);
  DocumentText document;
  switch (format) {
  case DocumentFormat::text:
  case DocumentFormat::markdown: {
    import::Decoded decoded = import::decode_text(name, bytes, "", limits.max_text_bytes);
    document.encoding = decoded.encoding;
    document.lines = format == DocumentFormat::text ? import::read_plain_lines(decoded.text)
                                                    : import::read_markdown_lines(decoded.text);
    for (const auto &line : document.lines) {
      document.pages = std::max(document.pages, line.pos.page);
    }
    break;
  }
  case DocumentFormat::html:
    document = import::read_html(name, bytes, limits);
    break;
  case DocumentFormat::pdf:
    if (file) {
      document = import::read_pdf(name, *file, limits);
    } else {
      const TempDirectory scratch("notice-audit-read");
      document = import::read_pdf(name, scratch.write("document.pdf", bytes), limits);
    }
    break;
  case DocumentFormat::docx:
    document = import::read_docx(name, bytes, limits);
    break;
  }
  document.path = name;
  document.format = format;
  check_limits(name, document, limits);
  return document;
}

} // namespace

std::string_view to_string(DocumentFormat format) {
  switch (format) {
  case DocumentFormat::text:
    return "text";
  case DocumentFormat::markdown:
    return "markdown";
  case DocumentFormat::html:
    return "html";
  case DocumentFormat::pdf:
    return "pdf";
  case DocumentFormat::docx:
    return "docx";
  }
  return "text";
}

std::optional<DocumentFormat> parse_document_format(std::string_view name) {
  for (const auto format : {DocumentFormat::text, DocumentFormat::markdown, DocumentFormat::html, DocumentFormat::pdf,
                            DocumentFormat::docx}) {
    if (name == to_string(format)) {
      return format;
    }
  }
  if (name == "txt") {
    return DocumentFormat::text;
  }
  if (name == "md") {
    return DocumentFormat::markdown;
  }
  return std::nullopt;
}

DocumentText read_document(const std::string &path, const ReadOptions &options) {
  const std::string bytes = read_limited(path, options.limits.max_file_bytes);
  return read_with(path, bytes, &path, options);
}

DocumentText read_document_bytes(const std::string &name, std::string_view bytes, const ReadOptions &options) {
  return read_with(name, bytes, nullptr, options);
}

bool looks_like_notice(const DocumentText &document) {
  return std::any_of(document.lines.begin(), document.lines.end(), [](const LogicalLine &line) {
    return line.text.find("個人情報") != std::string::npos || line.text.find("利用目的") != std::string::npos;
  });
}

std::string describe(const LinePosition &pos, DocumentFormat format) {
  std::string out;
  switch (format) {
  case DocumentFormat::pdf:
    out = "page " + std::to_string(pos.page) + ", line " + std::to_string(pos.line);
    break;
  case DocumentFormat::docx:
    out = "paragraph " + std::to_string(pos.line);
    break;
  case DocumentFormat::text:
  case DocumentFormat::markdown:
  case DocumentFormat::html:
    out =
        (pos.page > 0 ? "page " + std::to_string(pos.page) + ", " : std::string()) + "line " + std::to_string(pos.line);
    break;
  }
  if (!pos.path.empty()) {
    out += " (" + pos.path + ")";
  }
  return out;
}

} // namespace notice
