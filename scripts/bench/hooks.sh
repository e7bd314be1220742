#!/usr/bin/env bash
# Times coe's git hooks against git itself on the generated repository of history.sh (default:
# 1,000 COEs, 50,000 commits), with hyperfine:
#   scripts/bench/hooks.sh [COES] [COMMITS]
# Issue targets (2 cores): pre-commit with one staged COE under 50 ms median (whole process);
# pre-commit with no COE staged at most 3x `git diff --cached --name-only`; pre-push of 100 new
# commits under 200 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/bench/prepare.sh
history_repository "$@"
cd "$repo"
git reset -q --hard
# A warm history index, as a repository in daily use has (pre-push reads COE histories through it).
"$coe" audit --format json >/dev/null || true
id=$(ls coes | sed -n 1p)  # (head would end ls with SIGPIPE under pipefail)
input=$(mktemp)
trap 'git reset -q --hard; rm -f "$input" README.bench' EXIT

echo "== pre-commit, no COE staged"
echo "bench" > README.bench && git add README.bench
hyperfine -N --warmup 5 --runs 50 \
  -n "git diff --cached --name-only" "git diff --cached --name-only" \
  -n "coe hook pre-commit (no COE staged)" "$coe hook pre-commit"

echo "== pre-commit, one COE staged"
git reset -q && rm -f README.bench
echo "One more sentence." >> "coes/$id/summary.md" && git add "coes/$id/summary.md"
hyperfine -N -i --warmup 3 --runs 30 -n "coe hook pre-commit (one COE staged)" "$coe hook pre-commit"
git reset -q --hard

echo "== pre-push, 100 new commits"
printf 'refs/heads/main %s refs/heads/main %s\n' "$(git rev-parse HEAD)" "$(git rev-parse HEAD~100)" > "$input"
# pre-push reads every file the commits add (secrets, B6) as git log -p reads their diffs.
for round in 1 2; do
  echo "-- round $round; load: $(uptime | sed 's/.*load average: //')"
  hyperfine -i --warmup 2 --runs 10 -n "coe hook pre-push (100 commits)" "$coe hook pre-push origin /dev/null < $input" \
    -n "git log -p (the same 100 commits)" "git log -p --format= HEAD~100..HEAD > /dev/null"
done
/usr/bin/time -f "peak memory, pre-push of 100 commits: %M KB" "$coe" hook pre-push origin /dev/null < "$input" || true
