#!/usr/bin/env bash
# Builds mpijobc with clang, ASan, UBSan and libFuzzer's coverage in
# build-fuzz/, then runs every libFuzzer harness (fuzz/*_fuzzer.cc) side by
# side for SECONDS each (default 60), seeded from samples/, tests/, templates/ and
# fuzz/regressions/<fuzzer>/. A crash stops the run non-zero and leaves its
# input in build-fuzz/; copy it into fuzz/regressions/<fuzzer>/ so every later
# run replays it.
#
# --tests first builds and runs the whole test suite in the same build, under
# the sanitizers (a finding exits 86, which no test expects): one sanitizer
# build serves both, which is what CI does. The image test (label image) is
# left out: it checks images and jobs, not mpijobc's memory, and takes minutes.
#
# SEED (default 0: a new random seed each run) fixes libFuzzer's mutations;
# CI passes SEED=1 so that a run is repeatable and a red CI is reproducible.
#
#   SEED=1 scripts/fuzz.sh --tests   what CI runs (scripts/test.sh)
#   scripts/fuzz.sh 3600             a long run with random seeds; the corpora
#                                    grow in build-fuzz/corpus/
set -euo pipefail
cd "$(dirname "$0")/.."
tests=false
if [[ "${1:-}" == "--tests" ]]; then
  tests=true
  shift
fi
seconds=${1:-60}
seed=${SEED:-0}

# -O1 and line tables: what libFuzzer recommends, symbolized reports, and a
# build half as long as -O2 -g (valijson's templates dominate it). Debug, so
# that assertions stay on.
CXX=clang++ cmake -S . -B build-fuzz -DMPIJOBC_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" >/dev/null
fuzzers=()
for source in fuzz/*_fuzzer.cc; do fuzzers+=("$(basename "$source" .cc)"); done
if $tests; then
  echo "fuzz: the test suite under ASan+UBSan (build-fuzz/)"
  cmake --build build-fuzz -j "$(nproc)"
  ASAN_OPTIONS=exitcode=86:detect_leaks=1:strict_string_checks=1 \
  UBSAN_OPTIONS=halt_on_error=1:exitcode=86:print_stacktrace=1 \
    ctest --test-dir build-fuzz --output-on-failure -j "$(nproc)" -LE image  # images: once, in build/
else
  cmake --build build-fuzz -j "$(nproc)" --target "${fuzzers[@]}"
fi

echo "fuzz: every harness for ${seconds}s"
pids=()
for f in "${fuzzers[@]}"; do
  mkdir -p "build-fuzz/corpus/$f" "fuzz/regressions/$f"
  ./build-fuzz/"$f" -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/$f-" \
    "build-fuzz/corpus/$f" "fuzz/regressions/$f" samples tests/bad tests/golden templates tests/import \
    >"build-fuzz/$f.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!fuzzers[@]}"; do
  f=${fuzzers[$i]}
  if wait "${pids[$i]}"; then
    echo "fuzz: $f: no crash in ${seconds}s ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "build-fuzz/$f.log" | grep -o '[0-9]*$') runs)"
  else
    status=1
    echo "fuzz: $f FAILED; its log (build-fuzz/$f.log) ends:"
    tail -40 "build-fuzz/$f.log"
  fi
done
exit "$status"
