#!/usr/bin/env bash
# Looks at graph's SVG in a browser, as a reader would: headless Chromium lays the diagram of the
# bundled notice out, and a script in the page measures every label line made of several runs of
# text (plain, a bold D3, a comma …): each run must end before the next one starts, and every run
# must keep its spaces. Graphviz measured the runs with Pango; without textLength a browser's own
# measure made a bold D3 cover the 〔 before it and commas vanish (〔D1D2〕).
# Exit status 77 (skipped) when Chromium is not installed; .ci/bootstrap installs it.
# Usage: check_svg.sh path/to/notice-audit path/to/source
set -euo pipefail
bin="$1"
src="$2"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "SKIP: Chromium is not installed (apt install chromium); the SVG was not looked at in a browser"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" graph "$src/notice/acom-kenpo.yaml" -o "$work/flows.svg"
"$bin" graph --party employer "$src/notice/acom-kenpo.yaml" -o "$work/employer.svg"

for svg in flows employer; do
  {
    echo '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
    sed -n '/<svg/,$p' "$work/$svg.svg"
    cat <<'SCRIPT'
<script>
// Pairs of runs on one line: the first must end where the second starts (half a unit of slack).
const runs = [...document.querySelectorAll('svg text')];
let pairs = 0, overlaps = 0, collapsed = 0, bad = [];
for (let i = 0; i + 1 < runs.length; i++) {
  const a = runs[i], b = runs[i + 1];
  if (a.parentNode !== b.parentNode || a.getAttribute('y') !== b.getAttribute('y')) continue;
  pairs++;
  const ra = a.getBBox(), rb = b.getBBox();
  if (ra.x + ra.width > rb.x + 0.5) { overlaps++; bad.push(a.textContent + '|' + b.textContent); }
}
// A run must keep its spaces (D1 各種…, not D1各種…): the browser lays out every character.
for (const t of runs) {
  if (t.textContent.includes(' ') && t.getNumberOfChars() !== t.textContent.length) {
    collapsed++; bad.push('[' + t.textContent + ']');
  }
}
document.body.setAttribute('data-result',
  'runs=' + runs.length + ' pairs=' + pairs + ' overlaps=' + overlaps + ' collapsed=' + collapsed + ' ' +
  bad.slice(0, 5).join(' '));
</script></body></html>
SCRIPT
  } > "$work/$svg.html"
  profile=$(mktemp -d -p "$work")
  dom=$(timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --dump-dom "file://$work/$svg.html" 2> "$work/chromium.log") ||
    { echo "Chromium failed: $(tail -5 "$work/chromium.log")"; exit 1; }
  result=$(grep -o 'data-result="[^"]*"' <<<"$dom" | head -1)
  echo "$svg.svg: $result"
  case "$result" in
    *" pairs=0 "*) echo "FAIL: $svg.svg has no label line of several runs; the check measured nothing"; exit 1 ;;
    *" overlaps=0 collapsed=0 "*) ;;
    *) echo "FAIL: $svg.svg: runs of text overlap or lose their spaces in Chromium"; exit 1 ;;
  esac
done
