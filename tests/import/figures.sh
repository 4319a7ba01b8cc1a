#!/usr/bin/env bash
# Figures of docs/import.md: imports every corpus text (tests/data/real/*/source.txt) with the built
# binary and prints one Markdown row per text from import's own summary: categories, buckets, items,
# flows from bucket headings / inferred from wording / left open, parties left open, and the
# characters of the source (whitespace aside).
# Usage: tests/import/figures.sh build/notice-audit
set -euo pipefail
bin="$1"
src="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| text | chars | categories | buckets | items | flow: heading | flow: wording | flow: open | parties open |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for dir in "$src"/tests/data/real/*/; do
  slug=$(basename "$dir")
  NOTICE_AUDIT_AS_OF=2026-12-01 "$bin" import "$dir/source.txt" -o "$tmp/$slug.yaml" 2>"$tmp/$slug.err"
  line=$(grep -E 'items in' "$tmp/$slug.err")
  open=$(grep -E 'need a flow' "$tmp/$slug.err" || echo "x: 0 items need a flow; 0 parties unknown")
  read -r n c b h w <<<"$(sed -E 's/.*: ([0-9]+) items in ([0-9]+) categories and ([0-9]+) buckets; flows: ([0-9]+) from bucket headings, ([0-9]+) inferred.*/\1 \2 \3 \4 \5/' <<<"$line")"
  fo=$(sed -E 's/.*: ([0-9]+) items need a flow; ([0-9]+) parties.*/\1/' <<<"$open")
  po=$(sed -E 's/.*: ([0-9]+) items need a flow; ([0-9]+) parties.*/\2/' <<<"$open")
  chars=$(python3 -c 'import re,sys; print(len(re.sub(r"[\s\u3000\u00a0]","",open(sys.argv[1],encoding="utf-8").read())))' "$dir/source.txt")
  echo "| \`$slug\` | $chars | $c | $b | $n | $h | $w | $fo | $po |"
done
