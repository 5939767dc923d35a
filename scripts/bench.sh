#!/usr/bin/env bash
# The benchmark (bench/run.py): mpijobc against python3-jsonschema + PyYAML
# and ajv-cli on generated corpora; prints a table of results, ratios and
# targets. Installs what is missing (the test tools, and ajv-cli from npm into
# bench/npm), builds, then runs it. Needs the upstream CRD in
# ../shared/upstream/ (or MPIJOBC_UPSTREAM). Takes about two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
if [[ ! -x bench/npm/node_modules/.bin/ajv ]]; then
  npm ci --prefix bench/npm --no-audit --no-fund --loglevel=error
fi
upstream=${MPIJOBC_UPSTREAM:-../shared/upstream}
exec python3 bench/run.py build/mpijobc "$upstream/mpi-operator/manifests/base/kubeflow.org_mpijobs.yaml" \
  bench/npm/node_modules/.bin/ajv
