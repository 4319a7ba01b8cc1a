cmake_minimum_required(VERSION 3.25)
# The round trip of one corpus text: `import SOURCE` then `render -f txt` gives back the text,
# whitespace and line wrapping aside (every space, U+3000, U+00A0 and line break removed on both
# sides before comparing). Both outputs are kept in OUT.
#
#   cmake -DBIN=notice-audit -DSOURCE=source.txt -DOUT=dir -P round_trip.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(ENV{NOTICE_AUDIT_AS_OF} "2026-12-01")
execute_process(COMMAND "${BIN}" import "${SOURCE}" --effective 2026-12-01 -o "${OUT}/notice.yaml"
                RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "import failed (${rc}): ${err}")
endif()
execute_process(COMMAND "${BIN}" render "${OUT}/notice.yaml" -f txt -o "${OUT}/rendered.txt"
                RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "render failed (${rc}): ${err}")
endif()
function(squeeze path out)
  file(READ "${path}" text)
  string(REGEX REPLACE "[ \t\r\n\f]" "" text "${text}")
  string(REPLACE "　" "" text "${text}")
  string(REPLACE " " "" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
squeeze("${SOURCE}" want)
squeeze("${OUT}/rendered.txt" got)
if(NOT want STREQUAL got)
  file(WRITE "${OUT}/want.txt" "${want}")
  file(WRITE "${OUT}/got.txt" "${got}")
  message(FATAL_ERROR "the rendered text differs from ${SOURCE} (whitespace aside); compare ${OUT}/want.txt and ${OUT}/got.txt")
endif()
