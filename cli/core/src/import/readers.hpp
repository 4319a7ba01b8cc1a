// The readers behind read_document(), one per format. Each takes the whole file (or, for PDF, its
// path) and gives logical lines; read.cpp picks one and applies the common limits.
#pragma once

#include "notice/document_text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace notice::import {

/// Plain text (already UTF-8): one logical line per non-blank line; form feeds start pages.
std::vector<LogicalLine> read_plain_lines(std::string_view text);

/// Markdown (already UTF-8): paragraphs with their soft-wrapped lines joined, headings (ATX and
/// setext, pandoc's `{#id}` dropped), list items, hard breaks, code blocks line by line, pipe tables
/// cell by cell; backslash escapes, emphasis, links and inline code reduced to their text.
std::vector<LogicalLine> read_markdown_lines(std::string_view text);

/// HTML (any encoding): the main content's blocks, one logical line each. Throws notice::Error
/// naming `name` when the document has no body text or passes `limits`.
DocumentText read_html(const std::string &name, std::string_view bytes, const ReadLimits &limits);

/// pdftotext's `-layout` output (pages separated by form feeds) as logical lines: page numbers and
/// running headers/footers removed, wrapped lines joined, extraction spacing repaired. `notes` gets
/// one sentence per kind of repair.
std::vector<LogicalLine> lines_from_layout(std::string_view layout, int &pages, std::vector<std::string> &notes);

/// A PDF file through pdftotext (poppler-utils) in a child process bounded in time, memory and
/// output size. Throws notice::Error for an encrypted, image-only or broken PDF.
DocumentText read_pdf(const std::string &name, const std::string &file, const ReadLimits &limits);

/// A DOCX package: word/document.xml with its styles and numbering, through the ZIP reader's checks.
DocumentText read_docx(const std::string &name, std::string_view bytes, const ReadLimits &limits);

} // namespace notice::import
