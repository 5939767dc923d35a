# MPIJOBC_DOCS_URL: the base of the docs that --format sarif links each rule
# to (helpUri: <base>/spec.md#<section>), an absolute URI, as SARIF 2.1.0
# requires. Left empty, it is where the install puts docs/*.md
# (cmake/package.cmake), as a file: URI: with -DCMAKE_INSTALL_PREFIX=DIR,
# DIR/share/doc/mpijobc; without (CMake's default prefix, /usr/local), the
# .deb's /usr/share/doc/mpijobc, since such a build is the one cpack packs.
# Who hosts the docs names them: -DMPIJOBC_DOCS_URL=https://example.org/docs.
# The log depends only on this configuration, never on where the binary runs.
include(GNUInstallDirs)
# The prefix of the .deb (Debian packages install under /usr).
set(MPIJOBC_PACKAGE_PREFIX /usr)

# `path` as a URI path: unreserved characters and '/' as they are, other
# bytes percent-encoded (RFC 3986), as the SARIF writer encodes file paths.
function(mpijobc_uri_path path out)
  set(encoded "")
  string(LENGTH "${path}" length)
  if(length GREATER 0)
    math(EXPR last "${length} - 1")
    foreach(i RANGE ${last})
      string(SUBSTRING "${path}" ${i} 1 c)
      if(c MATCHES "^[A-Za-z0-9/._~-]$")
        string(APPEND encoded "${c}")
      else()
        string(HEX "${c}" hex)
        string(TOUPPER "${hex}" hex)
        string(APPEND encoded "%${hex}")
      endif()
    endforeach()
  endif()
  set(${out} "${encoded}" PARENT_SCOPE)
endfunction()

set(MPIJOBC_DOCS_URL "" CACHE STRING
    "The base of the docs that SARIF's helpUri links to, an absolute URI (empty: the installed docs)")
if(MPIJOBC_DOCS_URL)
  set(docs_url "${MPIJOBC_DOCS_URL}")
else()
  if(CMAKE_INSTALL_PREFIX STREQUAL "/usr/local")
    set(docs_dir "${MPIJOBC_PACKAGE_PREFIX}/${CMAKE_INSTALL_DOCDIR}")
  else()
    set(docs_dir "${CMAKE_INSTALL_FULL_DOCDIR}")
  endif()
  mpijobc_uri_path("${docs_dir}" docs_path)
  set(docs_url "file://${docs_path}")
endif()
if(NOT docs_url MATCHES "^[A-Za-z][A-Za-z0-9+.-]*:[^ \"\\\\]+$")
  message(FATAL_ERROR "MPIJOBC_DOCS_URL must be an absolute URI without blanks, quotes or "
                      "backslashes (file:///usr/share/doc/mpijobc, https://...), got '${docs_url}'")
endif()
string(REGEX REPLACE "/+$" "" MPIJOBC_DOCS_URL_BASE "${docs_url}")
message(STATUS "SARIF helpUri: ${MPIJOBC_DOCS_URL_BASE}/spec.md")
