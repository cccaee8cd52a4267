#!/usr/bin/env bash
# Proves the README's test command works for a newcomer: clones the repository (committed HEAD) into a temporary
# folder and runs the README's two commands there with a clean HOME (no npm or pnpm cache, no config) and no pnpm on
# PATH. Only Node.js, npm, git and the system packages of scripts/ensure-system-deps.sh (installed by the run
# itself when missing and allowed) may come from the machine.
#
# Not part of `pnpm run ci` (it is the whole CI plus cold downloads). Run it before a release or after changing the
# install path:  bash test/fresh-clone/run.sh [repository, default: this one]
set -euo pipefail

source_repo="${1:-$(git -C "$(dirname "$0")" rev-parse --show-toplevel)}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
mkdir "${work}/home"

git clone -q "${source_repo}" "${work}/repo"
cd "${work}/repo"

# The two commands of the README's quick start that follow the clone (the line after "# 2. install, ...").
test_command="$(grep -m1 -E '^npx -y pnpm@[^ ]+ install --frozen-lockfile && npx -y pnpm@[^ ]+ run ci$' README.md)"
echo "fresh-clone: ${test_command}"

# PATH without any folder that holds pnpm (a global pnpm, corepack shims): the README must not need one.
clean_path=""
IFS=':' read -r -a folders <<<"${PATH}"
for folder in "${folders[@]}"; do
  if [ -n "${folder}" ] && [ ! -e "${folder}/pnpm" ]; then clean_path="${clean_path:+${clean_path}:}${folder}"; fi
done

start=$(date +%s)
status=0
env -i HOME="${work}/home" PATH="${clean_path}" TERM="${TERM:-dumb}" CI=true LANG="${LANG:-C.UTF-8}" \
  bash -c "if command -v pnpm >/dev/null; then echo 'pnpm is on PATH' >&2; exit 1; fi; ${test_command}" || status=$?
echo "fresh-clone: exit ${status} after $(($(date +%s) - start))s"
exit "${status}"
