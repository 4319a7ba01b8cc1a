#!/usr/bin/env bash
# Figures of docs/import.md: imports every corpus text (tests/data/real/*/source.txt) with the built
# binary and prints one Markdown row per text from import's own summary: categories, buckets, items,
# flows from bucket headings / inferred from wording / left open, parties left open, and the
# characters of the source (whitespace aside).
# With the corpus checker as a second argument it then prints, per hand-encoded text, the items and
# joint-use entries recovered and the flows decided and agreeing (corpus_check compare).
# Usage: tests/import/figures.sh build/notice-audit [build/tests/corpus/corpus_check]
set -euo pipefail
bin="$1"
check="${2:-}"
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
[ -n "$check" ] || exit 0
echo
echo "| slug | items recovered / printed | flows decided | agreeing | joint-use entries recovered / printed |"
echo "| --- | --- | --- | --- | --- |"
tr=0 tp=0 td=0 ta=0 jr=0 jp=0
for dir in "$src"/tests/data/real/*/; do
  slug=$(basename "$dir")
  [ -f "$dir/notice.yaml" ] || continue
  out=$("$check" compare "$tmp/$slug.yaml" "$dir/notice.yaml" | tail -1)
  read -r r p d a j q <<<"$(sed -E 's#items recovered ([0-9]+)/([0-9]+); flows decided ([0-9]+), agreeing ([0-9]+); joint-use entries recovered ([0-9]+)/([0-9]+)#\1 \2 \3 \4 \5 \6#' <<<"$out")"
  tr=$((tr + r)) tp=$((tp + p)) td=$((td + d)) ta=$((ta + a)) jr=$((jr + j)) jp=$((jp + q))
  [ "$p" = 0 ] && [ "$q" = 0 ] && continue
  echo "| \`$slug\` | $r / $p | $d | $a | $j / $q |"
done
echo "| **all encoded texts** | **$tr / $tp** | **$td** | **$ta** | **$jr / $jp** |"
