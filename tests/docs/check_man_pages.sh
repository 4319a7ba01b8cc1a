#!/usr/bin/env bash
# Every subcommand has a man page docs/<subcommand>.md in man-page form, and every option that
# `notice-audit <subcommand> --help` lists appears in it, so the two cannot drift apart. When the
# pages were built (pandoc), `man` shows every option as typed: two ASCII hyphens (`--format`, not
# the en dash smart typography makes of `--`, which cannot be copied into a shell), and no literal
# asterisks of emphasis that pandoc did not read (FILE[@*DATE*]).
# Usage: check_man_pages.sh path/to/notice-audit path/to/source [path/to/build]
set -euo pipefail
bin="$1"
src="$2"
build="${3:-}"
failed=0
mapfile -t subs < <("$bin" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF { print $1 }')
for sub in "${subs[@]}"; do
  page="$src/docs/$sub.md"
  if [ ! -f "$page" ]; then
    echo "missing man page: docs/$sub.md"; failed=1; continue
  fi
  head -1 "$page" | grep -q "^% NOTICE-AUDIT-${sub^^}(1)" || { echo "docs/$sub.md: no pandoc man title line"; failed=1; }
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
    grep -q "^# $section" "$page" || { echo "docs/$sub.md: no $section section"; failed=1; }
  done
  # Pages may escape dashes for pandoc's man output (\-\-format). (No `tr | grep -q` pipe: under
  # pipefail, grep -q quitting early makes tr fail with SIGPIPE.)
  text=$(tr -d '\\' < "$page")
  options=$("$bin" "$sub" --help | grep -oE '(^|[ ,])--[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u)
  for option in $options; do
    grep -q -- "$option" <<<"$text" || { echo "docs/$sub.md: option $option is not documented"; failed=1; }
  done
  man_page="$build/man1/notice-audit-$sub.1"
  if [ -n "$build" ] && [ -f "$man_page" ]; then
    shown=$(MANWIDTH=300 man --nh --nj -l "$man_page" 2> /dev/null | col -b)
    for option in $options; do
      [ "$option" = --help ] && continue
      grep -q -- "$option" <<<"$shown" || { echo "man notice-audit-$sub: does not show $option as typed"; failed=1; }
    done
    if grep -qE -- '(^|[][ (,|])–[a-z]' <<<"$shown"; then
      echo "man notice-audit-$sub: an en dash stands for --: $(grep -oE -- '(^|[][ (,|])–[a-z-]*' <<<"$shown" | head -3 | tr '\n' ' ')"
      failed=1
    fi
    if grep -qE '\*[A-Z]+\*' <<<"$shown"; then
      echo "man notice-audit-$sub: literal asterisks: $(grep -oE '.{0,10}\*[A-Z]+\*.{0,5}' <<<"$shown" | head -3)"
      failed=1
    fi
    pages=$((${pages:-0} + 1))
  fi
done
if [ -n "$build" ] && [ "${pages:-0}" = 0 ]; then
  echo "no man page was built in $build/man1 (is pandoc installed?)"; failed=1
fi
[ "$failed" = 0 ] && echo "${#subs[@]} man pages document every option"
exit "$failed"
