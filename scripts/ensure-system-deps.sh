#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when missing: the single entry point `pnpm run ci` calls first.
# Idempotent: an installed package is left alone, and apt-get runs only when something is missing. Where the
# machine cannot install (not Debian/Ubuntu, or neither root nor password-less sudo), it stops at once and names
# the missing packages: a test that needs one must never be skipped silently.
#
# Add a package: append it to PACKAGES (Debian package names).
set -euo pipefail

PACKAGES=(
  redis-server          # the Redis-backed package's tests
  python3               # the emulator
  python3-jwt           # the emulator
  python3-cryptography  # the emulator
  chromium              # the emulator's browser tests
  curl                  # the emulator README's shell example, run by a test
  jq                    # the same
  openssl               # the same
)

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "ensure-system-deps: not a Debian-based system; install these packages (or their equivalents) yourself: ${PACKAGES[*]}" >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  installed "${package}" || missing+=("${package}")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "ensure-system-deps: all present (${PACKAGES[*]})"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "ensure-system-deps: missing ${missing[*]}; run as root (or with password-less sudo), or install them:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "ensure-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

# apt-get can succeed without installing a package it does not know under that name: check again.
still=()
for package in "${missing[@]}"; do
  installed "${package}" || still+=("${package}")
done
if [ "${#still[@]}" -ne 0 ]; then
  echo "ensure-system-deps: could not install ${still[*]}" >&2
  exit 1
fi
echo "ensure-system-deps: installed ${missing[*]}"
