set(FORMAT pdf)
set(MODIFY OFF)
include(${CASE}/../make-published.cmake)
