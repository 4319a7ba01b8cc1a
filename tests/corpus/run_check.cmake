# One corpus check (see CMakeLists.txt): -DBIN, -DCHECK (corpus_check), -DMODE (roundtrip|findings),
# -DSLUG, -DREAL (tests/data/real), -DOUT (a directory of the build tree for the outputs).
file(MAKE_DIRECTORY "${OUT}")
set(ENV{NOTICE_AUDIT_AS_OF} 2026-12-01)
set(yaml "${REAL}/${SLUG}/notice.yaml")
if(MODE STREQUAL "import")
  # Issue 12: import the source text with no metadata, render it, and compare with the source the same way.
  execute_process(COMMAND "${BIN}" import "${REAL}/${SLUG}/source.txt" -o "${OUT}/imported.yaml"
                  ERROR_VARIABLE err RESULT_VARIABLE status TIMEOUT 60)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "import failed (${status}):\n${err}")
  endif()
  execute_process(COMMAND "${BIN}" render "${OUT}/imported.yaml" --format txt
                  OUTPUT_FILE "${OUT}/imported.txt" ERROR_VARIABLE err RESULT_VARIABLE status TIMEOUT 30)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "render of the import failed (${status}):\n${err}")
  endif()
  execute_process(COMMAND "${CHECK}" roundtrip "${REAL}/${SLUG}/source.txt" "${OUT}/imported.txt"
                  RESULT_VARIABLE status TIMEOUT 30)
elseif(MODE STREQUAL "roundtrip")
  execute_process(COMMAND "${BIN}" render "${yaml}" --format txt
                  OUTPUT_FILE "${OUT}/rendered.txt" ERROR_VARIABLE err RESULT_VARIABLE status TIMEOUT 30)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "render failed (${status}):\n${err}")
  endif()
  execute_process(COMMAND "${CHECK}" roundtrip "${REAL}/${SLUG}/source.txt" "${OUT}/rendered.txt"
                  RESULT_VARIABLE status TIMEOUT 30)
else()
  execute_process(COMMAND "${BIN}" validate "${yaml}" --format json
                  OUTPUT_FILE "${OUT}/findings.json" ERROR_VARIABLE err RESULT_VARIABLE status TIMEOUT 30)
  if(status GREATER 1)
    message(FATAL_ERROR "validate failed (${status}):\n${err}")
  endif()
  execute_process(COMMAND "${CHECK}" findings "${SLUG}" "${OUT}/findings.json" "${REAL}/expectations.yaml"
                  RESULT_VARIABLE status TIMEOUT 30)
endif()
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${MODE} of ${SLUG} differs (${status})")
endif()
