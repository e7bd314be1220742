#!/usr/bin/env bash
# Times coe's history commands against git itself on a generated repository (default: 1,000 COEs,
# 50,000 commits, with branches and merges), with hyperfine:
#   scripts/bench/history.sh [COES] [COMMITS]
# Issue targets (ratios in the same run): cold `coe log <id>` <= 1.0x `git log --format=%H -- <dir>`
# without a commit-graph; `coe audit` <= 0.8x `git log --name-only --format=%H`; peak memory < 200 MB.
set -euo pipefail
cd "$(dirname "$0")/../.."
coes="${1:-1000}"
commits="${2:-50000}"
. scripts/bench/prepare.sh
repo="${TMPDIR:-/tmp}/coe-history-$coes-$commits"
if [ ! -d "$repo/.git" ]; then
  python3 scripts/bench/generate-history.py "$repo" "$coes" "$commits"
  git -C "$repo" repack -adq
fi
cd "$repo"
rm -f .git/objects/info/commit-graph
rm -rf .git/objects/info/commit-graphs
# The COE touched most often, as a realistic worst case for one COE's history.
id=$(git log --format= --name-only -- coes | cut -d/ -f2 | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
echo "repository: $repo ($(git rev-list --count HEAD) commits, $(ls coes | wc -l) COEs); COE: $id ($(git log --format=%H -- "coes/$id" | wc -l) commits)"
hyperfine -N -i --warmup 1 --runs 3 \
  -n "git log -- coes/$id" "git log --format=%H -- coes/$id" \
  -n "coe log $id --format json" "$coe log $id --format json" \
  -n "git log --name-only" "git log --name-only --format=%H" \
  -n "coe audit --format json" "$coe audit --format json"
/usr/bin/time -f "peak memory, coe log: %M KB" "$coe" log "$id" --format json >/dev/null
/usr/bin/time -f "peak memory, coe audit: %M KB" "$coe" audit --format json >/dev/null || true
