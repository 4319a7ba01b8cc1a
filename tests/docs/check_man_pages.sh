#!/usr/bin/env bash
# Every subcommand has a man page docs/<subcommand>.md in man-page form, and every option that
# `notice-audit <subcommand> --help` lists appears in it, so the two cannot drift apart.
# Usage: check_man_pages.sh path/to/notice-audit path/to/source
set -euo pipefail
bin="$1"
src="$2"
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
  for option in $("$bin" "$sub" --help | grep -oE '(^|[ ,])--[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u); do
    grep -q -- "$option" <<<"$text" || { echo "docs/$sub.md: option $option is not documented"; failed=1; }
  done
done
[ "$failed" = 0 ] && echo "${#subs[@]} man pages document every option"
exit "$failed"
