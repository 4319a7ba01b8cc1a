#!/usr/bin/env bash
# Builds the .deb with CPack, checks its dependencies and contents, extracts it into a temporary
# directory and runs the packaged binary on the bundled notice.
# Usage: check_deb.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/notice-audit_*.deb)
failed=0
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libyaml-0-2 libgvc6 libcgraph6 libtomlplusplus3; do
  grep -q "$lib" <<<"$depends" || { echo "Depends lacks $lib: $depends"; failed=1; }
done
grep -q pandoc <<<"$(dpkg-deb -f "$deb" Recommends)" || { echo "pandoc is not recommended"; failed=1; }
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/notice-audit ./usr/share/man/man1/notice-audit-validate.1 \
         ./usr/share/bash-completion/completions/notice-audit; do
  grep -q " $f\$" <<<"$contents" || { echo "not in the package: $f"; failed=1; }
done
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/notice-audit" validate -q "$work/root/usr/share/notice-audit/examples/acom-kenpo.yaml" \
  > "$work/out.txt" || { echo "the packaged binary failed"; failed=1; }
grep -q "citation-stale" "$work/out.txt" || { echo "the packaged binary missed the known finding"; failed=1; }
[ "$failed" = 0 ] && echo "$(basename "$deb"): Depends: $depends"
exit "$failed"
