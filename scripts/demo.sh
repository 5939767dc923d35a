#!/usr/bin/env bash
# Quick start: install what is missing, build, and compile the bundled
# Horovod sample into deploy/mnist/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/mpijobc build samples/horovod-mnist.yaml -o deploy
echo
echo "Next: read deploy/mnist/launcher.sh, then 'kubectl apply -k deploy/mnist' on a cluster"
echo "that runs the Kubeflow MPI operator. 'build/mpijobc build --help' lists the options."
