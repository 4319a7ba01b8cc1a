# Fails when a generated page (docs/law-timeline.md, docs/kinds.md) differs from what the built binary prints.
#   cmake -DBIN=notice-audit -DDOC=docs/law-timeline.md -DOUT=scratch.md -DWHAT=--law -P check_law_timeline.cmake
# WHAT is the `rules` flag that prints the page: --law (the legal database) or --kinds (the insurer kinds).
if(NOT WHAT)
  set(WHAT --law)
endif()
execute_process(COMMAND "${BIN}" rules ${WHAT} --format md --lang en OUTPUT_FILE "${OUT}" RESULT_VARIABLE rc
                TIMEOUT 60)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "notice-audit rules ${WHAT} failed with ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${OUT}" "${DOC}" RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "${DOC} is out of date: regenerate it with\n"
                      "  build/notice-audit rules ${WHAT} --format md --lang en > ${DOC}")
endif()
