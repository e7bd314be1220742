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
# The example is closed; the demo reviews it again from a draft, with Rae as a reviewer the COE names.
sed -i 's/^status: closed/status: draft/; s/^reviewers: \[/reviewers: [rae@example.com, /' coes/*-k7qm3xv9dh/coe.yaml
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

# The review, as commits made by coe: the author submits, a reviewer comments, approval is
# refused before the 24-hour review period and while a comment is open, then given.
at() { export GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1"; }
as() { export GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$2" GIT_COMMITTER_NAME="$1" GIT_COMMITTER_EMAIL="$2"; }
at 2026-11-01T10:00:00Z
step coe submit k7qm
"$coe" submit k7qm
as "Rae Reviewer" rae@example.com
at 2026-11-01T15:00:00Z
step coe comment k7qm --part impact -m '"Were customers outside the EU affected?"'
"$coe" comment k7qm --part impact -m "Were customers outside the EU affected?"
step coe approve k7qm "# 5 hours into the review (exit code 1)"
"$coe" approve k7qm || echo "(exit code $?)"
# The author answers; the reviewer who asked resolves the thread (rule P10).
as "Demo Author" author@example.com
comment=$("$coe" comments k7qm --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)["comments"][0]["id"])')
step coe reply k7qm "$comment" -m '"No: impact.md says the EU region only."'
"$coe" reply k7qm "$comment" -m "No: impact.md says the EU region only."
as "Rae Reviewer" rae@example.com
step coe resolve k7qm "$comment" -m '"Answered in the reply."'
"$coe" resolve k7qm "$comment" -m "Answered in the reply."
at 2026-11-02T10:30:00Z
step coe approve k7qm "# 24.5 hours into the review"
"$coe" approve k7qm
step coe comments k7qm
"$coe" comments k7qm
step git log --format="'%h %s%n%(trailers:only)'" -2
git log --format='%h %s%n%(trailers:only)' -2

# After approval, an action item's progress is tracking state: a note leaves the approval counting (docs/actions.md).
as "Demo Author" author@example.com
at 2026-11-03T09:00:00Z
step coe action note k7qm A6 -m '"The regional rollback drill ran on 2026-11-03."'
"$coe" action note k7qm A6 -m "The regional rollback drill ran on 2026-11-03."
step coe actions --verify --today 2026-11-03 "# done items and their evidence (links, checked for form only: nothing is fetched)"
"$coe" actions --verify --today 2026-11-03 || echo "(exit code $?)"
step coe search '"connection pool"'
"$coe" search '"connection pool"'

# The health of the process: statuses, response and review times, action items, month by month (docs/reports.md).
step coe report
"$coe" report

# Publishing (docs/render.md): the graphs drawn from their data, the whole COE as one page, a static site.
step coe graph k7qm
"$coe" graph k7qm
step coe status k7qm published
"$coe" status k7qm published
step coe render k7qm --format html -o k7qm.html
"$coe" render k7qm --format html -o "$demo/k7qm.html"
step coe site site
"$coe" site "$demo/site"

printf '\nThe demo repository is %s\n' "$demo/repo"
printf 'The COE as one page: %s; the site: %s\n' "$demo/k7qm.html" "$demo/site/index.html"
