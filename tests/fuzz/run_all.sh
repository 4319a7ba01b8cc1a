#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`, clang, ASan + UBSan), seeds each from the project's
# fixtures and runs them one after the other, each for a bounded time. Not part of ctest: run it on
# its own (a CI job of its own, or by hand before a release).
#
#   tests/fuzz/run_all.sh [SECONDS_PER_TARGET] [TARGET…]      default: 600 s, every target
#
# The corpora grow in build-fuzz/corpus/<target>/ (kept between runs); a crash or leak leaves its
# input in build-fuzz/findings/ and makes the script exit 1. The last libFuzzer status line of each
# target (execs, coverage, features, corpus) is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_load fuzz_config fuzz_template fuzz_diff fuzz_report fuzz_html fuzz_docx fuzz_text)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j 2 --target "${targets[@]}"

work=build-fuzz
mkdir -p "$work/findings"
seed() { # seed TARGET FILE…: copies fixtures into the target's seed directory
  local dir="$work/seeds/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
  done
  return 0
}
rm -rf "$work/seeds"
mapfile -t yaml < <(find notice tests/fuzz/corpus tests/e2e -name '*.yaml' -size -400k | sort)
seed fuzz_load "${yaml[@]}"
seed fuzz_report "${yaml[@]}"
mapfile -t toml < <(find tests/e2e templates -name '*.toml' | sort)
seed fuzz_config "${toml[@]}"
# Templates: the first byte picks the escape (0 none, 1 markdown, 2 html).
mkdir -p "$work/seeds/fuzz_template"
i=0
for t in templates/*.mustache tests/e2e/render/*/*.mustache; do
  printf "\\x$(printf %02x $((i % 3)))" | cat - "$t" >"$work/seeds/fuzz_template/$(basename "$t").$i"
  i=$((i + 1))
done
# Diff: every old/new pair of the diff cases, and the bundled notice against itself.
mkdir -p "$work/seeds/fuzz_diff"
for old in tests/e2e/diff/*/old.yaml tests/e2e/diff-git/*/old.yaml; do
  dir=$(dirname "$old")
  { cat "$old"; printf '\n--- 8< ---\n'; cat "$dir/new.yaml"; } >"$work/seeds/fuzz_diff/$(basename "$dir")"
done
{ cat notice/acom-kenpo.yaml; printf '\n--- 8< ---\n'; cat notice/acom-kenpo.yaml; } >"$work/seeds/fuzz_diff/bundled"
# The readers of published notices. HTML: the corpus and the society page. DOCX: the first byte
# picks whether the rest is word/document.xml (odd) or the package itself (even). Text: the first
# byte picks the format (0 from the content, 1 text, 2 Markdown), seeded with the published texts
# in UTF-8 and re-encoded as CP932, EUC-JP, ISO-2022-JP and UTF-16LE with a BOM.
seed fuzz_html tests/fuzz/corpus-html/* tests/e2e/check-published/*/*.html
seed fuzz_docx tests/fuzz/corpus-docx/*
for f in tests/e2e/check-published/*/*.docx; do
  printf '\x00' | cat - "$f" >"$work/seeds/fuzz_docx/$(echo "$f" | tr '/' '_')"
done
mkdir -p "$work/seeds/fuzz_text"
i=0
for t in tests/data/seed-acom-2021-10-29.txt tests/data/real/*/source.txt tests/e2e/check-published/*/page.txt \
  docs/check-published.md; do
  name=$(echo "$t" | tr '/' '_')
  printf "\x$(printf %02x $((i % 3)))" | cat - "$t" >"$work/seeds/fuzz_text/$name"
  for enc in CP932 EUC-JP ISO-2022-JP; do
    { printf '\x00'; iconv -f UTF-8 -t "$enc" "$t" 2>/dev/null; } >"$work/seeds/fuzz_text/$name.$enc" || true
  done
  { printf '\x01\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$t" 2>/dev/null; } >"$work/seeds/fuzz_text/$name.utf16" || true
  i=$((i + 1))
done

status=0
summary=()
for target in "${targets[@]}"; do
  corpus="$work/corpus/$target"
  mkdir -p "$corpus"
  log="$work/$target.log"
  echo "== $target: ${seconds} s" >&2
  # -rss_limit_mb: the house rule is bounded memory; -timeout: no input may take 30 s.
  if ! "$work/tests/fuzz/$target" "$corpus" "$work/seeds/$target" -max_total_time="$seconds" \
    -max_len=262144 -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$work/findings/$target-" >"$log" 2>&1; then
    echo "$target: FAILED, see $log and $work/findings/" >&2
    status=1
  fi
  summary+=("$target: $(grep -E '^#[0-9]+' "$log" | tail -1)")
  summary+=("  $(grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$log" | tr '\n' ' ')")
done
printf '%s\n' "${summary[@]}"
exit $status
