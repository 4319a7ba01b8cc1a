# Turns a text file into a C++ source defining `extern const std::string_view SYMBOL`.
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P embed.cmake
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace notice::detail {\n"
  "static const char k_data[] = {${bytes} '\\0'};\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}{k_data, sizeof(k_data) - 1};\n"
  "}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
