#!/usr/bin/env bash
# Installs what mpijobc needs on Debian 12 (only what is missing), then
# configures and builds it into build/ (the binary is build/mpijobc).
#
#   scripts/setup.sh          packages to build
#   scripts/setup.sh --test   also the tools the tests run against
set -euo pipefail
cd "$(dirname "$0")/.."

build_packages=(cmake g++ make libyaml-dev nlohmann-json3-dev libvalijson-dev
                libcli11-dev catch2
                antlr4 libantlr4-runtime-dev  # the DSL's parser, generated at build time
                openmpi-bin python3-mpi4py)  # the last two: mpijobc run --local of samples/hello-mpi.yaml
test_packages=(shellcheck python3 python3-jsonschema python3-rfc3987 python3-yaml yamllint
               clang libclang-rt-14-dev patch
               mpich  # run --local of MPICH jobs (Debian keeps Open MPI as mpirun)
               git pre-commit  # the mpijobc-validate hook, run by pre-commit try-repo
               man-db  # the packaging test renders the man page (man, lexgrog)
               buildah debootstrap iproute2 openssh-client)  # the image test (docs/testing.md)

want=("${build_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
  want+=("${test_packages[@]}")
  command -v npm >/dev/null || want+=(nodejs npm)
fi

missing=()
for pkg in "${want[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# dockerfilelint, and the SARIF 2.1.0 schema that @microsoft/jest-sarif ships.
if [[ "${1:-}" == "--test" && ( ! -x tests/npm/node_modules/.bin/dockerfilelint ||
      ! -f tests/npm/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json ) ]]; then
  echo "setup: installing the test tools (npm) into tests/npm"
  npm ci --prefix tests/npm --no-audit --no-fund --loglevel=error
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
