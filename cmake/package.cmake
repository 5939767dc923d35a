# Installing and packaging: `cmake --install build [--prefix DIR]` puts
# bin/mpijobc, its man page, its bash completion and docs/*.md under the
# prefix (default /usr/local); `cpack -G DEB --config build/CPackConfig.cmake` packs the same
# files under /usr into mpijobc_<version>_<arch>.deb.

# The man page and the completion come from the command line that mpijobc
# parses, by mpijobc_docs (compiler/driver/docs_main.cc): they say what
# --help says. The man page is compressed as Debian installs man pages.
set(MAN_PAGE ${CMAKE_BINARY_DIR}/mpijobc.1)
set(BASH_COMPLETION ${CMAKE_BINARY_DIR}/mpijobc.bash-completion)
add_custom_command(
  OUTPUT ${MAN_PAGE} ${MAN_PAGE}.gz ${BASH_COMPLETION}
  COMMAND mpijobc_docs ${MAN_PAGE} ${BASH_COMPLETION} "${PROJECT_DESCRIPTION}"
  COMMAND gzip -9 --no-name --force --keep ${MAN_PAGE}
  DEPENDS mpijobc_docs
  COMMENT "Writing the man page and the bash completion of mpijobc's command line"
  VERBATIM)
add_custom_target(mpijobc_docs_files ALL DEPENDS ${MAN_PAGE}.gz ${BASH_COMPLETION})

include(GNUInstallDirs)
install(TARGETS mpijobc)
install(FILES ${MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${BASH_COMPLETION} RENAME mpijobc
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# The docs, which --format sarif links its rules to (cmake/docs_url.cmake).
file(GLOB DOCS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The package: name, version (project(VERSION), which mpijobc --version
# prints too) and summary (project(DESCRIPTION)) come from project().
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX ${MPIJOBC_PACKAGE_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(MPIJOBC_MAINTAINER "mpijobc maintainers <maintainers@users.noreply.b-seed-dd387583.example>"
    CACHE STRING "The Maintainer of the .deb")
set(CPACK_PACKAGE_CONTACT ${MPIJOBC_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The Description's extended part, in lines under 80 characters (Debian policy).
set(CPACK_PACKAGE_DESCRIPTION
"mpijobc compiles a small description of an MPI or Horovod training job,
in YAML or in a compact DSL (*.mpijob), into what runs it on Kubernetes
under the Kubeflow MPI operator: an MPIJob manifest with the ConfigMap of
its launcher script, the launcher script itself (the mpirun or horovodrun
command line), a Dockerfile and a kustomization. Every spec is checked
against its schema and the operator's validation rules first, each problem
reported at its line and column. mpijobc also validates hand-written
MPIJobs (a pre-commit hook), formats and converts the DSL, and runs a job
locally with the real MPI.")
# Depends: the binary is linked statically, C library included (a static
# PIE: `readelf -d` lists no NEEDED library, dpkg-shlibdeps finds nothing), so
# the package depends on nothing. A dynamic build (-DMPIJOBC_STATIC=OFF) asks
# dpkg-shlibdeps (Debian's dpkg-dev) for the libraries it needs.
if(NOT MPIJOBC_STATIC)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()
include(CPack)
