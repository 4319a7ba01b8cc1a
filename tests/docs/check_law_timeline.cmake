# Fails when docs/law-timeline.md differs from what the built binary prints for `rules --law --format md`.
#   cmake -DBIN=notice-audit -DDOC=docs/law-timeline.md -DOUT=scratch.md -P check_law_timeline.cmake
execute_process(COMMAND "${BIN}" rules --law --format md --lang en OUTPUT_FILE "${OUT}" RESULT_VARIABLE rc TIMEOUT 60)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "notice-audit rules --law failed with ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${OUT}" "${DOC}" RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "docs/law-timeline.md is out of date: regenerate it with\n"
                      "  build/notice-audit rules --law --format md --lang en > docs/law-timeline.md")
endif()
