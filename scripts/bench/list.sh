#!/usr/bin/env bash
# Times `coe list` on the generated repository of lint.sh (default: 1,000 COEs, scripts/bench/generate-coes.py)
# with hyperfine, against git reading the same coe.yaml files:
#   scripts/bench/list.sh [N]
# Target (issue 19): under 30 ms warm (the read cache in <git dir>/coe/read-cache/ kept by an earlier run, the
# files in the page cache), with filters at the same speed. Also timed: a cold listing (no read cache: every
# coe.yaml parsed, and the cache written); `coe actions`, which reads action items through the same cache,
# is report.sh's. The baseline is `git grep` of every coe.yaml's title line. The group runs twice (the machine is
# shared and noisy); `uptime` before each round.
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
. scripts/bench/prepare.sh
coes_repository "$count"
cd "$repo"
# The files must be older than the cache's two-second window to be kept.
sleep 2
"$coe" list >/dev/null || true
team="$(sed -n 's/^team: //p' "$(ls -d coes/*/ | head -1)coe.yaml")"
echo "coe: $coe"
echo "repository: $repo ($count COEs; read cache: $(du -sh .git/coe/read-cache | cut -f1)); filter team: $team"
for round in 1 2; do
  echo "-- round $round; load: $(uptime | sed 's/.*load average: //')"
  hyperfine -N -i --warmup 3 --runs 30 \
    -n "git grep ^title: (every coe.yaml)" "git grep -h -e ^title: -- coes/*/coe.yaml" \
    -n "coe list" "$coe list --today 2026-11-22" \
    -n "coe list --team --since" "$coe list --today 2026-11-22 --team $team --since 2026-03-01"
  hyperfine -N -i --warmup 1 --runs 10 --prepare "rm -rf .git/coe/read-cache" \
    -n "coe list, cold (no read cache)" "$coe list --today 2026-11-22"
done
"$coe" list >/dev/null
/usr/bin/time -f "peak memory, coe list: %M KB" "$coe" list --today 2026-11-22 >/dev/null || true
