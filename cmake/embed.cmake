# Turns a file into a C++ source defining `std::string_view NAME()` with its bytes, so the
# binary carries its demo data and needs no data directory at run time.
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=func -P embed.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" len)
math(EXPR size "${len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/embed.cmake; do not edit.\n#include <string_view>\nnamespace ss::embedded {\nstatic const char kData[] = {${bytes}};\nstd::string_view ${NAME}() { return {kData, ${size}}; }\n}  // namespace ss::embedded\n")
