# End-to-end checks of `graph` outputs that a byte comparison cannot express: the SVG is XML with a
# node per party, PNG and PDF start with their magic bytes, `dot -Tsvg` accepts the emitted DOT, and
# two runs give the same svg and dot bytes.
#
#   cmake -DBIN=notice-audit -DSRC=source-dir -DOUT=scratch-dir -DXMLLINT=xmllint -DDOT=dot -P outputs.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(notice "${SRC}/notice/acom-kenpo.yaml")
set(evil "${SRC}/tests/e2e/graph/evil-dot/input.yaml")

function(run)
  execute_process(COMMAND "${BIN}" graph ${ARGN} RESULT_VARIABLE status ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "notice-audit graph ${ARGN} failed (${status}): ${errors}")
  endif()
endfunction()

run("${notice}" -o "${OUT}/a.svg")
run("${notice}" -o "${OUT}/b.svg")
run("${notice}" -o "${OUT}/a.dot")
run("${notice}" -o "${OUT}/b.dot")
run("${notice}" -o "${OUT}/a.png")
run("${notice}" -o "${OUT}/a.pdf")
run("${notice}" --group-by purpose -o "${OUT}/purpose.svg")
run(--diff "${notice}@2021-09-01" "${notice}" -o "${OUT}/diff.svg")
run("${evil}" -o "${OUT}/evil.svg")
run("${evil}" -o "${OUT}/evil.dot")

foreach(pair a.svg:b.svg a.dot:b.dot)
  string(REPLACE ":" ";" files "${pair}")
  list(GET files 0 first)
  list(GET files 1 second)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${OUT}/${first}" "${OUT}/${second}" RESULT_VARIABLE diff)
  if(diff)
    message(FATAL_ERROR "two runs gave different bytes: ${first} ${second}")
  endif()
endforeach()

# Parses as XML, and counts SVG node groups whose id names a party.
function(count_party_nodes svg expected)
  execute_process(COMMAND "${XMLLINT}" --xpath
                          "count(//*[local-name()='g'][@class='node'][starts-with(@id,'party/')])" "${svg}"
                  OUTPUT_VARIABLE count RESULT_VARIABLE status ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${svg} is not well-formed XML: ${errors}")
  endif()
  if(NOT count EQUAL expected)
    message(FATAL_ERROR "${svg}: ${count} party nodes, expected ${expected}")
  endif()
endfunction()
count_party_nodes("${OUT}/a.svg" 13)   # 13 parties are in force on 2021-10-29
count_party_nodes("${OUT}/diff.svg" 13)
count_party_nodes("${OUT}/evil.svg" 1)
# With purpose clusters a party gets a node per category it is used in: 外部委託先 in four.
execute_process(COMMAND "${XMLLINT}" --xpath
                        "count(//*[local-name()='g'][@class='node'][starts-with(@id,'party/contractors/')])"
                        "${OUT}/purpose.svg" OUTPUT_VARIABLE contractors)
if(NOT contractors EQUAL 4)
  message(FATAL_ERROR "purpose.svg: ${contractors} contractor nodes, expected 4")
endif()

file(READ "${OUT}/a.png" png_magic LIMIT 8 HEX)
if(NOT png_magic STREQUAL "89504e470d0a1a0a")
  message(FATAL_ERROR "a.png does not start with the PNG signature: ${png_magic}")
endif()
file(READ "${OUT}/a.pdf" pdf_magic LIMIT 5 HEX)
if(NOT pdf_magic STREQUAL "255044462d") # %PDF-
  message(FATAL_ERROR "a.pdf does not start with %PDF-: ${pdf_magic}")
endif()

foreach(source a.dot evil.dot)
  execute_process(COMMAND "${DOT}" -Tsvg "${OUT}/${source}" OUTPUT_FILE "${OUT}/${source}.svg"
                  RESULT_VARIABLE status ERROR_VARIABLE errors)
  if(NOT status EQUAL 0 OR NOT errors STREQUAL "")
    message(FATAL_ERROR "dot -Tsvg ${source} failed (${status}): ${errors}")
  endif()
endforeach()
count_party_nodes("${OUT}/a.dot.svg" 13)
