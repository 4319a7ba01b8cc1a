# Included by a case's setup.cmake: renders the bundled notice, or a copy of it with one item
# reworded, one removed and one added (MODIFY ON), to OUT/published.${FORMAT}, the way a society's
# web site drifts from the approved YAML.
#   set(FORMAT pdf) set(MODIFY ON) include(${CASE}/../make-published.cmake)
file(READ "${SRC}/notice/acom-kenpo.yaml" yaml)
if(MODIFY)
  set(edits
      # changed: the employer's name dropped from the automatic payment item
      "text: 高額療養費及び一部負担金還元金等の自動払いにおける給与口座（事業主）への支払い"
      "text: 高額療養費及び一部負担金還元金等の自動払いにおける給与口座への支払い"
      # missing: the outsourcing of health checks
      "          - id: checkup-outsourcing\n            text: 医療機関への健診の委託\n            flow: outsourcing\n            parties: [medical-institutions]\n            data: [applications, checkups]\n"
      ""
      # extra: a provision the notice never approved
      "          - id: medical-expense-notice\n"
      "          - id: insurer-provision\n            text: 健診結果の生命保険会社への提供\n            flow: provision\n            parties: [insurance-companies]\n            data: [checkups]\n          - id: medical-expense-notice\n")
  list(LENGTH edits count)
  math(EXPR last "${count} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET edits ${i} from)
    list(GET edits ${j} to)
    string(FIND "${yaml}" "${from}" found)
    if(found EQUAL -1)
      message(FATAL_ERROR "make-published.cmake: the bundled notice no longer has `${from}`; update the edits")
    endif()
    string(REPLACE "${from}" "${to}" yaml "${yaml}")
  endforeach()
endif()
file(WRITE "${OUT}/published.yaml" "${yaml}")
execute_process(COMMAND "${BIN}" render "${OUT}/published.yaml" -o "${OUT}/published.${FORMAT}"
                RESULT_VARIABLE rendered ERROR_VARIABLE render_err)
if(NOT rendered EQUAL 0)
  message(FATAL_ERROR "make-published.cmake: render failed (${rendered}): ${render_err}")
endif()
