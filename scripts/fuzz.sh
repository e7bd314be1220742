#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ with the toolchain's -sanitize=fuzzer,address and runs each one
# for a fixed time; prints executions, executions per second and crashes per target (docs/robustness.md).
#
#   scripts/fuzz.sh [SECONDS=60] [TARGET...]        # all targets when none is named
#   FUZZ_JOBS=2 scripts/fuzz.sh 600                 # two targets at a time (each fuzzer uses one core)
#
# Targets: metadata timeline whys action lessons graph review configuration markdown statusline coe.
# Each is one parser (coe, the last, is a whole COE folder read and linted), compiled against the
# COEFormat sources (and COEProcess's and COELint's, without its libgit2 session) and libyaml (pkg-config yaml-0.1).
# Corpora are seeded from docs/examples and Fuzz/Seeds, and kept in .build/fuzz/corpus between runs;
# Fuzz/coe.dict gives the fuzzer the files' keys and YAML's tokens to splice in.
# an input that crashes, leaks, times out (10 s) or runs out of memory (2 GB) is saved in
# .build/fuzz/crashes/ and the script exits 1. Rerun one with:
#   LSAN_OPTIONS=suppressions=$PWD/Fuzz/lsan.supp COE_FUZZ_EXAMPLE=$PWD/docs/examples/2026-10-14-k7qm3xv9dh \
#     .build/fuzz/<target> <file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
all=(metadata timeline whys action lessons graph review configuration markdown statusline coe)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi
jobs="${FUZZ_JOBS:-1}"
build=.build/fuzz
example=docs/examples/2026-10-14-k7qm3xv9dh
mkdir -p "$build/corpus" "$build/crashes" "$build/logs"

command -v swiftc >/dev/null || { echo "fuzz: swiftc is not on the PATH" >&2; exit 2; }
pkg-config --exists yaml-0.1 || { echo "fuzz: libyaml is missing (scripts/setup.sh installs it)" >&2; exit 2; }

# -O: the fuzzer runs the code as it ships (bounds and overflow checks stay on); -g: crash reports name lines.
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6
       -Xcc "-fmodule-map-file=$PWD/Sources/CYAML/module.modulemap" -I "$PWD/$build")
for include in $(pkg-config --cflags-only-I yaml-0.1); do flags+=(-Xcc "$include"); done
libs=($(pkg-config --libs yaml-0.1))

# Rebuilds a library when one of its sources is newer than it.
library() {
  local name="$1"; shift
  local out="$build/lib$name.a"
  if [ -f "$out" ] && [ -z "$(find "$@" -newer "$out" -print -quit)" ]; then return; fi
  echo "fuzz: building $name" >&2
  swiftc "${flags[@]}" -emit-library -static -module-name "$name" -emit-module -emit-module-path "$build/$name.swiftmodule" \
    "$@" -o "$out"
}
mapfile -t format < <(find Sources/COEFormat -name '*.swift' | sort)
library COEFormat "${format[@]}"
if printf '%s\n' "${targets[@]}" | grep -qx coe; then
  # The lint engine and rules; LintSession.swift is left out: it reads history through libgit2.
  # P5 is the process rule's: COEProcess (pure, no git) is built first.
  mapfile -t process < <(find Sources/COEProcess -name '*.swift' | sort)
  library COEProcess "${process[@]}"
  mapfile -t lint < <(find Sources/COELint -name '*.swift' ! -name LintSession.swift | sort)
  library COELint "${lint[@]}"
fi

for target in "${targets[@]}"; do
  source="Fuzz/Targets/$target.swift"
  [ -f "$source" ] || { echo "fuzz: no target $target (${all[*]})" >&2; exit 2; }
  binary="$build/$target"
  if [ ! -x "$binary" ] || [ -n "$(find "$source" Fuzz/Support.swift "$build/libCOEFormat.a" -newer "$binary" -print -quit)" ]; then
    echo "fuzz: building $target" >&2
    extra=()
    [ "$target" = coe ] && extra=("$build/libCOELint.a" "$build/libCOEProcess.a")
    # gold warns about every ASan helper symbol it cannot export: noise, left out.
    swiftc "${flags[@]}" Fuzz/Support.swift "$source" "${extra[@]}" "$build/libCOEFormat.a" "${libs[@]}" -o "$binary" \
      2> >(sed '/Cannot export local symbol/d' >&2)
  fi
  # Seeds: the example's files of this kind, the target's own seeds, and hostile YAML for YAML targets.
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    metadata) cp "$example/coe.yaml" "$corpus/" ;;
    timeline) cp "$example/timeline.yaml" "$corpus/" ;;
    whys) cp "$example/whys.yaml" "$corpus/" ;;
    lessons) cp "$example/lessons.yaml" "$corpus/" ;;
    action) cp "$example"/actions/*.yaml "$corpus/" ;;
    graph) cp "$example"/metrics/*.yaml "$corpus/" ;;
    markdown) cp "$example"/*.md "$corpus/" ;;
    statusline) cp "$example/coe.yaml" "$corpus/" ;;
    coe)
      # The example's files in the target's order, separated by 0xFF (see Fuzz/Targets/coe.swift).
      python3 - "$example" "$corpus/example" <<'PY'
import sys, os
root, out = sys.argv[1], sys.argv[2]
slots = ["coe.yaml", "summary.md", "impact.md", "response.md", "analysis.md", "timeline.yaml", "whys.yaml", "lessons.yaml",
         "actions/A1.yaml", "metrics/01-checkout-error-rate.yaml"]
open(out, "wb").write(b"\xff".join(open(os.path.join(root, s), "rb").read() for s in slots))
PY
      ;;
  esac
  [ -d "Fuzz/Seeds/$target" ] && cp Fuzz/Seeds/"$target"/* "$corpus/"
  case "$target" in metadata|timeline|whys|lessons|action|graph|review|configuration) cp Fuzz/Seeds/yaml/* "$corpus/" ;; esac
done

run() {
  local target="$1"
  LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp" COE_FUZZ_EXAMPLE="$PWD/$example" "$build/$target" "$build/corpus/$target" -max_total_time="$seconds" -max_len=32768 \
    -dict="$PWD/Fuzz/coe.dict" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/crashes/$target-" \
    >"$build/logs/$target.log" 2>&1 || true
}
echo "fuzz: running ${targets[*]} for $seconds s each, $jobs at a time" >&2
touch "$build/started"
running=0
for target in "${targets[@]}"; do
  run "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

status=0
printf '%-14s %12s %10s %8s %s\n' target executions exec/s corpus crashes
for target in "${targets[@]}"; do
  log="$build/logs/$target.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  units=$(ls "$build/corpus/$target" | wc -l)
  crashes=$(find "$build/crashes" -name "$target-*" -newer "$build/started" | wc -l)
  printf '%-14s %12s %10s %8s %s\n' "$target" "${runs:-?}" "${rate:-?}" "$units" "$crashes"
  if [ "$crashes" != 0 ] || grep -q "ERROR: libFuzzer\|ERROR: AddressSanitizer\|fuzz oracle" "$log"; then
    status=1
    grep -m3 "ERROR: \|fuzz oracle\|Fatal error\|Test unit written" "$log" | sed "s/^/  $target: /"
  fi
done
exit $status
