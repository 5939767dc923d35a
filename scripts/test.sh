#!/usr/bin/env bash
# Installs what is missing (build and test tools), builds, and runs every
# test: unit tests of each stage and end-to-end tests of the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
ctest --test-dir build --output-on-failure -j "$(nproc)"
