#!/usr/bin/env bash
# The scale benchmark: every history command once, cold and warm, on a generated repository of
# 10,000 COEs and 500,000 commits (generate-history.py; made once in /tmp and kept, never committed),
# with its time, cost per commit and peak memory, next to the git commands that read as much:
#   scripts/bench/scale.sh [COES] [COMMITS]
# Issue target: the whole run (without generating the repository) under 30 minutes on 2 cores; peak
# memory of each command printed (the issue's 200 MB is for 150,000 commits: history.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/bench/prepare.sh
coes="${1:-10000}" commits="${2:-500000}"
repo="${TMPDIR:-/tmp}/coe-history-$coes-$commits"
if [ ! -d "$repo/.git" ]; then
  # generate-history.py writes the pack itself, each coes/ tree a delta of the one before (whole every
  # 50 versions, as fast-import would); no repack: `git repack -adf` of half a million 480 KB trees
  # takes longer than everything below.
  /usr/bin/time -f "generated in %e s (peak %M KB)" python3 scripts/bench/generate-history.py "$repo" "$coes" "$commits"
fi
cd "$repo"
index=.git/coe/history-index
cache=.git/coe/log-cache
rm -f .git/objects/info/commit-graph; rm -rf .git/objects/info/commit-graphs
total=$(git rev-list --count HEAD)
# The COE the last commit changed (the most changed one needs a pass over all history to find).
id=$(git log -1 --format= --name-only -- coes | cut -d/ -f2 | sed -n 1p)
echo "repository: $repo ($total commits, $(ls coes | wc -l) COEs, $(du -sh .git | cut -f1)); COE: $id"
echo "load: $(uptime | sed 's/.*load average: //'); $(date -u '+%Y-%m-%d %H:%M UTC')"
start=$SECONDS
run() {
  local what="$1"
  shift
  local out
  out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>&1 || true
  # The last line: time writes "Command exited with non-zero status 1" first for the audit's findings.
  tail -n 1 "$out" | awk -v what="$what" -v n="$total" '{ printf "%-30s %8.1f s %7.1f us/commit %6.0f MB\n", what, $1, $1 * 1e6 / n, $2 / 1024 }'
  rm -f "$out"
}
rm -rf "$index" "$cache"
run "git log -- coes/<id>" git log --format=%H -- "coes/$id"
run "coe log <id> (cold)" "$coe" log "$id" --format json
run "coe log <id> (warm)" "$coe" log "$id" --format json
run "coe blame <id> (warm)" "$coe" blame "$id"
run "git log --name-only" git log --name-only --format=%H
rm -rf "$index" "$cache"
run "coe audit (cold)" "$coe" audit --format json
run "coe audit (warm)" "$coe" audit --format json
run "coe audit, text (warm)" "$coe" audit
echo "whole run: $((SECONDS - start)) s; load: $(uptime | sed 's/.*load average: //')"
