# The single static binary (scripts/build-static): PoDoFo and libxlsxwriter come from
# Debian's source packages, built as static libraries into BOARDPACK_STATIC_PREFIX,
# with cpp-httplib's single header; every other library is Debian's own .a file.
# Defines the targets the dynamic build gets from pkg-config, under the same names.
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)  # every find_library and pkg_check_modules below: the archive
set(P ${BOARDPACK_STATIC_PREFIX})
foreach(f podofo/podofo.h xlsxwriter.h httplib.h)
  if(NOT EXISTS ${P}/include/${f})
    message(FATAL_ERROR "BOARDPACK_STATIC_PREFIX=${P} has no include/${f}: run scripts/build-static")
  endif()
endforeach()

# The archives in the order a static link resolves them (each before what it uses).
set(BP_STATIC_ARCHIVES)
foreach(name podofo xlsxwriter yaml-cpp minizip fontconfig freetype expat png16 jpeg unistring brotlidec brotlicommon bz2 crypto z)
  find_library(BP_STATIC_${name} NAMES lib${name}.a PATHS ${P}/lib NO_CACHE REQUIRED)
  list(APPEND BP_STATIC_ARCHIVES ${BP_STATIC_${name}})
endforeach()

add_library(PkgConfig::PODOFO INTERFACE IMPORTED)
set_target_properties(PkgConfig::PODOFO PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${P}/include
  INTERFACE_LINK_LIBRARIES "${BP_STATIC_podofo}")
add_library(PkgConfig::XLSXWRITER INTERFACE IMPORTED)
set_target_properties(PkgConfig::XLSXWRITER PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${P}/include
  INTERFACE_LINK_LIBRARIES "${BP_STATIC_xlsxwriter}")
# Header only: plain HTTP on 127.0.0.1, no TLS or compression wanted.
add_library(PkgConfig::HTTPLIB INTERFACE IMPORTED)
set_target_properties(PkgConfig::HTTPLIB PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${P}/include)
add_library(yaml-cpp INTERFACE IMPORTED)
set_target_properties(yaml-cpp PROPERTIES INTERFACE_LINK_LIBRARIES "${BP_STATIC_yaml-cpp}")

# Every archive once more, in a group at the very end of the link line (where CMake puts
# the standard libraries), so the order in which the stages pulled them in does not
# matter: fontconfig needs expat, freetype needs libpng and brotli, PoDoFo libjpeg.
list(JOIN BP_STATIC_ARCHIVES " " BP_STATIC_GROUP)
set(CMAKE_CXX_STANDARD_LIBRARIES "-Wl,--start-group ${BP_STATIC_GROUP} -Wl,--end-group -pthread -ldl")

# Called on the executable: no shared library at all.
function(bp_link_static target)
  target_link_options(${target} PRIVATE -static)
endfunction()
