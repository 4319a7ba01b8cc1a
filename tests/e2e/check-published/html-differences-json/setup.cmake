set(FORMAT html)
set(MODIFY ON)
include(${CASE}/../make-published.cmake)
