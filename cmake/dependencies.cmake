# Third-party libraries, all from Debian packages (scripts/setup.sh installs
# them). A missing one is a configure error naming the package to install.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)

# The results history (docs/history.md): Debian's libsqlite3-dev.
pkg_check_modules(SQLITE3 IMPORTED_TARGET sqlite3)
if(NOT SQLITE3_FOUND)
  message(FATAL_ERROR "SQLite not found: apt-get install libsqlite3-dev (or run scripts/setup.sh)")
endif()

find_package(benchmark QUIET)
if(NOT benchmark_FOUND)
  message(FATAL_ERROR "Google Benchmark not found: apt-get install libbenchmark-dev (or run scripts/setup.sh)")
endif()

find_path(PAPI_INCLUDE_DIR papi.h)
find_library(PAPI_LIBRARY papi)
if(NOT PAPI_INCLUDE_DIR OR NOT PAPI_LIBRARY)
  message(FATAL_ERROR "PAPI not found: apt-get install libpapi-dev (or run scripts/setup.sh)")
endif()
add_library(tb_papi INTERFACE)
target_include_directories(tb_papi INTERFACE ${PAPI_INCLUDE_DIR})
target_link_libraries(tb_papi INTERFACE ${PAPI_LIBRARY})

# The server tier's BLAS: Debian's pthread OpenBLAS (libopenblas-dev).
pkg_check_modules(OPENBLAS IMPORTED_TARGET openblas)
if(NOT OPENBLAS_FOUND)
  message(FATAL_ERROR "OpenBLAS not found: apt-get install libopenblas-dev (or run scripts/setup.sh)")
endif()
