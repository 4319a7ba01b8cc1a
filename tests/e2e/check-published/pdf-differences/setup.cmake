set(FORMAT pdf)
set(MODIFY ON)
include(${CASE}/../make-published.cmake)
