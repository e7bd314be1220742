#!/usr/bin/env bash
# Compares two builds of coe on the benchmark repositories, both in the same hyperfine run so that
# the machine's load falls on both alike; each group runs twice (the machine is shared and noisy).
#   scripts/bench/compare.sh <coe before> [<coe after>]
# The second binary defaults to this checkout's release build. Groups: lint of 1,000 COEs and of one;
# the pre-commit hook with none and with one COE staged; pre-push of 100 commits; warm log and audit.
# Prints `uptime` before each group; read the ratios within a run, not the times across runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
before="${1:?usage: scripts/bench/compare.sh <coe before> [<coe after>]}"
. scripts/bench/prepare.sh
after="${2:-$coe}"
coes_repository 1000
lint_repo="$repo"
history_repository
one=$(cd "$lint_repo/coes" && set -- */ && echo "${1%/}")

run_twice() { for round in 1 2; do echo "-- round $round; load: $(uptime | sed 's/.*load average: //')"; hyperfine "$@"; done; }

echo "before: $before"
echo "after:  $after"
echo "== lint ($lint_repo)"
cd "$lint_repo"
# Lint's findings cache (from issue 19) is left out: each build lints every COE, as the other did.
nocache() { "$1" lint --help | grep -q -- --no-cache && echo " --no-cache" || true; }
before_lint="$before lint$(nocache "$before")"
after_lint="$after lint$(nocache "$after")"
$before_lint --today 2026-11-22 >/dev/null || true
$after_lint --today 2026-11-22 >/dev/null || true
run_twice -N -i --warmup 2 --runs 10 \
  -n "before: lint all" "$before_lint --today 2026-11-22" \
  -n "after: lint all" "$after_lint --today 2026-11-22" \
  -n "before: lint one" "$before_lint $one --today 2026-11-22" \
  -n "after: lint one" "$after_lint $one --today 2026-11-22"

echo "== hooks ($repo)"
cd "$repo"
git reset -q --hard
"$before" audit --format json >/dev/null || true
"$after" audit --format json >/dev/null || true
id=$(ls coes | sed -n 1p)
input=$(mktemp)
trap 'git -C "$repo" reset -q --hard; rm -f "$input" "$repo/README.bench"' EXIT
echo "bench" > README.bench && git add README.bench
run_twice -N --warmup 5 --runs 40 \
  -n "git diff --cached --name-only" "git diff --cached --name-only" \
  -n "before: pre-commit, none staged" "$before hook pre-commit" \
  -n "after: pre-commit, none staged" "$after hook pre-commit"
git reset -q && rm -f README.bench
echo "One more sentence." >> "coes/$id/summary.md" && git add "coes/$id/summary.md"
run_twice -N -i --warmup 3 --runs 20 \
  -n "before: pre-commit, one staged" "$before hook pre-commit" \
  -n "after: pre-commit, one staged" "$after hook pre-commit"
git reset -q --hard
printf 'refs/heads/main %s refs/heads/main %s\n' "$(git rev-parse HEAD)" "$(git rev-parse HEAD~100)" > "$input"
run_twice -i --warmup 2 --runs 10 \
  -n "before: pre-push, 100 commits" "$before hook pre-push origin /dev/null < $input" \
  -n "after: pre-push, 100 commits" "$after hook pre-push origin /dev/null < $input"

echo "== history, warm ($repo)"
hid=$(git log --format= --name-only -- coes | cut -d/ -f2 | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
run_twice -N -i --warmup 1 --runs 5 \
  -n "before: log (warm)" "$before log $hid --format json" \
  -n "after: log (warm)" "$after log $hid --format json" \
  -n "before: audit (warm)" "$before audit --format json" \
  -n "after: audit (warm)" "$after audit --format json"
