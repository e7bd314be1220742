#!/usr/bin/env bash
# Times parsing the Markdown files of the lint benchmark corpus (N COEs, default 1,000: 4 files each) with
# cmark-gfm and with MarkdownScan, with hyperfine. Each program reads all files into memory, then parses them
# PASSES times (default 10, so parsing outweighs reading) and prints the parse time alone; hyperfine times the
# whole process. The figures are in MarkdownScan's doc comment.
#   scripts/bench/markdown.sh [N] [PASSES]
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
passes="${2:-10}"
missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[ -f /usr/include/cmark-gfm.h ] || missing+=(libcmark-gfm-dev)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
repo="${TMPDIR:-/tmp}/coe-bench-$count"
[ -d "$repo/.git" ] || python3 scripts/bench/generate-coes.py "$repo" "$count"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
find "$repo/coes" -name '*.md' | sort >"$work/files"
echo "corpus: $(wc -l <"$work/files") Markdown files, $(xargs cat <"$work/files" | wc -c) bytes, in $repo; $passes passes"
cc -O2 -o "$work/cmark" scripts/bench/markdown-cmark.c -lcmark-gfm
swiftc -O -wmo -parse-as-library -module-name MarkdownBench -o "$work/scan" \
  Sources/COEFormat/Text/Markdown.swift Sources/COEFormat/Diagnostics/Diagnostic.swift scripts/bench/markdown-scan.swift
for program in cmark scan; do "$work/$program" "$work/files" "$passes"; done
echo "load: $(uptime)"
hyperfine -N --warmup 2 --runs 10 \
  -n "cmark-gfm $(dpkg-query -W -f '${Version}' libcmark-gfm-dev 2>/dev/null)" "$work/cmark $work/files $passes" \
  -n "MarkdownScan" "$work/scan $work/files $passes"
