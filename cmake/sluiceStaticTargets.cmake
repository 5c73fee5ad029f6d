# sluice::sluice for the static libsluice.a (installed with SLUICE_SHARED_LIBRARY=OFF): the
# archive plus the dependencies it was built against (sluiceStaticDeps.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/sluiceStaticDeps.cmake")
find_package(Threads REQUIRED)
get_filename_component(_sluice_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
add_library(sluice::sluice STATIC IMPORTED)
find_library(_sluice_archive NAMES libsluice.a PATHS "${_sluice_prefix}" PATH_SUFFIXES lib lib64
             lib/x86_64-linux-gnu NO_DEFAULT_PATH REQUIRED)
set_target_properties(sluice::sluice PROPERTIES
  IMPORTED_LOCATION "${_sluice_archive}"
  INTERFACE_INCLUDE_DIRECTORIES "${_sluice_prefix}/include"
  INTERFACE_COMPILE_FEATURES cxx_std_20
  INTERFACE_LINK_LIBRARIES "${SLUICE_STATIC_DEPS};Threads::Threads")
unset(_sluice_archive CACHE)
