#!/usr/bin/env bash
# Times `coe search` and `coe related` on a generated repository of N COEs (default 1,000) with hyperfine,
# against `git grep` of the same words in the same run (the baseline a user would otherwise reach for):
#   scripts/bench/search.sh [N] [COE-BEFORE]
# With COE-BEFORE (an earlier build), that build runs in the same hyperfine runs on a copy of the repository
# (`<repo>-before`: each build keeps an index of its own, as the index records the build that wrote it).
# Issue targets (2 cores): `coe search` under 50 ms warm (index up to date) and under 2 s cold (the index
# built from nothing); `coe related` under 100 ms warm. Each group runs twice (the machine is shared and
# noisy), with `uptime` before each; read the ratios within a run. Prints the index's size. The floor of a warm
# search, in the same run: `git status`, and a C program that only lists and lstats every COE entry (stat-walk.c).
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
before="${2:-}"
. scripts/bench/prepare.sh
coes_repository "$count"
one=$(cd "$repo/coes" && set -- */ && echo "${1%/}")
# The earlier build's commands, on its copy of the repository (none without COE-BEFORE).
old=()
if [ -n "$before" ]; then
  [ -d "$repo-before/.git" ] || cp -a "$repo" "$repo-before"
  rm -f "$repo-before/.git/coe/search-index.sqlite"
  "$before" search pool --repo "$repo-before" >/dev/null
  old=(-n "before: coe search pool" "$before search pool --repo $repo-before"
       -n "before: coe search '\"We rolled\"'" "$before search '\"We rolled\"' --repo $repo-before"
       -n "before: coe search shipping --severity SEV-2" "$before search shipping --severity SEV-2 --repo $repo-before"
       -n "before: coe related $one" "$before related $one --repo $repo-before")
  echo "before: $before"
fi
stat_walk
cd "$repo"
index=.git/coe/search-index.sqlite
run_twice() { for round in 1 2; do echo "-- round $round; load: $(uptime | sed 's/.*load average: //')"; hyperfine "$@"; done; }
echo "coe: $coe"
echo "repository: $repo ($count COEs)"
# The generated COEs are copies of the example: "pool" is in every one of them (the most work a query
# can be given); the phrase "We rolled" in about one in five (a defect the generator plants); the title
# word "shipping" in about one in eight.
"$coe" search pool >/dev/null
echo "== warm: the index up to date"
run_twice -N -i --warmup 3 --runs 20 \
  -n "git grep -l pool" "git grep -l -i -w pool -- coes" \
  -n "coe search pool (every COE)" "$coe search pool" \
  -n "git grep -l 'We rolled'" "git grep -l -i 'We rolled' -- coes" \
  -n "coe search '\"We rolled\"'" "$coe search '\"We rolled\"'" \
  -n "coe search shipping --severity SEV-2" "$coe search shipping --severity SEV-2" \
  -n "coe related $one" "$coe related $one" \
  -n "git status (the floor: it stats every file too)" "git status --porcelain" \
  -n "C: list and lstat every COE entry, 1 thread" "$stat_walk coes 1" \
  -n "C: list and lstat every COE entry, 2 threads" "$stat_walk coes 2" \
  "${old[@]}"
echo "== cold: no index (built from the work tree)"
cold=()
[ -n "$before" ] && cold=(-n "before: coe search pool (cold)" "$before search pool --repo $repo-before")
run_twice -N -i --warmup 1 --runs 3 --prepare "rm -f $index $repo-before/$index" \
  -n "coe search pool (cold)" "$coe search pool" "${cold[@]}"
echo "== one COE edited since the last search (its analysis.md gets a new line before each run)"
edit=$(mktemp)
trap 'rm -f "$edit"; git -C "$repo" checkout -q -- coes' EXIT
printf 'git checkout -q -- "coes/%s/analysis.md"\nprintf "\\nEdited %%s.\\n" "$(date +%%N)" >> "coes/%s/analysis.md"\n' "$one" "$one" > "$edit"
# hyperfine -N runs the preparation without a shell: the edit is a script of its own.
edited=()
if [ -n "$before" ]; then
  # The same edit in the copy, before each run.
  printf 'cd "%s-before"\n' "$repo" >> "$edit"
  printf 'git checkout -q -- "coes/%s/analysis.md"\nprintf "\\nEdited %%s.\\n" "$(date +%%N)" >> "coes/%s/analysis.md"\n' "$one" "$one" >> "$edit"
  edited=(-n "before: coe search pool (one COE edited)" "$before search pool --repo $repo-before")
fi
run_twice -N -i --warmup 1 --runs 10 --prepare "bash $edit" \
  -n "coe search pool (one COE edited)" "$coe search pool" "${edited[@]}"
git checkout -q -- coes
[ -z "$before" ] || git -C "$repo-before" checkout -q -- coes
"$coe" search pool >/dev/null
echo "index: $(du -k "$index" | cut -f1) KB for $count COEs ($(du -sk coes | cut -f1) KB of COE files)"
/usr/bin/time -f "peak memory, coe search pool (warm): %M KB" "$coe" search pool >/dev/null
rm -f "$index"
/usr/bin/time -f "peak memory, coe search pool (cold): %M KB" "$coe" search pool >/dev/null
