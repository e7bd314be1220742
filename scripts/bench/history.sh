#!/usr/bin/env bash
# Times coe's history commands against git itself on a generated repository (default: 1,000 COEs,
# 50,000 commits, with branches and merges), with hyperfine:
#   scripts/bench/history.sh [COES] [COMMITS]
# Issue targets (ratios in the same run, 2 cores):
#   cold `coe log <id>` (no history index yet) <= 1.0x `git log --format=%H -- <dir>` without a commit-graph;
#   warm `coe log <id>` <= 0.2x the same git command after `git commit-graph write --reachable --changed-paths`
#   (warm: the history index and the COE's log summaries kept by an earlier run, here hyperfine's warm-up);
#   `coe audit` <= 0.8x `git log --name-only --format=%H`; peak memory < 200 MB for each.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/bench/prepare.sh
history_repository "$@"
cd "$repo"
index=.git/coe/history-index
cache=.git/coe/log-cache
no_graph() { rm -f .git/objects/info/commit-graph; rm -rf .git/objects/info/commit-graphs; }
no_graph
# The COE touched most often, as a realistic worst case for one COE's history.
id=$(git log --format= --name-only -- coes | cut -d/ -f2 | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
echo "repository: $repo ($(git rev-list --count HEAD) commits, $(ls coes | wc -l) COEs); COE: $id ($(git log --format=%H -- "coes/$id" | wc -l) commits)"
echo "== cold: no history index, no commit-graph"
hyperfine -N -i --warmup 1 --runs 3 --prepare "rm -rf $index $cache" \
  -n "git log -- coes/$id" "git log --format=%H -- coes/$id" \
  -n "coe log $id (cold)" "$coe log $id --format json" \
  -n "git log --name-only" "git log --name-only --format=%H" \
  -n "coe audit (cold)" "$coe audit --format json"
echo "== warm: history index built; git with a commit-graph and changed-path filters"
"$coe" audit --format json >/dev/null || true
git commit-graph write --reachable --changed-paths 2>/dev/null
hyperfine -N -i --warmup 1 --runs 5 \
  -n "git log -- coes/$id (commit-graph)" "git log --format=%H -- coes/$id" \
  -n "coe log $id (warm)" "$coe log $id --format json" \
  -n "git log --name-only (commit-graph)" "git log --name-only --format=%H" \
  -n "coe audit (warm)" "$coe audit --format json"
echo "== index built, no summaries kept yet (the first coe log of this COE after another command built the index)"
hyperfine -N --warmup 1 --runs 5 --prepare "rm -rf $cache" -n "coe log $id (index only)" "$coe log $id --format json"
no_graph
/usr/bin/time -f "peak memory, coe log (warm): %M KB" "$coe" log "$id" --format json >/dev/null
/usr/bin/time -f "peak memory, coe audit (warm): %M KB" "$coe" audit --format json >/dev/null || true
rm -f "$index"
/usr/bin/time -f "peak memory, coe log (cold): %M KB" "$coe" log "$id" --format json >/dev/null
rm -f "$index"
/usr/bin/time -f "peak memory, coe audit (cold): %M KB" "$coe" audit --format json >/dev/null || true
/usr/bin/time -f "peak memory, git log --name-only: %M KB" git log --name-only --format=%H >/dev/null
