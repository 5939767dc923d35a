#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/*_fuzzer.cc) with clang, ASan and
# UBSan in build-fuzz/, then runs them side by side for SECONDS each
# (default 60), seeded from samples/, tests/ and fuzz/regressions/<fuzzer>/.
# A crash stops the run non-zero and leaves its input in build-fuzz/; copy it
# into fuzz/regressions/<fuzzer>/ so every later run replays it.
#
# SEED (default 0: a new random seed each run) fixes libFuzzer's mutations;
# CI passes SEED=1 so that a run is repeatable and a red CI is reproducible.
#
#   SEED=1 scripts/fuzz.sh   what CI runs (scripts/test.sh)
#   scripts/fuzz.sh 3600     a long run with random seeds; the corpora grow in
#                            build-fuzz/corpus/
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
seed=${SEED:-0}

CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMPIJOBC_FUZZ=ON >/dev/null
fuzzers=()
for source in fuzz/*_fuzzer.cc; do fuzzers+=("$(basename "$source" .cc)"); done
cmake --build build-fuzz -j "$(nproc)" --target "${fuzzers[@]}"

pids=()
for f in "${fuzzers[@]}"; do
  mkdir -p "build-fuzz/corpus/$f" "fuzz/regressions/$f"
  ./build-fuzz/"$f" -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/$f-" \
    "build-fuzz/corpus/$f" "fuzz/regressions/$f" samples tests/bad tests/golden \
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
