# Runs `notice-audit diff --git HEAD FILE` in a temporary git repository: CASE/old.yaml is
# committed as notice.yaml, then replaced by CASE/new.yaml in the working tree (what a pull request
# does), and the binary's stdout, stderr and exit status are compared with CASE/expected.*. The FILE
# argument is notice.yaml, or what CASE/target holds (e.g. notice.yaml@2023-04-01).
#
#   cmake -DBIN=notice-audit -DCASE=dir -DOUT=dir -DGIT=git -DFORMAT=md -P run.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}/repo/notice")
set(ENV{NO_COLOR} "1")
set(ENV{LC_ALL} "C.UTF-8")
set(ENV{GIT_CONFIG_NOSYSTEM} "1")
set(ENV{GIT_CONFIG_GLOBAL} "/dev/null")
function(git)
  execute_process(COMMAND "${GIT}" -c user.name=test -c user.email=test@example.invalid -c commit.gpgsign=false ${ARGN}
                  WORKING_DIRECTORY "${OUT}/repo" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "git ${ARGN} failed: ${err}")
  endif()
endfunction()
git(init -q)
file(COPY_FILE "${CASE}/old.yaml" "${OUT}/repo/notice/notice.yaml")
git(add notice/notice.yaml)
git(commit -q -m base)
file(COPY_FILE "${CASE}/new.yaml" "${OUT}/repo/notice/notice.yaml")

set(target notice.yaml)
if(EXISTS "${CASE}/target")
  file(STRINGS "${CASE}/target" target LIMIT_COUNT 1)
endif()
# Run from a subdirectory so that the path inside the repository has to be worked out.
execute_process(
  COMMAND "${BIN}" diff --git HEAD ${target} --format ${FORMAT}
  WORKING_DIRECTORY "${OUT}/repo/notice"
  OUTPUT_VARIABLE actual_stdout
  ERROR_VARIABLE actual_stderr
  RESULT_VARIABLE actual_exit
  TIMEOUT 60)
if("$ENV{NOTICE_AUDIT_UPDATE_EXPECTED}")
  file(WRITE "${CASE}/expected.stdout" "${actual_stdout}")
  file(WRITE "${CASE}/expected.stderr" "${actual_stderr}")
  file(WRITE "${CASE}/expected.exit" "${actual_exit}\n")
  return()
endif()
file(READ "${CASE}/expected.stdout" expected_stdout)
file(READ "${CASE}/expected.stderr" expected_stderr)
file(READ "${CASE}/expected.exit" expected_exit)
if(NOT actual_stdout STREQUAL expected_stdout OR NOT actual_stderr STREQUAL expected_stderr
   OR NOT "${actual_exit}\n" STREQUAL expected_exit)
  message(FATAL_ERROR "diff --git output differs:\n--- stdout\n${actual_stdout}\n--- stderr\n${actual_stderr}\n--- exit ${actual_exit}")
endif()
