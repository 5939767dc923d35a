#!/usr/bin/env bash
# Installs what is missing (build and test tools), builds, and runs every
# test: unit tests of each stage and end-to-end tests of the CLI. Then the
# same suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer
# in build-asan/ (a sanitizer finding exits 86, which no test expects), and a
# 60-second libFuzzer run of every harness in fuzz/ (fixed seed: repeatable).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
ctest --test-dir build --output-on-failure -j "$(nproc)"

echo "test: the same suite under ASan+UBSan (build-asan/)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMPIJOBC_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=exitcode=86:detect_leaks=1:strict_string_checks=1 \
UBSAN_OPTIONS=halt_on_error=1:exitcode=86:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)"

echo "test: fuzzing every harness in fuzz/ for 60 s (build-fuzz/)"
SEED=1 scripts/fuzz.sh 60
