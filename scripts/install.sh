#!/usr/bin/env bash
# Builds a release coe (Swift runtime linked statically: fast start in hooks) and installs it
# as coe and git-coe into PREFIX/bin (default /usr/local), so that 'git coe …' works too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
prefix="${PREFIX:-/usr/local}"
swift build -c release -Xswiftc -static-stdlib
bin="$(swift build -c release -Xswiftc -static-stdlib --show-bin-path)/coe"
install -d "$prefix/bin"
install -m 755 "$bin" "$prefix/bin/coe"
ln -sf coe "$prefix/bin/git-coe"
echo "Installed $prefix/bin/coe and $prefix/bin/git-coe"
