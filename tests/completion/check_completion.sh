#!/usr/bin/env bash
# Checks that the generated shell completions offer every subcommand and every option that
# `notice-audit --help` lists. Usage: check_completion.sh path/to/notice-audit
set -euo pipefail
bin="$1"
failed=0

# Subcommands as --help lists them.
mapfile -t subs < <("$bin" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF { print $1 }')
[ "${#subs[@]}" -gt 0 ] || { echo "no subcommands found in --help"; exit 1; }

# bash: run the completion function as bash would.
source <("$bin" completion bash)
complete_words() { # words... ; the last one is the word being completed
  COMP_WORDS=("notice-audit" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _notice_audit
  printf '%s\n' "${COMPREPLY[@]}"
}
top=$(complete_words "")
zsh_script=$("$bin" completion zsh)
for sub in "${subs[@]}"; do
  grep -qx "$sub" <<<"$top" || { echo "bash: subcommand $sub not offered"; failed=1; }
  grep -q "^    '$sub:" <<<"$zsh_script" || { echo "zsh: subcommand $sub not offered"; failed=1; }
  options=$("$bin" "$sub" --help | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u)
  offered=$(complete_words "$sub" "-")
  for option in $options; do
    grep -qx -- "$option" <<<"$offered" || { echo "bash: $sub $option not offered"; failed=1; }
    grep -q -- "'$option\[" <<<"$zsh_script" || { echo "zsh: $sub $option not offered"; failed=1; }
  done
done
# Values of an option with fixed choices.
grep -qx "sarif" <<<"$(complete_words validate --format "")" || { echo "bash: validate --format values"; failed=1; }
[ "$failed" = 0 ] && echo "completions cover ${#subs[@]} subcommands and their options"
exit "$failed"
