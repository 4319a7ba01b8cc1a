#!/usr/bin/env bash
# Installs the build into a temporary prefix and runs the installed binary on the bundled notice.
# Usage: check_install.sh BUILD_DIR
set -euo pipefail
build="$1"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
failed=0
for f in bin/notice-audit share/man/man1/notice-audit-validate.1 share/bash-completion/completions/notice-audit \
         share/zsh/vendor-completions/_notice-audit share/notice-audit/schemas/notice.schema.json \
         share/notice-audit/examples/acom-kenpo.yaml; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f"; failed=1; }
done
# The installed binary needs nothing from the source or build tree.
(cd "$prefix" && ./bin/notice-audit validate -q share/notice-audit/examples/acom-kenpo.yaml > out.txt) ||
  { echo "installed validate failed"; failed=1; }
grep -q "citation-stale" "$prefix/out.txt" || { echo "installed validate did not report the known finding"; failed=1; }
# The documentation the messages point to, and SARIF's links to the rule pages, which resolve.
for f in README.md format.md config.md rules/citation-stale.md; do
  [ -f "$prefix/share/doc/notice-audit/$f" ] || { echo "not installed: share/doc/notice-audit/$f"; failed=1; }
done
"$prefix/bin/notice-audit" validate --format sarif --fail-on never "$prefix/share/notice-audit/examples/acom-kenpo.yaml" \
  > "$prefix/out.sarif"
help_uri=$(grep -o '"helpUri": "[^"]*citation-stale.md"' "$prefix/out.sarif" | sed 's/.*"file:\/\/\(.*\)"/\1/')
[ -n "$help_uri" ] && [ -f "$help_uri" ] || { echo "SARIF helpUri does not resolve: ${help_uri:-none}"; failed=1; }
grep -q '"informationUri": "file://'"$prefix"'/share/doc/notice-audit/README.md"' "$prefix/out.sarif" ||
  { echo "SARIF informationUri is not the installed README"; failed=1; }
MANPATH="$prefix/share/man" man -w notice-audit-validate > /dev/null 2>&1 ||
  { echo "man notice-audit-validate not found in the installed tree"; failed=1; }
[ "$failed" = 0 ] && echo "installed into a temporary prefix; the installed binary validates the bundled notice"
exit "$failed"
