#!/usr/bin/env bash
# Times `coe lint` on a generated repository of N COEs (default 1,000) with hyperfine, each group twice
# (the machine is shared and noisy), with `uptime` before each; read the ratios within a run.
#   scripts/bench/lint.sh [N]
# Targets (issue 19): all N COEs in under 0.6 s wall cold on 2 cores; with the findings cache
# (<git dir>/coe/lint-cache), under 100 ms when nothing changed and under 50 ms plus the changed COE's
# cost when one COE changed; one COE of the N under 30 ms whole-process time. Installs hyperfine from
# Debian when it is missing.
# The repository's COEs are all copies of one example, so every root cause repeats: rule W7's worst case.
# A second repository (generate-coes.py --varied-causes: causes written anew, one in twenty a repeat) is
# the realistic case; both are timed cold. BEFORE=<an earlier coe> times that build in the same runs.
#   BEFORE=/tmp/coe-main-8cacb74 scripts/bench/lint.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
. scripts/bench/prepare.sh
coes_repository "$count"
one=$(cd "$repo/coes" && set -- */ && echo "${1%/}")
varied="${TMPDIR:-/tmp}/coe-bench-$count-varied"
[ -d "$varied/.git" ] || python3 scripts/bench/generate-coes.py "$varied" "$count" --varied-causes
run_twice() { for round in 1 2; do echo "-- round $round; load: $(uptime | sed 's/.*load average: //')"; hyperfine "$@"; done; }
echo "coe: $coe${BEFORE:+; before: $BEFORE}"

# Every run below is in a copy: the generated repositories are shared, lint writes the search index in the
# git directory, and the index records the build that wrote it (two builds in one copy rebuild it in turn).
scratch="${TMPDIR:-/tmp}/coe-bench-$count-lint.$$"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"
echo "== cold (--no-cache): every root cause a repeat ($repo), and varied root causes ($varied)"
cold=()
for build in ${BEFORE:+"$BEFORE"} "$coe"; do
  name=$([ "$build" = "$coe" ] && echo "" || echo "before: ")
  side=$([ "$build" = "$coe" ] && echo after || echo before)
  for r in "$repo" "$varied"; do
    cp -a "$r" "$scratch/$side-$(basename "$r")"
    "$build" lint --repo "$scratch/$side-$(basename "$r")" --no-cache --today 2026-11-22 >/dev/null || true   # the search index, history's names
    cold+=(-n "${name}lint all, $(basename "$r"), --no-cache" "$build lint --repo $scratch/$side-$(basename "$r") --no-cache --today 2026-11-22")
  done
  cold+=(-n "${name}lint one COE, W7 on, --no-cache" "$build lint --repo $scratch/$side-$(basename "$repo") $one --no-cache --today 2026-11-22")
done
run_twice -N -i --warmup 1 --runs 5 "${cold[@]}"
rm -rf "$scratch"/*

echo "repository: $repo ($count COEs, $(git -C "$repo" rev-list --count HEAD) commits)"

# The cache's cases run in a copy: the generated repository is shared, and one case edits a COE.
copy="${TMPDIR:-/tmp}/coe-bench-$count-lint-cache.$$"
trap 'rm -rf "$copy" "$scratch"' EXIT
cp -a "$repo" "$copy"
cd "$copy"
rm -f .git/coe/lint-cache
"$coe" lint --no-cache --today 2026-11-22 >/dev/null || true   # warm the file cache, the search index, history's names
# A copy's files were all changed just now (their change time): a file changed within 2 s of a run is
# linted but not kept. Let them age, then fill the cache.
sleep 2.1
"$coe" lint --today 2026-11-22 >/dev/null || true
edited="coes/$one/analysis.md"
echo "== cold (no cache) against the findings cache"
# "one COE changed": before each run a line is added to one COE's analysis, 2.1 s before the run (so that its
# new record is kept and the cache written, as after an edit in an editor). hyperfine wants one --prepare per
# command: six commands, six preparations.
run_twice -N -i --warmup 2 --runs 10 \
  --prepare "true" --prepare "true" --prepare "sh -c 'echo Edited again. >> $edited; sleep 2.1'" --prepare "true" --prepare "true" --prepare "true" \
  -n "lint all $count COEs, --no-cache" "$coe lint --no-cache --today 2026-11-22" \
  -n "lint all, cache, nothing changed" "$coe lint --today 2026-11-22" \
  -n "lint all, cache, one COE changed" "$coe lint --today 2026-11-22" \
  -n "lint one COE, --no-cache" "$coe lint $one --no-cache --today 2026-11-22" \
  -n "coe --version (process start)" "$coe --version" \
  -n "git status (the floor: it stats every file too)" "git status --porcelain"
/usr/bin/time -f "peak memory, lint all, --no-cache: %M KB" "$coe" lint --no-cache --today 2026-11-22 >/dev/null || true
/usr/bin/time -f "peak memory, lint all, cache: %M KB" "$coe" lint --today 2026-11-22 >/dev/null || true
ls -l .git/coe/lint-cache | awk '{print "findings cache: " $5 " bytes"}'
