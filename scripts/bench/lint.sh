#!/usr/bin/env bash
# Times `coe lint` on a generated repository of N COEs (default 1,000) with hyperfine.
#   scripts/bench/lint.sh [N]
# Targets (issue: coe lint): all N COEs in under 1 s wall time on 2 cores; one COE of the N
# under 30 ms whole-process time. Installs hyperfine from Debian when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
. scripts/bench/prepare.sh
coes_repository "$count"
one=$(cd "$repo/coes" && set -- */ && echo "${1%/}")
cd "$repo"
"$coe" lint --today 2026-11-22 >/dev/null || true   # warm the file cache and the history-names cache
echo "coe: $coe"
echo "repository: $repo ($count COEs, $(git rev-list --count HEAD) commits)"
hyperfine -N -i --warmup 2 --runs 10 \
  -n "lint all $count COEs" "$coe lint --today 2026-11-22" \
  -n "lint one COE" "$coe lint $one --today 2026-11-22" \
  -n "coe --version (process start)" "$coe --version"
/usr/bin/time -f "peak memory, lint all: %M KB" "$coe" lint --today 2026-11-22 >/dev/null || true
