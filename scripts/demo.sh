#!/usr/bin/env bash
# Sets up what is missing, builds coe, creates a demo repository in a temporary folder
# holding the example COE, and runs the main commands on it. Prints where the demo is.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build
coe="$PWD/.build/debug/coe"
example="$PWD/docs/examples/2026-10-14-k7qm3xv9dh"

demo=$(mktemp -d "${TMPDIR:-/tmp}/coe-demo-XXXXXX")
export GIT_AUTHOR_NAME="Demo Author" GIT_AUTHOR_EMAIL="author@example.com"
export GIT_COMMITTER_NAME="Demo Author" GIT_COMMITTER_EMAIL="author@example.com"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step coe init "$demo/repo"
"$coe" init "$demo/repo"
cd "$demo/repo"
cp -R "$example" coes/
git add -A && git commit -q -m "Add the example COE"

step coe new '"Delayed order confirmation e-mails"' --severity SEV-4 --team notifications
"$coe" new "Delayed order confirmation e-mails" --severity SEV-4 --team notifications
git add -A && git commit -q -m "Start a COE"

step coe list
"$coe" list

step coe show k7qm
"$coe" show k7qm

step coe lint k7qm
"$coe" lint k7qm

# A mistake a reviewer would catch: a percentage that does not add up, and a name.
sed -i 's/(7.6 percent) failed/(6.7 percent) failed/' coes/*-k7qm3xv9dh/impact.md
sed -i 's/The change was reviewed,/The change was reviewed by Demo Author,/' coes/*-k7qm3xv9dh/analysis.md
step coe lint    "# after breaking the arithmetic and naming a person (exit code 1)"
"$coe" lint || echo "(exit code $?)"
git checkout -q -- coes

# An edit to an action item, committed: the history names it in COE terms.
sed -i 's/due: 2026-11-27/due: 2027-01-15/' coes/*-k7qm3xv9dh/actions/A6.yaml
git commit -q -am "Move A6 to January"
step coe log k7qm
"$coe" log k7qm

printf '\nThe demo repository is %s\n' "$demo/repo"
