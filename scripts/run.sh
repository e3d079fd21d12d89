#!/usr/bin/env bash
# The README's run command: builds and starts Pallet (`scripts/run.sh serve`, or any other `pallet` command).
# Pallet renders package READMEs with Debian's cmark-gfm (a system library the build links), so this installs
# libcmark-gfm-dev and libcmark-gfm-extensions-dev first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

needed=(libcmark-gfm-dev libcmark-gfm-extensions-dev)
missing=()
for p in "${needed[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Markdown rendering for package READMEs)" >&2
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
exec swift run -c release pallet "${@:-serve}"
