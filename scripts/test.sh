#!/usr/bin/env bash
# Sets up what is missing, builds, and runs every test. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
swift build
# The man-page generator of swift-argument-parser, which the install test (ShellTests) runs.
swift build --product generate-manual
swift test
