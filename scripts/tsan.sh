#!/usr/bin/env bash
# The whole test suite under ThreadSanitizer, in build-tsan/: build and
# validate compile files on several threads (support/parallel.h), and every
# e2e test that gives them more than one file exercises that. A race makes
# the binary exit 66, which no test expects. Not part of CI (a third full
# build would take it past 15 minutes): run it after changing anything that a
# worker thread reaches (driver/compile.cc, the schemas, templates, the
# front ends).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMPIJOBC_STATIC=OFF \
  -DCMAKE_CXX_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
cmake --build build-tsan -j "$(nproc)"
TSAN_OPTIONS=exitcode=66 ctest --test-dir build-tsan --output-on-failure -j "$(nproc)"
