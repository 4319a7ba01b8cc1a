# A PDF with a grey box and no text, as a scan would be.
file(WRITE "${OUT}/image.html" "<html><body><div style=\"width:300px;height:300px;background:#888\"></div></body></html>")
execute_process(COMMAND weasyprint "${OUT}/image.html" "${OUT}/image.pdf" RESULT_VARIABLE made)
if(NOT made EQUAL 0)
  message(FATAL_ERROR "weasyprint failed")
endif()
