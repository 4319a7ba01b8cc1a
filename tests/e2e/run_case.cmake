cmake_minimum_required(VERSION 3.25)
# Runs one end-to-end case: the built binary with the arguments in CASE/cmd, in CASE as working
# directory, and compares standard output, standard error and the exit status with
# CASE/expected.stdout, CASE/expected.stderr and CASE/expected.exit byte for byte.
#
#   cmake -DBIN=notice-audit -DCASE=dir -DOUT=dir -DSRC=dir -P run_case.cmake
#
# CASE/cmd holds one argument per line; @SRC@ is the source tree, @OUT@ a fresh scratch directory
# in the build tree, @CASE@ the case directory. Lines starting with # are comments. The actual
# output is kept in OUT. CASE/setup.cmake, when present, is included first (BIN, CASE, OUT and
# SRC set) to make input files in OUT that are better generated than committed. With
# NOTICE_AUDIT_UPDATE_EXPECTED=1 in the environment the expected files are rewritten instead
# (review the diff before committing it).
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
if(EXISTS "${CASE}/setup.cmake")
  include("${CASE}/setup.cmake")
endif()
file(STRINGS "${CASE}/cmd" lines ENCODING UTF-8)
set(args)
foreach(line IN LISTS lines)
  if(line MATCHES "^#")
    continue()
  endif()
  string(REPLACE "@SRC@" "${SRC}" line "${line}")
  string(REPLACE "@OUT@" "${OUT}" line "${line}")
  string(REPLACE "@CASE@" "${CASE}" line "${line}")
  list(APPEND args "${line}")
endforeach()

set(ENV{NO_COLOR} "1")
# "Today" for the legal rules, so that expected output does not change with the calendar.
set(ENV{NOTICE_AUDIT_AS_OF} "2026-12-01")
set(ENV{LC_ALL} "C.UTF-8")
set(ENV{LANG} "C.UTF-8")
execute_process(
  COMMAND "${BIN}" ${args}
  WORKING_DIRECTORY "${CASE}"
  INPUT_FILE /dev/null
  OUTPUT_VARIABLE actual_stdout
  ERROR_VARIABLE actual_stderr
  RESULT_VARIABLE actual_exit
  TIMEOUT 120)
# Scratch paths vary between machines; show them as @OUT@ so expected files stay portable.
string(REPLACE "${OUT}" "@OUT@" actual_stdout "${actual_stdout}")
string(REPLACE "${OUT}" "@OUT@" actual_stderr "${actual_stderr}")
file(WRITE "${OUT}/actual.stdout" "${actual_stdout}")
file(WRITE "${OUT}/actual.stderr" "${actual_stderr}")
file(WRITE "${OUT}/actual.exit" "${actual_exit}\n")

# Files the command wrote into @OUT@ are compared with CASE/expected.files/<name>.
file(GLOB_RECURSE expected_files RELATIVE "${CASE}/expected.files" "${CASE}/expected.files/*")

if("$ENV{NOTICE_AUDIT_UPDATE_EXPECTED}")
  foreach(name IN LISTS expected_files)
    file(COPY_FILE "${OUT}/${name}" "${CASE}/expected.files/${name}")
  endforeach()
  file(WRITE "${CASE}/expected.stdout" "${actual_stdout}")
  file(WRITE "${CASE}/expected.stderr" "${actual_stderr}")
  file(WRITE "${CASE}/expected.exit" "${actual_exit}\n")
  message(STATUS "updated expected output of ${CASE}")
  return()
endif()

set(failed "")
foreach(stream stdout stderr exit)
  if(NOT EXISTS "${CASE}/expected.${stream}")
    string(APPEND failed "missing ${CASE}/expected.${stream}\n")
    continue()
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${CASE}/expected.${stream}" "${OUT}/actual.${stream}"
                  RESULT_VARIABLE different)
  if(different)
    find_program(DIFF diff)
    if(DIFF)
      execute_process(COMMAND ${DIFF} -u "${CASE}/expected.${stream}" "${OUT}/actual.${stream}"
                      OUTPUT_VARIABLE delta)
    endif()
    string(APPEND failed "${stream} differs:\n${delta}\n")
  endif()
endforeach()
foreach(name IN LISTS expected_files)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${CASE}/expected.files/${name}" "${OUT}/${name}"
                  RESULT_VARIABLE different)
  if(different)
    string(APPEND failed "${name} (written by the command) differs from expected.files/${name}\n")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "${failed}(actual output kept in ${OUT})")
endif()
