#!/usr/bin/env bash
# Runs the CI recipes (templates/ci/*.yml, .pre-commit-hooks.yaml) as written, every step in order,
# the way the CI server would, and checks what each produces:
#
# - GitHub Actions: the job starts in an empty workspace; `uses: actions/checkout` clones the
#   repository of a pull request that adds a recipient of sensitive data; `run:` steps run in bash
#   with `-eo pipefail` as Actions does; a step after a failed one runs only under `if: always()`;
#   `uses: github/codeql-action/upload-sarif` needs its SARIF file.
# - GitLab CI: a clone of the main branch (GitLab clones before before_script), then before_script
#   and script in one shell; the JUnit report must show no failure on the passing job.
# - pre-commit: the hook's entry on the files it matches.
#
# The repository keeps the package as tools/notice-audit_9.9.9_amd64.deb, a version no recipe may
# name. `apt-get` is a stand-in that installs a .deb by extracting it into a private root (never into
# the system), refuses to install anything without --no-install-recommends, and fails for a .deb that
# is not there. `notice-audit` is on PATH only after a step installed it.
# Usage: check_recipes.sh path/to/notice-audit path/to/source
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# --- tools on PATH: apt-get stand-in; notice-audit only once installed -----------------------------
mkdir -p "$work/bin" "$work/root"
cat > "$work/bin/apt-get" <<EOF
#!/usr/bin/env bash
# apt-get stand-in for check_recipes.sh: logs, checks, and installs .deb files into $work/root.
echo "apt-get \$*" >> "$work/apt.log"
[ "\$1" = update ] && exit 0
[ "\$1" = install ] || { echo "apt-get stand-in: unexpected \$1" >&2; exit 100; }
shift
case " \$* " in *" --no-install-recommends "*) ;; *)
  echo "apt-get stand-in: install without --no-install-recommends pulls pandoc, weasyprint and fonts" >&2; exit 100 ;;
esac
for arg in "\$@"; do
  case "\$arg" in
    *.deb)
      [ -f "\$arg" ] || { echo "E: Unsupported file \$arg given on commandline" >&2; exit 100; }
      dpkg-deb -x "\$arg" "$work/root" || exit 100
      ln -sf "$work/root/usr/bin/notice-audit" "$work/bin/notice-audit" ;;
  esac
done
EOF
chmod +x "$work/bin/apt-get"
path="$work/bin:/usr/bin:/bin"
if PATH="$path" command -v notice-audit > /dev/null; then
  echo "notice-audit is installed in /usr/bin on this machine: the install steps cannot be checked"; exit 1
fi

# --- the package, as CPack would name it ------------------------------------------------------------
pkg="$work/pkg"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin"
cp "$bin" "$pkg/usr/bin/notice-audit"
printf 'Package: notice-audit\nVersion: 9.9.9\nArchitecture: amd64\nMaintainer: test <test@example.invalid>\nDescription: test package\n' \
  > "$pkg/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$work/notice-audit_9.9.9_amd64.deb" > /dev/null

# --- the society's repository: main, and a pull request on top -----------------------------------
origin="$work/origin"
mkdir -p "$origin/notice" "$origin/tools"
cp "$src/notice/acom-kenpo.yaml" "$origin/notice/"
cp -r "$src/schemas" "$origin/"
cp "$work/notice-audit_9.9.9_amd64.deb" "$origin/tools/"
git_commit() { git -c user.email=ci@example.invalid -c user.name=ci commit -q "$@"; }
(
  cd "$origin"
  git init -q -b main .
  git add -A
  git_commit -m "notice as published"
  git checkout -q -b pull-request
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
  git_commit -am "provide check-up results to a life insurer"
  git checkout -q main
)

# --- GitHub Actions ----------------------------------------------------------------------------
workflow="$src/templates/ci/github-workflow.yml"
# Steps as records of fields separated by RS (0x1e; a tab would collapse empty fields in `read`): kind
# (run|uses), if-condition, name (or the action), action, sarif_file, and the run block with its lines
# joined by US (0x1f).
steps=$(awk '
  function flush() {
    if (kind != "") { printf "%s\036%s\036%s\036%s\036%s\036%s\n", kind, cond, (label == "" ? action : label), action, sarif, body }
    kind = ""; cond = ""; label = ""; action = ""; sarif = ""; body = ""; in_run = 0
  }
  in_run && /^          / { body = body (body == "" ? "" : "\037") substr($0, 11); next }
  in_run { in_run = 0 }
  /^      - / { flush(); sub(/^      - /, "        ") }
  /^        name: / { label = substr($0, 15); next }
  /^        uses: / { kind = "uses"; action = substr($0, 15); next }
  /^        if: / { cond = substr($0, 13); next }
  /^        run: \|/ { kind = "run"; in_run = 1; next }
  /^        run: / { kind = "run"; body = substr($0, 14); next }
  /^          sarif_file: / { sarif = substr($0, 23); next }
  /^  [a-z]/ { flush() }
  END { flush() }
' "$workflow")
[ -n "$steps" ] || fail "github: no steps found in $workflow"

ws="$work/github"
mkdir -p "$ws"
export GITHUB_BASE_REF=main
export GITHUB_STEP_SUMMARY="$work/summary.md"
job_failed=0
declare -A status
while IFS=$'\x1e' read -r kind cond label action sarif body; do
  if [ "$job_failed" = 1 ] && [[ "$cond" != *"always()"* ]]; then
    status[$label]=skipped
    continue
  fi
  if [ -n "$cond" ] && [[ "$cond" != *"always()"* ]] && [ "$cond" != "github.event_name == 'pull_request'" ]; then
    fail "github: step $label has a condition this test does not know: $cond"
  fi
  result=0
  if [ "$kind" = uses ]; then
    case "$action" in
      actions/checkout@*)
        # fetch-depth: 0 — the whole history; the pull request's head checked out.
        (git clone -q "$origin" "$ws/repo" && cd "$ws/repo" && git checkout -q pull-request &&
         shopt -s dotglob && mv "$ws/repo"/* "$ws/" && rmdir "$ws/repo") > "$work/step.out" 2>&1 || result=$? ;;
      github/codeql-action/upload-sarif@*)
        { [ -f "$ws/$sarif" ] && grep -q '"version": "2.1.0"' "$ws/$sarif"; } > "$work/step.out" 2>&1 || result=1 ;;
      *) fail "github: unknown action $action"; result=1 ;;
    esac
  else
    (cd "$ws" && PATH="$path" bash --noprofile --norc -eo pipefail -c "${body//$'\x1f'/$'\n'}") \
      > "$work/step.out" 2>&1 || result=$?
  fi
  status[$label]=$result
  if [ "$result" != 0 ]; then
    job_failed=1
    echo "github step \"$label\" exited $result: $(head -c 2000 "$work/step.out")" >> "$work/github.log"
  fi
done <<<"$steps"

for label in "Install git" "actions/checkout@v4" "Install notice-audit" "Validate" "Annotate the pull request" \
             "Upload SARIF"; do
  [ "${status[$label]:-missing}" = 0 ] || fail "github: step \"$label\": ${status[$label]:-missing}"
done
[ "${status[What the change means (legal review)]:-missing}" = 1 ] ||
  fail "github: the legal-review step gave ${status[What the change means (legal review)]:-nothing}, expected exit 1"
[ "$failed" = 0 ] || cat "$work/github.log" 2>/dev/null
grep -q '"ruleId": "citation-stale"' "$ws/notice-audit.sarif" 2>/dev/null || fail "github: SARIF lacks the known finding"
grep -q 'diff/new-recipient' "$GITHUB_STEP_SUMMARY" 2>/dev/null || fail "github: the summary does not name the new recipient"
grep -q '健診結果の生命保険会社への提供' "$GITHUB_STEP_SUMMARY" 2>/dev/null || fail "github: the summary lacks the new item"

# --- GitLab CI -----------------------------------------------------------------------------------
lines() { awk -v key="$1" '$0 == "  " key ":" { s = 1; next } s && /^    - / { sub(/^    - /, ""); print; next } s { exit }' \
  "$src/templates/ci/gitlab-ci.yml"; }
script="$(lines before_script)
$(lines script)"
[ -n "$(lines script)" ] || fail "gitlab: no script"
rm -f "$work/bin/notice-audit"
lab="$work/gitlab"
git clone -q "$origin" "$lab"
(cd "$lab" && PATH="$path" bash --noprofile --norc -eo pipefail -c "$script") > "$work/gitlab.out" 2>&1 ||
  fail "gitlab: the job failed on the published notice (warnings only): $(cat "$work/gitlab.out")"
junit="$lab/notice-audit.junit.xml"
if xmllint --noout "$junit" 2> /dev/null; then
  # The suites carry the counts (the report is streamed, so <testsuites> has none).
  { grep -q '<testsuite name="[^"]*" tests="[1-9][0-9]*" failures="0">' "$junit" && ! grep -q '<failure' "$junit" &&
    ! grep -q 'failures="[1-9]' "$junit"; } ||
    fail "gitlab: the passing job's JUnit report has failures: $(head -3 "$junit")"
  grep -q '<system-out>.*warning: .*\[citation-stale\]</system-out>' "$junit" ||
    fail "gitlab: the warnings are not listed as passed test cases with their message"
else
  fail "gitlab: no JUnit report"
fi

# --- pre-commit ----------------------------------------------------------------------------------
entry=$(sed -n 's/^  entry: //p' "$src/.pre-commit-hooks.yaml")
pattern=$(sed -n 's/^  files: //p' "$src/.pre-commit-hooks.yaml")
files=$(cd "$lab" && git ls-files | grep -E "$pattern")
[ -n "$files" ] || fail "pre-commit: the files pattern matches no notice"
# shellcheck disable=SC2086
(cd "$lab" && PATH="$path" $entry $files > /dev/null) || fail "pre-commit: $entry failed"

[ "$failed" = 0 ] && echo "the CI recipes run as written, in order: install after checkout from tools/*.deb without" \
  "Recommends, SARIF, annotations, legal review (exit 1), JUnit without failures on a passing job, pre-commit"
exit "$failed"
