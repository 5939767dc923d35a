#!/usr/bin/env bash
# Quick start: install what is missing, build, and compile the bundled
# Horovod sample into deploy/mnist/, then runs the hello-mpi sample locally
# with real MPI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/mpijobc build samples/horovod-mnist.yaml -o deploy
echo
echo "Running samples/hello-mpi.yaml here with real MPI (mpijobc run --local):"
build/mpijobc run --local samples/hello-mpi.yaml --np 2  # 2 ranks even on a 1-core machine
echo
echo "Next: read deploy/mnist/launcher.sh, then 'kubectl apply -k deploy/mnist' on a cluster"
echo "that runs the Kubeflow MPI operator. 'build/mpijobc build --help' lists the options."
