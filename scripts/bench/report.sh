#!/usr/bin/env bash
# Times `coe actions` and `coe report` against git reading the same files, on the generated repository
# of lint.sh (default: 1,000 COEs, scripts/bench/generate-coes.py), with hyperfine:
#   scripts/bench/report.sh [N]
# Target (issue: coe report): each under 200 ms warm (the history index built by an earlier run, the
# files in the page cache) on 2 cores. The baseline is `git grep` of every COE's status line in the work
# tree: a read of every COE folder. The group runs twice (the machine is shared and noisy); `uptime`
# before each round.
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
. scripts/bench/prepare.sh
coes_repository "$count"
cd "$repo"
# Warm: the history index (coe report reads history as coe audit does), the read cache (files must be older
# than its two-second window to be kept) and the page cache.
sleep 2
"$coe" report --today 2026-11-22 >/dev/null || true
"$coe" actions --today 2026-11-22 >/dev/null || true
echo "coe: $coe"
echo "repository: $repo ($count COEs, $(git rev-list --count HEAD) commits)"
for round in 1 2; do
  echo "-- round $round; load: $(uptime | sed 's/.*load average: //')"
  hyperfine -N -i --warmup 3 --runs 20 \
    -n "git grep ^status: (every COE)" "git grep -h -e ^status: -- coes" \
    -n "coe actions" "$coe actions --today 2026-11-22" \
    -n "coe report" "$coe report --today 2026-11-22" \
    -n "coe report --format markdown" "$coe report --today 2026-11-22 --format markdown"
done
/usr/bin/time -f "peak memory, coe actions: %M KB" "$coe" actions --today 2026-11-22 >/dev/null || true
/usr/bin/time -f "peak memory, coe report: %M KB" "$coe" report --today 2026-11-22 >/dev/null || true
