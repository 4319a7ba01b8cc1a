set(FORMAT docx)
set(MODIFY ON)
include(${CASE}/../make-published.cmake)
