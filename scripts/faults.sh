#!/usr/bin/env bash
# The long fault-injection run (docs/robustness.md): `coe comment`, `coe approve` and `coe status`
# killed with SIGKILL at a random moment, the repository checked right after each kill (git fsck
# --strict, HEAD's COE readable, nothing staged for deletion, no stray file, the text committed or
# saved) and again after `coe recover` (nothing staged or changed, no lock, the text in exactly one place).
#
# The harness is the suite's own (Tests/COEWorkflowTests/FaultHarness.swift), run longer.
#
# Usage: scripts/faults.sh [runs] [seed] [max-delay-ms]
#   runs          default 300
#   seed          default random; a run repeats from its seed (timing aside)
#   max-delay-ms  the kill comes at a uniform random delay in 0..max after the start, default 300
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-300}
# The fault repository names 1,500 approvers for its approvals (rule P3: only listed reviewers approve).
if [ "$runs" -gt 1500 ]; then echo "scripts/faults.sh: at most 1500 runs at a time" >&2; exit 2; fi
seed=${2:-$(( (RANDOM << 15) | RANDOM ))}
delay=${3:-300}
report=$(mktemp -t coe-faults-report.XXXXXX)
log=$(mktemp -t coe-faults-log.XXXXXX)
trap 'rm -f "$report"' EXIT

swift build --build-tests >/dev/null
echo "fault run: $runs runs, seed $seed, kills at 0-$delay ms (test output in $log)"
status=0
COE_FAULT_RUNS=$runs COE_FAULT_SEED=$seed COE_FAULT_MAX_DELAY_MS=$delay COE_FAULT_REPORT=$report \
    swift test --skip-build --filter 'FaultTests/randomKillsLoseNoTextAndBreakNothing' >"$log" 2>&1 || status=$?
if [[ -s $report ]]; then cat "$report"; else tail -40 "$log"; fi
exit $status
