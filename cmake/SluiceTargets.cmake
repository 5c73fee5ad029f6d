# sluice_library(name SOURCES ... DEPS ...): one static library per folder.
function(sluice_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  # Every folder library ends up inside libsluice (a shared library by default): compiled as
  # position-independent code, with hidden visibility so that only the public API marked
  # SLUICE_API (include/sluice/export.h) is exported from it.
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON
                                           CXX_VISIBILITY_PRESET hidden
                                           VISIBILITY_INLINES_HIDDEN ON)
  if(SLUICE_PLAN_CHECKS)
    target_compile_definitions(${name} PUBLIC SLUICE_PLAN_CHECKS=1)
  endif()
endfunction()

# sluice_tests(name SOURCES ... DEPS ...): one GoogleTest executable per folder, tests
# registered individually with CTest.
function(sluice_tests name)
  if(NOT SLUICE_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE SLUICE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
endfunction()

# sluice_glob_sources(out_src out_tests dir...): the .cpp files under the given folders,
# split into library sources and `*_test.cpp` files (one unit, one test file beside it).
function(sluice_glob_sources out_src out_tests)
  set(src)
  set(tests)
  foreach(dir ${ARGN})
    file(GLOB_RECURSE found CONFIGURE_DEPENDS ${dir}/*.cpp)
    foreach(f ${found})
      if(f MATCHES "_test\\.cpp$")
        list(APPEND tests ${f})
      else()
        list(APPEND src ${f})
      endif()
    endforeach()
  endforeach()
  set(${out_src} ${src} PARENT_SCOPE)
  set(${out_tests} ${tests} PARENT_SCOPE)
endfunction()
