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
recommends=$(dpkg-deb -f "$deb" Recommends)
for pkg in pandoc weasyprint fonts-ipaexfont bash-completion; do
  grep -q "$pkg" <<<"$recommends" || { echo "$pkg is not recommended: $recommends"; failed=1; }
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/notice-audit ./usr/share/man/man1/notice-audit-validate.1 \
         ./usr/share/bash-completion/completions/notice-audit ./usr/share/doc/notice-audit/README.md \
         ./usr/share/doc/notice-audit/format.md ./usr/share/doc/notice-audit/rules/guideline-superseded.md; do
  grep -q " $f\$" <<<"$contents" || { echo "not in the package: $f"; failed=1; }
done
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/notice-audit" validate -q "$work/root/usr/share/notice-audit/examples/acom-kenpo.yaml" \
  > "$work/out.txt" || { echo "the packaged binary failed"; failed=1; }
grep -q "citation-stale" "$work/out.txt" || { echo "the packaged binary missed the known finding"; failed=1; }
# Where /usr/bin/notice-audit is, /usr/share/doc/notice-audit holds the pages SARIF links to.
"$work/root/usr/bin/notice-audit" validate --format sarif --fail-on never \
  "$work/root/usr/share/notice-audit/examples/acom-kenpo.yaml" > "$work/out.sarif"
grep -q '"helpUri": "file://'"$work"'/root/usr/share/doc/notice-audit/rules/citation-stale.md"' \
  "$work/out.sarif" || { echo "the packaged binary's SARIF does not link its installed rule pages"; failed=1; }
[ "$failed" = 0 ] && echo "$(basename "$deb"): Depends: $depends"
exit "$failed"
