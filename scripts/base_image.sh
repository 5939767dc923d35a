#!/usr/bin/env bash
# Makes the local docker.io/library/debian:bookworm-slim image that the image
# test (tests/image/run_job_test.sh) builds generated Dockerfiles against,
# without a registry: a Debian bookworm root file system from the Debian
# mirror (debootstrap --variant=minbase), committed with buildah. Needs root.
#
# Made once, then reused: the image lives in buildah's storage
# (/var/lib/containers), and the root file system's tarball in
# ~/.cache/mpijobc/ (XDG_CACHE_HOME), so that a wiped storage does not
# debootstrap again. Prints the image's name.
#
#   scripts/base_image.sh              make it when missing
#   scripts/base_image.sh --rebuild    debootstrap and commit afresh
#
# Environment: MPIJOBC_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

image=docker.io/library/debian:bookworm-slim
mirror=${MPIJOBC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/mpijobc
tarball=$cache/debian-bookworm-minbase.tar
# vfs and chroot: no overlay file system, user namespaces or runtime needed.
export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot

((EUID == 0)) || { echo "base_image: needs root (debootstrap, buildah)" >&2; exit 1; }
mkdir -p "$cache"
exec 9>"$cache/base-image.lock"  # one maker at a time; the others wait, then reuse
flock 9

if [[ "${1:-}" == "--rebuild" ]]; then
  rm -f "$tarball"
  buildah rmi "$image" >/dev/null 2>&1 || true
fi

if buildah inspect --type image "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

if [[ ! -s "$tarball" ]]; then
  root=$(mktemp -d "$cache/rootfs.XXXXXX")
  trap 'rm -rf "$root" "$tarball.part"' EXIT
  echo "base_image: debootstrap bookworm from $mirror (about a minute)" >&2
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  # The apt sources of Debian's own image, and none of debootstrap's caches.
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -cf "$tarball.part" .
  mv "$tarball.part" "$tarball"
fi

echo "base_image: committing $image from $tarball" >&2
container=$(buildah from scratch)
buildah add "$container" "$tarball" / >/dev/null
buildah config --cmd bash "$container"
buildah commit -q "$container" "$image" >/dev/null
buildah rm "$container" >/dev/null
echo "$image"
