#!/usr/bin/env bash
# Times coe's history commands against git itself on a generated repository (default: 1,000 COEs,
# 50,000 commits, with branches and merges), with hyperfine, and prints each one's cost per commit and
# peak memory at several lengths of the same history:
#   scripts/bench/history.sh [COES] [COMMITS] [LENGTHS]
# LENGTHS (default "10000 50000", plus the whole history) are numbers of commits: each is measured
# at the commit of the history with that many commits before it (--rev), cold.
# Issue targets (ratios in the same run, 2 cores):
#   cold `coe log <id>` (no history index yet) <= 0.9x `git log --format=%H -- <dir>` without a commit-graph;
#   warm `coe log <id>` <= 0.2x the same git command after `git commit-graph write --reachable --changed-paths`
#   (warm: the history index and the COE's log summaries kept by an earlier run, here hyperfine's warm-up);
#   cold `coe audit` <= 0.7x `git log --name-only --format=%H`; both linear in the number of commits
#   (the same microseconds per commit at every length); peak memory < 200 MB for each, at 150,000 commits.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/bench/prepare.sh
lengths="${3:-10000 50000}"
history_repository "$@"
cd "$repo"
index=.git/coe/history-index
cache=.git/coe/log-cache
no_graph() { rm -f .git/objects/info/commit-graph; rm -rf .git/objects/info/commit-graphs; }
cold() { rm -rf "$index" "$cache"; }
no_graph
total=$(git rev-list --count HEAD)
# The COE touched most often, as a realistic worst case for one COE's history.
id=$(git log --format= --name-only -- coes | cut -d/ -f2 | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
echo "repository: $repo ($total commits, $(ls coes | wc -l) COEs); COE: $id ($(git log --format=%H -- "coes/$id" | wc -l) commits)"
echo "load: $(uptime | sed 's/.*load average: //'); $(date -u '+%Y-%m-%d %H:%M UTC')"
for round in 1 2; do
  echo "== cold: no history index, no commit-graph (round $round; load: $(uptime | sed 's/.*load average: //'))"
  hyperfine -N -i --warmup 1 --runs 3 --prepare "rm -rf $index $cache" \
    -n "git log -- coes/$id" "git log --format=%H -- coes/$id" \
    -n "coe log $id (cold)" "$coe log $id --format json" \
    -n "git log --name-only" "git log --name-only --format=%H" \
    -n "coe audit (cold)" "$coe audit --format json"
done
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

# One run of a command: "<seconds> <peak KB>" (exit status ignored: the audit exits 1 on findings).
measure() {
  local out
  out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$out"
  rm -f "$out"
}
# A line of the table: what, commits, then the best of two runs' seconds and the larger peak.
row() {
  local what="$1" commits="$2" prepare="$3"
  shift 3
  local a b
  eval "$prepare"; a=$(measure "$@")
  eval "$prepare"; b=$(measure "$@")
  awk -v what="$what" -v n="$commits" -v a="$a" -v b="$b" 'BEGIN {
    split(a, x, " "); split(b, y, " "); t = x[1] < y[1] ? x[1] : y[1]; m = x[2] > y[2] ? x[2] : y[2]
    printf "%-34s %8d commits %8.2f s %7.1f us/commit %6.0f MB\n", what, n, t, t * 1e6 / n, m / 1024 }'
}
echo "== cost per commit and peak memory (best of two runs; load: $(uptime | sed 's/.*load average: //'))"
for length in $lengths $total; do
  [ "$length" -le "$total" ] || continue
  # The commit with `length` commits before it, oldest first.
  rev=$(git rev-list --reverse --topo-order HEAD | sed -n "${length}p")
  n=$(git rev-list --count "$rev")
  row "git log -- coes/$id" "$n" "" git log --format=%H "$rev" -- "coes/$id"
  row "coe log $id (cold)" "$n" cold "$coe" log "$id" --rev "$rev" --format json
  row "coe log $id (warm)" "$n" "" "$coe" log "$id" --rev "$rev" --format json
  row "git log --name-only" "$n" "" git log --name-only --format=%H "$rev"
  row "coe audit (cold)" "$n" cold "$coe" audit --rev "$rev" --format json
  row "coe audit (warm)" "$n" "" "$coe" audit --rev "$rev" --format json
  row "coe audit, text (warm)" "$n" "" "$coe" audit --rev "$rev"
  row "coe blame $id (warm)" "$n" "" "$coe" blame "$id" --rev "$rev"
done
