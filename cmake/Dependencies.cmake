# Every dependency is a Debian package (see tools/setup.sh); nothing is downloaded.
find_package(PkgConfig REQUIRED)

# LLVM 19: Debian's default llvm-config is 14, so point at the versioned config explicitly.
if(NOT LLVM_DIR)
  execute_process(COMMAND llvm-config-19 --cmakedir OUTPUT_VARIABLE LLVM_DIR
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()
find_package(LLVM 19.1 REQUIRED CONFIG)
message(STATUS "LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")

pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka)
find_package(simdjson REQUIRED CONFIG)
find_package(absl REQUIRED CONFIG)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
find_package(Threads REQUIRED)
# Parquet page compression: snappy (Spark's default codec), zstd and gzip (zlib).
pkg_check_modules(SNAPPY REQUIRED IMPORTED_TARGET snappy)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
find_package(ZLIB REQUIRED)
# Database tables (USING jdbc): PostgreSQL's libpq and MariaDB Connector/C.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(MARIADB REQUIRED IMPORTED_TARGET libmariadb)
if(SLUICE_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
