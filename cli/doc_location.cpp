#include "doc_location.hpp"

#include "version.hpp"

#include <filesystem>

namespace notice::cli {
namespace {

// RFC 3986: everything but unreserved characters and the path's slashes percent-encoded.
std::string file_uri(const std::string &path) {
  static const char *k_hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += k_hex[u >> 4];
      out += k_hex[u & 15];
    }
  }
  return out;
}

} // namespace

std::string doc_uri() {
  std::error_code ec;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // <prefix>/bin/notice-audit → <prefix>/share/doc/notice-audit
    const std::filesystem::path beside = program.parent_path().parent_path() / "share/doc/notice-audit";
    if (std::filesystem::is_regular_file(beside / "README.md", ec)) {
      return file_uri(beside.lexically_normal().string());
    }
  }
  return file_uri(k_install_docdir);
}

} // namespace notice::cli
