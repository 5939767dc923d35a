#!/usr/bin/env bash
# Installs what is missing (build and test tools), builds, and runs every
# test: unit tests of each stage and end-to-end tests of the CLI. Then, in one
# clang build with AddressSanitizer, UndefinedBehaviorSanitizer and
# libFuzzer's coverage (build-fuzz/), the same suite again (a sanitizer
# finding exits 86, which no test expects) and a 60-second libFuzzer run of
# every harness in fuzz/ (fixed seed: repeatable). The image test (label
# `image`, docs/testing.md) runs beside those two stages: it spends its
# minutes in apt and in image commits, mostly waiting on the disk, so it adds
# little to the run's length where running it after them would add all of it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
ctest --test-dir build --output-on-failure -j "$(nproc)" -LE image

ctest --test-dir build --output-on-failure -L image >build/image-test.log 2>&1 &
image_test=$!

echo "test: the same suite under ASan+UBSan, then every fuzzer for 60 s (build-fuzz/)"
SEED=1 scripts/fuzz.sh --tests 60

echo "test: the image test (build/image-test.log)"
if wait "$image_test"; then
  grep -E 'Test +#|Total Test time' build/image-test.log
else
  cat build/image-test.log
  exit 1
fi
