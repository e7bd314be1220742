#!/usr/bin/env bash
# Times `coe site` on the generated repository of lint.sh (default: 1,000 COEs, all closed, so 1,000 pages;
# scripts/bench/generate-coes.py), cloned so that the benchmark can commit to it, with hyperfine:
#   scripts/bench/site.sh [N]
# Targets (issue 17): a cold build (no site, no manifest) under 10 s; a build after one COE changed and was
# committed under 1 s, on 2 cores. Baselines: `git archive` of the COE root unpacked (every file of the commit
# taken out once, what any cold build must at least read) and `git diff-tree` of the last commit (what
# finding the one change costs git). Each group runs twice (the machine is shared and noisy); `uptime`
# before each round.
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
. scripts/bench/prepare.sh
source="${TMPDIR:-/tmp}/coe-bench-$count"
[ -d "$source/.git" ] || python3 scripts/bench/generate-coes.py "$source" "$count"
repo="${TMPDIR:-/tmp}/coe-site-bench-$count"
rm -rf "$repo"
git clone -q "$source" "$repo"
cd "$repo"
git config user.name "Bench Mark"
git config user.email "bench@example.com"
folders=(coes/*)
first="${folders[0]##*/}"
# Each run of the "one COE changed" group first commits a change to one COE's summary (hyperfine --prepare).
cat > change-one.sh <<SCRIPT
#!/usr/bin/env bash
set -e
cd "$repo"
echo "Changed at \$(date +%s%N)." >> "coes/$first/summary.md"
git commit -q -am "Change one COE"
SCRIPT
chmod +x change-one.sh
echo "coe: $coe"
echo "repository: $repo ($count COEs, ${#folders[@]} folders, $(git rev-list --count HEAD) commits)"
"$coe" site out --today 2026-11-22
for round in 1 2; do
  echo "-- round $round; load: $(uptime | sed 's/.*load average: //')"
  hyperfine -N -i --warmup 1 --runs 5 \
    --prepare "rm -rf $repo/out $repo/archive $repo/.git/coe" \
    -n "git archive of coes/, unpacked (cold baseline)" "bash -c 'mkdir -p $repo/archive && git -C $repo archive HEAD coes | tar -x -C $repo/archive'" \
    -n "coe site, cold" "$coe site $repo/out --today 2026-11-22 --repo $repo"
  "$coe" site out --today 2026-11-22 >/dev/null
  hyperfine -N -i --warmup 1 --runs 10 \
    --prepare "$repo/change-one.sh" \
    -n "git diff-tree of the change (baseline)" "git -C $repo diff-tree -r --name-only HEAD~1 HEAD" \
    -n "coe site, one COE changed and committed" "$coe site $repo/out --today 2026-11-22 --repo $repo"
  hyperfine -N -i --warmup 2 --runs 10 \
    -n "coe site, nothing changed" "$coe site $repo/out --today 2026-11-22 --repo $repo" \
    -n "coe site --no-report, nothing changed" "$coe site $repo/out --today 2026-11-22 --repo $repo --no-report"
done
/usr/bin/time -f "peak memory, coe site cold: %M KB" bash -c "rm -rf $repo/out $repo/.git/coe && $coe site $repo/out --today 2026-11-22 --repo $repo >/dev/null"
du -sh out
