#!/usr/bin/env bash
# Runs the command lines of the CI recipes (templates/ci/*.yml, .pre-commit-hooks.yaml) exactly as written,
# against the bundled notice in a temporary git repository where a pull request adds a recipient of
# sensitive data, and checks what each produces.
# Usage: check_recipes.sh path/to/notice-audit path/to/source
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# `notice-audit` on PATH is the build under test.
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/notice-audit"
export PATH="$work/bin:$PATH"

# The `run:` block of the step called $2 in workflow $1 (a literal block or a one-line run).
run_block() {
  awk -v step="$2" '
    $0 == "      - name: " step { in_step = 1; next }
    in_step && /^      - / { exit }
    in_step && /^        run: \|/ { in_run = 1; next }
    in_step && /^        run: / { sub(/^        run: /, ""); print; exit }
    in_run && /^          / { sub(/^          /, ""); print; next }
    in_run { exit }
  ' "$1"
}

# A repository whose main branch has the bundled notice, and a pull request on top of it.
repo="$work/repo"
mkdir -p "$repo/notice"
cp "$src/notice/acom-kenpo.yaml" "$repo/notice/"
cp -r "$src/schemas" "$repo/"
cd "$repo"
git init -q -b main .
git -c user.email=ci@example.invalid -c user.name=ci commit -q --allow-empty -m empty
git add -A
git -c user.email=ci@example.invalid -c user.name=ci commit -q -m "notice as published"
git update-ref refs/remotes/origin/main HEAD
# The pull request: check-up results (要配慮個人情報) to a new recipient, a life insurer.
awk '
  /^  - id: ssk$/ { print "  - id: life-insurer\n    name: 生命保険会社\n    kind: other" }
  /^          - id: medical-expense-notice$/ {
    print "          - id: checkups-to-life-insurer"
    print "            text: 健診結果の生命保険会社への提供"
    print "            flow: provision"
    print "            parties: [life-insurer]"
    print "            data: [checkups]"
  }
  { print }
' "$src/notice/acom-kenpo.yaml" > notice/acom-kenpo.yaml

export GITHUB_BASE_REF=main
export GITHUB_STEP_SUMMARY="$work/summary.md"
workflow="$src/templates/ci/github-workflow.yml"

# GitHub: Validate writes SARIF and passes (the notice has warnings, no errors).
block=$(run_block "$workflow" "Validate")
[ -n "$block" ] || fail "github: no Validate step"
if bash -e -c "$block" > "$work/validate.out" 2>&1; then
  grep -q '"version": "2.1.0"' notice-audit.sarif || fail "github: SARIF is not 2.1.0"
  grep -q '"ruleId": "citation-stale"' notice-audit.sarif || fail "github: SARIF lacks the known finding"
else
  fail "github: Validate failed: $(cat "$work/validate.out")"
fi

# GitHub: annotations.
block=$(run_block "$workflow" "Annotate the pull request")
out=$(bash -e -c "$block") || fail "github: Annotate failed"
grep -q '^::warning file=notice/acom-kenpo.yaml,line=' <<<"$out" || fail "github: no annotations"

# GitHub: the legal-review step fails the pull request that adds a recipient of sensitive data.
block=$(run_block "$workflow" "What the change means (legal review)")
[ -n "$block" ] || fail "github: no legal-review step"
status=0
bash -e -c "$block" > "$work/diff.out" 2>&1 || status=$?
[ "$status" = 1 ] || fail "github: legal-review step exited $status, expected 1: $(cat "$work/diff.out")"
grep -q 'diff/new-recipient' "$GITHUB_STEP_SUMMARY" || fail "github: the summary does not name the new recipient"
grep -q '健診結果の生命保険会社への提供' "$GITHUB_STEP_SUMMARY" || fail "github: the summary lacks the new item"

# GitLab: the script lines produce a JUnit report.
script=$(awk '/^  script:/ { s = 1; next } s && /^    - / { sub(/^    - /, ""); print; next } s { exit }' \
  "$src/templates/ci/gitlab-ci.yml")
[ -n "$script" ] || fail "gitlab: no script"
bash -e -c "$script" > /dev/null || fail "gitlab: script failed"
xmllint --noout notice-audit.junit.xml || fail "gitlab: JUnit report is not XML"
grep -q '<testsuites name="notice-audit"' notice-audit.junit.xml || fail "gitlab: not a JUnit report"

# pre-commit: the hook's entry with the files it matches.
entry=$(sed -n 's/^  entry: //p' "$src/.pre-commit-hooks.yaml")
pattern=$(sed -n 's/^  files: //p' "$src/.pre-commit-hooks.yaml")
files=$(git ls-files --others --cached | grep -E "$pattern")
[ -n "$files" ] || fail "pre-commit: the files pattern matches no notice"
# shellcheck disable=SC2086
$entry $files > /dev/null || fail "pre-commit: $entry failed"

[ "$failed" = 0 ] && echo "the CI recipes run as written: SARIF, annotations, legal review (exit 1), JUnit, pre-commit"
exit "$failed"
