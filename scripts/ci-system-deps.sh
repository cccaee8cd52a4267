#!/usr/bin/env bash
# System packages the emulator's tests need: Debian's Chromium (inspector test, driven by playwright-core, which must
# never download a browser), Debian's python3 with PyJWT and cryptography (the Python client test), and curl, jq and
# openssl (the README's shell example, run by a test).
# Idempotent: installs only what is missing, and runs apt-get update at most once.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/python3 ] || missing+=(python3)
for tool in curl jq openssl; do [ -x "/usr/bin/$tool" ] || missing+=("$tool"); done
if [ -x /usr/bin/python3 ]; then
  /usr/bin/python3 -c 'import jwt' 2>/dev/null || missing+=(python3-jwt)
  /usr/bin/python3 -c 'import cryptography' 2>/dev/null || missing+=(python3-cryptography)
else
  missing+=(python3-jwt python3-cryptography)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "ci-system-deps: chromium, python3, python3-jwt, python3-cryptography, curl, jq and openssl are present"
  exit 0
fi

echo "ci-system-deps: installing ${missing[*]}"
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
