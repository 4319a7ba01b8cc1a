#!/usr/bin/env bash
# Installs ajv-cli 5 (the reference schema-only check of the federation benchmark) from the npm
# registry into DIR (default build/bench/ajv), without touching anything outside it. Not part of
# the build or the tests; the installed files are not committed.
#
#   tests/bench/install-ajv.sh [DIR]      then: DIR/node_modules/.bin/ajv
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-build/bench/ajv}
command -v npm >/dev/null || { echo "install-ajv: npm is missing (apt-get install npm)" >&2; exit 2; }
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{"private": true}' > "$dir/package.json"
timeout 600 npm install --prefix "$dir" --no-audit --no-fund --save-exact ajv-cli@5 >&2
"$dir/node_modules/.bin/ajv" help >/dev/null 2>&1 || true
echo "$dir/node_modules/.bin/ajv"
