#!/usr/bin/env bash
# The command-line side of issue 15, on the built binary, in a scratch directory: outputs that never
# destroy what they name (links, a device node made here, FIFOs, /dev/fd/N, init and dangling links),
# file names that try to start GitHub workflow commands, interrupts and hung helpers (a fake pandoc
# for render, a fake pdftotext for check-published),
# bounded side inputs (a ZIP bomb as --reference-doc), diff's over-size file, a graph too large for
# a PNG, and diff's memory on 10,000 renamed items. Never touches the real /dev.
#
#   check_hardening.sh BIN SRC
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
notice="$src/notice/acom-kenpo.yaml"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/notice-audit-hardening-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
ok() { echo "ok: $*"; }
# The fake helpers below write their pid and their grandchild's to ./pids.
wait_for_helpers() { # until both pids are written (10 s at most)
  for _ in $(seq 100); do
    [ -s pids ] && [ "$(grep -c '' pids)" -ge 2 ] && return
    sleep 0.1
  done
}
surviving_helpers() { # prints the helpers from ./pids still running (not zombies) and kills them
  sleep 0.2
  for p in $(cat pids 2>/dev/null); do
    if kill -0 "$p" 2>/dev/null && [ "$(ps -o stat= -p "$p" | tr -d ' ')" != Z ]; then
      echo -n " $p"
      kill -9 "$p"
    fi
  done
}

# --- -o through a symbolic link: the target is written, the link stays -------------------------
mkdir real
echo old >real/notice.txt
ln -s real/notice.txt link.txt
"$bin" render "$notice" -o link.txt || fail "render -o link.txt"
[ -L link.txt ] && grep -q 個人情報 real/notice.txt && ok "-o follows a link" || fail "-o link.txt replaced the link"

# --- a dangling link: refused, nothing created ---------------------------------------------------
ln -s missing/out.txt dangling.txt
if "$bin" render "$notice" -o dangling.txt 2>err.txt; then fail "-o dangling link accepted"; fi
[ -L dangling.txt ] && [ ! -e missing ] && grep -q "dangling link" err.txt && ok "-o dangling link refused" ||
  fail "-o dangling link: $(cat err.txt)"

# --- a device node made here (root only), never the real /dev ------------------------------------
if [ "$(id -u)" -eq 0 ] && mknod null c 1 3 2>/dev/null; then
  "$bin" render "$notice" -o null || fail "render -o null (device)"
  [ -c null ] && [ "$(stat -c '%t,%T' null)" = "1,3" ] && ok "-o device written in place" ||
    fail "-o device node replaced: $(stat -c '%F' null)"
else
  echo "skip: cannot make a device node (not root)"
fi

# --- a private /dev/stdout in a mount namespace of its own (root and unshare only) ---------------
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
  out=$(unshare -m bash -c 'mount -t tmpfs none /dev && ln -s /proc/self/fd/1 /dev/stdout &&
        "$0" render "$1" -o /dev/stdout | head -c 100000 >/proc/self/fd/3; [ -L /dev/stdout ] && echo link-kept' \
    "$bin" "$notice" 3>stdout.txt)
  [ "$out" = link-kept ] && grep -q 個人情報 stdout.txt && ok "-o /dev/stdout writes to standard output" ||
    fail "-o /dev/stdout: '$out'"
else
  echo "skip: no private mount namespace"
fi

# --- /dev/fd/1 and a FIFO -------------------------------------------------------------------------
"$bin" render "$notice" -o /dev/fd/1 | grep -q 個人情報 && ok "-o /dev/fd/1" || fail "-o /dev/fd/1"
mkfifo fifo
timeout 20 cat fifo >from-fifo.txt &  # on a replaced FIFO the reader would wait forever
reader=$!
"$bin" render "$notice" -o fifo || fail "render -o fifo"
wait $reader
[ -p fifo ] && grep -q 個人情報 from-fifo.txt && ok "-o FIFO written in place" || fail "-o FIFO replaced"

# --- init refuses an existing entry, a dangling link included ------------------------------------
mkdir proj
ln -s nowhere proj/notice-audit.toml
if "$bin" init proj --insurer テスト健康保険組合 --effective 2024-04-01 >/dev/null 2>err.txt; then
  fail "init wrote through a dangling link"
fi
[ -L proj/notice-audit.toml ] && [ ! -e proj/nowhere ] && [ ! -e proj/notice ] && grep -q "exist already" err.txt &&
  ok "init refuses a dangling link" || fail "init and a dangling link: $(cat err.txt)"

# --- file names that try to start a GitHub workflow command --------------------------------------
evil=$'evil\n::error file=x,line=1::injected.yaml'
sed 's/^title:/titel: x\ntitle:/' "$notice" >"$evil"
"$bin" validate "$evil" >out.txt 2>err.txt
if grep -q '^::' out.txt err.txt; then fail "validate printed a line starting with ::"; else ok "validate: no :: line"; fi
"$bin" validate "$evil" --format github >gh.txt 2>&1
[ "$(grep -c '' gh.txt)" -eq "$(grep -c '^::' gh.txt)" ] && ! grep -q '^::error file=x' gh.txt &&
  ok "validate --format github: one annotation per line" || fail "github annotations split: $(cat gh.txt)"
cp "$notice" "$evil.2"
printf 'x: [\n' >>"$evil.2"
"$bin" diff "$evil.2" "$notice" >out.txt 2>err.txt
if grep -q '^::' out.txt err.txt; then fail "diff printed a line starting with ::"; else ok "diff: no :: line"; fi
"$bin" render "$evil.3" >out.txt 2>err.txt
if grep -q '^::' err.txt; then fail "render printed a line starting with ::"; else ok "errors: no :: line"; fi

# --- diff names an over-size file ----------------------------------------------------------------
head -c $((5 << 20)) /dev/zero | tr '\0' 'x' >big.yaml
"$bin" diff big.yaml "$notice" >/dev/null 2>err.txt
grep -q "error: big.yaml is not a valid notice" err.txt && ok "diff names an over-size file" ||
  fail "diff over-size: $(tail -1 err.txt)"

# --- a ZIP bomb as --reference-doc is refused before pandoc sees it ------------------------------
python3 -c "
import zipfile
with zipfile.ZipFile('bomb.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('word/document.xml', b'<' * (200 << 20))
"
mkdir fakebin
cat >fakebin/pandoc <<'SH'
#!/bin/sh
# A pandoc that hangs, with a grandchild, and says where they are.
echo $$ >"$FAKE_PANDOC_PIDS"
sleep 300 &
echo $! >>"$FAKE_PANDOC_PIDS"
wait
SH
chmod +x fakebin/pandoc
export FAKE_PANDOC_PIDS="$tmp/pids"
rm -f pids
if PATH="$tmp/fakebin:$PATH" "$bin" render "$notice" -f docx --reference-doc bomb.docx -o out.docx 2>err.txt; then
  fail "a ZIP bomb was accepted"
fi
[ ! -e pids ] && grep -q "bomb.docx: entry word/document.xml would inflate .* a zip bomb, not a document" err.txt && ok "ZIP bomb refused before pandoc ran" ||
  fail "ZIP bomb: $(cat err.txt)"

# --- a hung helper is stopped after the time limit, with its group --------------------------------
rm -f pids
NOTICE_AUDIT_HELPER_TIMEOUT=2 PATH="$tmp/fakebin:$PATH" "$bin" render "$notice" -f html -o out.html 2>err.txt
status=$?
alive=$(surviving_helpers)
[ "$status" -eq 2 ] && grep -q "did not finish within 2 s" err.txt && [ -z "$alive" ] && ok "hung helper stopped" ||
  fail "hung helper: status $status, alive:$alive, $(cat err.txt)"

# --- Ctrl-C during render: temporary files gone, helpers killed ----------------------------------
rm -f pids
mkdir tmpdir
TMPDIR="$tmp/tmpdir" PATH="$tmp/fakebin:$PATH" "$bin" render "$notice" -f html -o out2.html 2>err.txt &
pid=$!
wait_for_helpers
kill -INT $pid
wait $pid
status=$?
alive=$(surviving_helpers)
[ "$status" -eq 130 ] && [ -z "$(ls -A tmpdir)" ] && [ -z "$alive" ] && [ ! -e out2.html ] &&
  ok "SIGINT: no temporary files, no helpers left" ||
  fail "SIGINT: status $status, left in TMPDIR: $(ls -A tmpdir), alive:$alive"

# --- check-published: a hung pdftotext is stopped, and SIGTERM leaves nothing behind -------------
cp fakebin/pandoc fakebin/pdftotext # hangs the same way
printf '%%PDF-1.7\n' >published.pdf
rm -f pids
NOTICE_AUDIT_HELPER_TIMEOUT=2 PATH="$tmp/fakebin:$PATH" "$bin" check-published published.pdf "$notice" 2>err.txt
status=$?
alive=$(surviving_helpers)
[ "$status" -eq 2 ] && grep -q "published.pdf: pdftotext did not finish within 2 s and was stopped" err.txt &&
  [ -z "$alive" ] && ok "hung pdftotext stopped with its group" ||
  fail "hung pdftotext: status $status, alive:$alive, $(cat err.txt)"
rm -f pids
mkdir tmpdir-pdf
TMPDIR="$tmp/tmpdir-pdf" PATH="$tmp/fakebin:$PATH" "$bin" check-published published.pdf "$notice" 2>err.txt &
pid=$!
wait_for_helpers
kill -TERM $pid
wait $pid
status=$?
alive=$(surviving_helpers)
[ "$status" -eq 143 ] && [ -z "$(ls -A tmpdir-pdf)" ] && [ -z "$alive" ] &&
  ok "SIGTERM during check-published: no temporary files, no pdftotext left" ||
  fail "SIGTERM check-published: status $status, left in TMPDIR: $(ls -A tmpdir-pdf), alive:$alive"

# --- graph: a diagram too large for a PNG is refused with advice --------------------------------
python3 - "$notice" >huge.yaml <<'PY'
import sys
head = open(sys.argv[1], encoding='utf-8').read().split('\ncategories:\n')[0]
print(head + '\ncategories:\n  - id: huge\n    number: 1\n    title: 大量\n    buckets:\n      - id: huge-out\n'
      '        kind: external\n        heading: 【外部】\n        items:')
for i in range(3000):
    print(f'          - id: item-{i}\n            text: 項目{i}の外部委託\n            flow: outsourcing\n'
          f'            parties: [contractors]\n            data: [applications]')
PY
"$bin" graph huge.yaml -o huge.png 2>err.txt
status=$?
[ "$status" -eq 2 ] && [ ! -e huge.png ] && grep -q "more than a PNG can hold" err.txt && ! grep -qi cairo err.txt &&
  ok "graph: too large for a PNG, refused with advice" || fail "graph huge png: status $status, $(head -3 err.txt)"

# --- a template whose sections multiply is refused before it writes anything ---------------------
printf '{{#categories}}{{#categories}}{{#categories}}{{#categories}}{{#categories}}{{#categories}}{{#categories}}{{title}}{{/categories}}{{/categories}}{{/categories}}{{/categories}}{{/categories}}{{/categories}}{{/categories}}' >bomb.mustache
"$bin" render "$notice" --template bomb.mustache -o bomb.txt 2>err.txt
status=$?
[ "$status" -eq 2 ] && [ ! -e bomb.txt ] && grep -q "would write more than 32 MiB" err.txt &&
  ok "template bomb refused" || fail "template bomb: status $status, $(wc -c <bomb.txt 2>/dev/null) bytes written"

# --- notice-audit.toml: limited in size, named in the report -------------------------------------
mkdir cfg
cp "$notice" cfg/notice.yaml
{ echo '[rules]'; echo 'unused-party = "off"'; } >cfg/notice-audit.toml
"$bin" validate cfg/notice.yaml >out.txt
grep -q "^Configuration: cfg/notice-audit.toml$" out.txt && ok "the configuration used is named" ||
  fail "no configuration line: $(tail -2 out.txt)"
head -c $((2 << 20)) /dev/zero | tr '\0' '#' >>cfg/notice-audit.toml
"$bin" validate cfg/notice.yaml >/dev/null 2>err.txt
[ $? -eq 2 ] && grep -q "larger than 1024 KiB" err.txt && ok "a 2 MiB configuration is refused" ||
  fail "2 MiB configuration: $(cat err.txt)"

# Two notices whose configurations ask for different formats: --format decides, or it is an error.
mkdir -p cfg2/a cfg2/b
cp "$notice" cfg2/a/notice.yaml
cp "$notice" cfg2/b/notice.yaml
echo 'format = "json"' >cfg2/a/notice-audit.toml
echo 'format = "sarif"' >cfg2/b/notice-audit.toml
"$bin" validate cfg2 >/dev/null 2>err.txt
[ $? -eq 2 ] && grep -q "ask for different report formats; pass --format" err.txt &&
  "$bin" validate cfg2 --format json >/dev/null && ok "configurations that disagree on the format" ||
  fail "configurations that disagree: $(cat err.txt)"

# --- SARIF URIs are percent-encoded ---------------------------------------------------------------
mkdir "my dir"
sed 's/^title:/titel: x\ntitle:/' "$notice" >"my dir/#1.yaml"
"$bin" validate "my dir/#1.yaml" --format sarif >out.sarif
grep -q '"uri": "my%20dir/%231.yaml"' out.sarif && ok "SARIF uri percent-encoded" ||
  fail "SARIF uri: $(grep '"uri"' out.sarif | head -1)"

# --- a title pandoc would read as a boolean ------------------------------------------------------
sed 's/^title: .*/title: "true"/' "$notice" >true-title.yaml
"$bin" render true-title.yaml -f html >true.html 2>err.txt
grep -q "<title>true</title>" true.html && ok "title true stays text" || fail "title true: $(grep '<title>' true.html)"

# --- the PDF's stylesheet cannot read /etc/hostname ----------------------------------------------
echo 'body { background: url(file:///etc/hostname); }' >evil.css
"$bin" render "$notice" -f pdf --css evil.css -o evil.pdf 2>err.txt
status=$?
[ "$status" -eq 2 ] && [ ! -e evil.pdf ] && grep -q "refers to file:///etc/hostname" err.txt &&
  ok "stylesheet URL outside its directory refused" || fail "evil.css: status $status, $(head -3 err.txt)"

# --- diff of 10,000 renamed items: memory stays bounded (the matcher keeps its best pairs only) ---
if [ -n "${ASAN_OPTIONS:-}" ]; then
  echo "skip: memory figures mean nothing under AddressSanitizer"
else
  python3 - <<'PY'
words = ["保険給付", "付加給付", "資格確認", "被扶養者", "認定", "健診", "保健指導", "健康相談", "医療費", "通知"]
def notice(prefix):
    out = ['schema: 1', 'insurer:', '  name: 改名健康保険組合', '  kind: kenpo', 'title: 改名健康保険組合の公表',
           'revisions:', '  - effective: 2022-04-01', 'data:', '  - id: applications', '    name: 各種届出',
           'categories:']
    for c in range(10):
        out += [f'  - id: cat-{c}', f'    number: {c + 1}', f'    title: 利用目的{c + 1}', '    buckets:',
                f'      - id: cat-{c}-internal', '        kind: internal', '        heading: 【内部】', '        items:']
        for k in range(1000):
            i = c * 1000 + k
            text = words[i % 10] + "及び" + words[(i // 10) % 10] + "の" + words[(i // 100) % 10] + "に関する事務"
            out += [f'          - id: {prefix}-{i}', f'            text: {text}', '            data: [applications]']
    return '\n'.join(out) + '\n'
open('renamed-old.yaml', 'w', encoding='utf-8').write(notice('old'))
open('renamed-new.yaml', 'w', encoding='utf-8').write(notice('new'))
PY
  /usr/bin/time -f "%M" -o rss.txt "$bin" diff renamed-old.yaml renamed-new.yaml -f json -o renamed.json
  rss=$(tail -1 rss.txt)
  [ "$rss" -lt 400000 ] && ok "diff of 10,000 renamed items: ${rss} KB" ||
    fail "diff of 10,000 renamed items used ${rss} KB (limit of this test: 400000 KB)"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
