#!/usr/bin/env bash
# Checks that the generated shell completions offer every subcommand and every option that
# `notice-audit --help` lists, and the ids of the notice on the command line after --party,
# --purpose and --data. Usage: check_completion.sh path/to/notice-audit path/to/source
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src="$2"
failed=0
# The script calls `notice-audit complete-ids` as the shell would find it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$bin" "$work/notice-audit"
export PATH="$work:$PATH"

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
# Ids of the notice on the line, not file names: graph FILE --party <TAB>.
notice="$src/notice/acom-kenpo.yaml"
parties=$(complete_words graph "$notice" --party "")
for id in employer ssk kokuho-chuokai; do
  grep -qx "$id" <<<"$parties" || { echo "bash: graph FILE --party does not offer $id: $parties"; failed=1; }
done
grep -q '\.yaml' <<<"$parties" && { echo "bash: graph FILE --party offers file names"; failed=1; }
grep -qx "employer" <<<"$(complete_words graph "$notice@2021-09-01" --party "em")" ||
  { echo "bash: graph FILE@DATE --party em does not offer employer"; failed=1; }
grep -qx "online-eligibility" <<<"$(complete_words graph "$notice" --purpose "")" ||
  { echo "bash: --purpose does not offer category ids"; failed=1; }
grep -qx "checkups" <<<"$(complete_words graph --diff "$notice" --data "")" ||
  { echo "bash: --data does not offer data ids"; failed=1; }
grep -q "complete-ids party" <<<"$zsh_script" || { echo "zsh: --party does not offer the notice's ids"; failed=1; }
# The script says what loads it.
grep -q "bash-completion" <<<"$("$bin" completion bash)" || { echo "bash: the script does not name bash-completion"; failed=1; }
[ "$failed" = 0 ] && echo "completions cover ${#subs[@]} subcommands, their options and the notice's ids"
exit "$failed"
