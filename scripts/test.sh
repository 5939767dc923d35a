#!/usr/bin/env bash
# Installs what is missing (build and test tools), builds, and runs every
# test: unit tests of each stage and end-to-end tests of the CLI. Then, in one
# clang build with AddressSanitizer, UndefinedBehaviorSanitizer and
# libFuzzer's coverage (build-fuzz/), the same suite again (a sanitizer
# finding exits 86, which no test expects) and a 60-second libFuzzer run of
# every harness in fuzz/ (fixed seed: repeatable).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
ctest --test-dir build --output-on-failure -j "$(nproc)"

echo "test: the same suite under ASan+UBSan, then every fuzzer for 60 s (build-fuzz/)"
SEED=1 scripts/fuzz.sh --tests 60
