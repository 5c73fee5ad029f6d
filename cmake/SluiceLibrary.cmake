# libsluice: the one library a host program links. It holds the public API (api/) and every
# folder library it needs (runtime, codegen, planner, frontend, stdlib), linked in privately;
# third-party libraries (LLVM, librdkafka, simdjson, Abseil, RE2, compression) stay shared
# dependencies of it, invisible to the host. Built with hidden visibility: only what
# include/sluice/ marks SLUICE_API is exported.
#
# Installed: lib/libsluice.so (or .a), include/sluice/*.h, lib/cmake/sluice/ (find_package ->
# sluice::sluice) and lib/pkgconfig/sluice.pc.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

option(SLUICE_SHARED_LIBRARY "Build libsluice as a shared library (OFF: one static archive)" ON)

set(SLUICE_FOLDER_LIBRARIES sluice_api sluice_runtime sluice_codegen sluice_planner
                            sluice_frontend sluice_stdlib)
set(SLUICE_PUBLIC_HEADERS broker.h engine.h error.h export.h function.h host_abi.h sluice.h
                          source.h table.h timings.h)
list(TRANSFORM SLUICE_PUBLIC_HEADERS PREPEND ${PROJECT_SOURCE_DIR}/include/sluice/)

# A shared library needs at least one source of its own; the real content comes from the
# whole sluice_api archive, which pulls in what it uses of the others.
set(SLUICE_LIBRARY_STUB ${PROJECT_BINARY_DIR}/sluice_library.cpp)
file(WRITE ${SLUICE_LIBRARY_STUB}.in
     "// libsluice: everything comes from the sluice_api archive (cmake/SluiceLibrary.cmake).\n")
configure_file(${SLUICE_LIBRARY_STUB}.in ${SLUICE_LIBRARY_STUB} COPYONLY)

if(SLUICE_SHARED_LIBRARY)
  add_library(sluice_library SHARED ${SLUICE_LIBRARY_STUB})
  set(others ${SLUICE_FOLDER_LIBRARIES})
  list(REMOVE_ITEM others sluice_api)
  target_link_libraries(sluice_library PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,sluice_api>"
                                               ${others})
  # No undefined symbols: the library must be complete on its own.
  target_link_options(sluice_library PRIVATE -Wl,--no-undefined -Wl,--as-needed
                      -Wl,--version-script=${PROJECT_SOURCE_DIR}/cmake/libsluice.map)
  set_property(TARGET sluice_library APPEND PROPERTY LINK_DEPENDS
               ${PROJECT_SOURCE_DIR}/cmake/libsluice.map)
  set_target_properties(sluice_library PROPERTIES
    OUTPUT_NAME sluice VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
    # Installed, it still finds LLVM in its versioned directory (not on the default path).
    INSTALL_RPATH_USE_LINK_PATH ON)
else()
  # One archive holding every folder library's objects (ar's MRI script merges them).
  set(SLUICE_STATIC_ARCHIVE ${PROJECT_BINARY_DIR}/libsluice.a)
  set(mri "create ${SLUICE_STATIC_ARCHIVE}\n")
  foreach(lib ${SLUICE_FOLDER_LIBRARIES})
    string(APPEND mri "addlib $<TARGET_FILE:${lib}>\n")
  endforeach()
  string(APPEND mri "save\nend\n")
  file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/libsluice.mri CONTENT "${mri}")
  add_custom_command(OUTPUT ${SLUICE_STATIC_ARCHIVE}
    COMMAND ${CMAKE_COMMAND} -E rm -f ${SLUICE_STATIC_ARCHIVE}
    COMMAND ${CMAKE_AR} -M < ${PROJECT_BINARY_DIR}/libsluice.mri
    DEPENDS ${SLUICE_FOLDER_LIBRARIES} ${PROJECT_BINARY_DIR}/libsluice.mri
    COMMENT "Merging the folder libraries into libsluice.a" VERBATIM)
  add_custom_target(sluice_static_archive ALL DEPENDS ${SLUICE_STATIC_ARCHIVE})
  # In the build tree the static variant is the folder libraries themselves.
  add_library(sluice_library INTERFACE)
  target_link_libraries(sluice_library INTERFACE sluice_api)
  add_dependencies(sluice_library sluice_static_archive)
endif()
target_include_directories(sluice_library INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(sluice_library INTERFACE cxx_std_20)
set_target_properties(sluice_library PROPERTIES EXPORT_NAME sluice)
add_library(sluice::sluice ALIAS sluice_library)

# --- install ---
install(FILES ${SLUICE_PUBLIC_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sluice
        COMPONENT sluice)
set(SLUICE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/sluice)
if(SLUICE_SHARED_LIBRARY)
  install(TARGETS sluice_library EXPORT sluiceTargets COMPONENT sluice
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT sluiceTargets NAMESPACE sluice:: DESTINATION ${SLUICE_CMAKE_DIR}
          COMPONENT sluice)
  set(SLUICE_PC_LIBS_PRIVATE "")
else()
  install(FILES ${SLUICE_STATIC_ARCHIVE} DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sluice)
  # What a static libsluice.a needs at link time: the third-party libraries the folder
  # libraries link, as absolute paths of this build's dependencies (the same Debian packages
  # on the host), found by walking their link interfaces.
  set(SLUICE_STATIC_DEPS)
  set(seen)
  set(todo)
  foreach(lib ${SLUICE_FOLDER_LIBRARIES})
    get_target_property(deps ${lib} LINK_LIBRARIES)
    list(APPEND todo ${deps})
  endforeach()
  while(todo)
    list(POP_FRONT todo item)
    if(item IN_LIST seen OR item IN_LIST SLUICE_FOLDER_LIBRARIES)
      continue()
    endif()
    list(APPEND seen ${item})
    if(TARGET ${item})
      get_target_property(type ${item} TYPE)
      if(NOT type STREQUAL "INTERFACE_LIBRARY")
        list(APPEND SLUICE_STATIC_DEPS "$<TARGET_LINKER_FILE:${item}>")
      endif()
      get_target_property(more ${item} INTERFACE_LINK_LIBRARIES)
      if(more)
        list(APPEND todo ${more})
      endif()
    elseif(NOT item MATCHES "^(\\$<|-Wl,)")  # generator expressions, linker state flags
      list(APPEND SLUICE_STATIC_DEPS ${item})
    endif()
  endwhile()
  file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/sluiceStaticDeps.cmake
       CONTENT "set(SLUICE_STATIC_DEPS \"$<JOIN:${SLUICE_STATIC_DEPS},;>\")\n")
  install(FILES ${PROJECT_BINARY_DIR}/sluiceStaticDeps.cmake ${PROJECT_SOURCE_DIR}/cmake/sluiceStaticTargets.cmake
          DESTINATION ${SLUICE_CMAKE_DIR} COMPONENT sluice)
  set(SLUICE_PC_LIBS_PRIVATE "$<JOIN:${SLUICE_STATIC_DEPS}, > -lstdc++ -lpthread")
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sluiceConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sluiceConfig.cmake INSTALL_DESTINATION ${SLUICE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sluiceConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/sluiceConfig.cmake ${PROJECT_BINARY_DIR}/sluiceConfigVersion.cmake
        DESTINATION ${SLUICE_CMAKE_DIR} COMPONENT sluice)
# The .pc file finds its prefix from its own location, so the install tree can move.
file(RELATIVE_PATH SLUICE_PC_UP /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
string(REGEX REPLACE "/$" "" SLUICE_PC_UP "${SLUICE_PC_UP}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/sluice.pc.in ${PROJECT_BINARY_DIR}/sluice.pc.in @ONLY)
file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/sluice.pc INPUT ${PROJECT_BINARY_DIR}/sluice.pc.in)
install(FILES ${PROJECT_BINARY_DIR}/sluice.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT sluice)
