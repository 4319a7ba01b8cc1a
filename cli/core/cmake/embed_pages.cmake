# Turns every DIR/*.md into one C++ source defining notice::detail::k_rule_pages (name without .md,
# text) and k_rule_page_count, so that `notice-audit rules ID` and SARIF need no files at run time.
# Usage: cmake -DDIR=docs/rules -DOUTPUT=file.cpp -P embed_pages.cmake
file(GLOB pages "${DIR}/*.md")
list(SORT pages)
set(arrays "")
set(entries "")
set(index 0)
foreach(page IN LISTS pages)
  get_filename_component(name "${page}" NAME_WE)
  file(READ "${page}" content HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
  string(APPEND arrays "static const char k_page_${index}[] = {${bytes} '\\0'};\n")
  string(APPEND entries "    {\"${name}\", {k_page_${index}, sizeof(k_page_${index}) - 1}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${DIR}/*.md by cmake/embed_pages.cmake. Do not edit.\n"
  "#include <cstddef>\n#include <string_view>\n"
  "namespace notice::detail {\n"
  "struct EmbeddedPage {\n  std::string_view name;\n  std::string_view text;\n};\n"
  "${arrays}"
  "extern const EmbeddedPage k_rule_pages[];\n"
  "extern const std::size_t k_rule_page_count;\n"
  "const EmbeddedPage k_rule_pages[] = {\n${entries}};\n"
  "const std::size_t k_rule_page_count = ${index};\n"
  "}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
