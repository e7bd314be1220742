#!/usr/bin/env bash
# Builds coe and installs it under a prefix (default ~/.local; PREFIX=<dir> or --prefix <dir>):
#   bin/coe and bin/git-coe                    'git coe …' works too: git runs any git-<name> on the PATH
#   share/man/man1/coe.1, coe.<command>.1       'man coe', 'man coe.lint'; git-coe.1 for 'git coe --help'
#   share/bash-completion/completions/coe, share/zsh/site-functions/_coe, share/fish/vendor_completions.d/coe.fish
# The build is a release one with the Swift runtime linked statically (it starts in a few milliseconds,
# which matters in git hooks); --debug installs a debug build instead (quicker to build), and --built <dir>
# installs the coe and generate-manual already built in <dir>, building nothing (the tests use it: a
# running 'swift test' holds the build folder).
# The man pages come from swift-argument-parser's generate-manual, the tool behind
# 'swift package plugin generate-manual', run on the built coe; the completions from coe itself.
# See docs/shell.md.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${PREFIX:-$HOME/.local}"
configuration=release
built=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --debug) configuration=debug; shift ;;
    --built) [ $# -ge 2 ] || { echo "install.sh: --built needs a folder" >&2; exit 2; }; built="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (--prefix <dir>, --debug, --built <dir>, --help)" >&2; exit 2 ;;
  esac
done
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac

if [ -n "$built" ]; then
  bins="$built"
  for program in coe generate-manual; do
    [ -x "$bins/$program" ] || { echo "install.sh: no $program in $bins (swift build --product $program)" >&2; exit 2; }
  done
else
  scripts/setup.sh
  flags=(-c "$configuration")
  if [ "$configuration" = release ]; then flags+=(-Xswiftc -static-stdlib); fi
  swift build "${flags[@]}" --product coe
  swift build "${flags[@]}" --product generate-manual
  bins="$(swift build "${flags[@]}" --show-bin-path)"
fi

man1="$prefix/share/man/man1"
bash_completions="$prefix/share/bash-completion/completions"
zsh_completions="$prefix/share/zsh/site-functions"
fish_completions="$prefix/share/fish/vendor_completions.d"
install -d "$prefix/bin" "$man1" "$bash_completions" "$zsh_completions" "$fish_completions"
install -m 755 "$bins/coe" "$prefix/bin/coe"
ln -sf coe "$prefix/bin/git-coe"

# One page per command; dated by the last commit, so the same source gives the same pages.
pages="$(mktemp -d)"
trap 'rm -rf "$pages"' EXIT
date="$(git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)"
"$bins/generate-manual" "$prefix/bin/coe" --multi-page --date "$date" --output-directory "$pages"
# generate-manual leaves a blank line between paragraphs, which mdoc warns about: a paragraph macro instead.
for page in "$pages"/*.1; do sed 's/^$/.Pp/' "$page" > "$page.tmp" && mv "$page.tmp" "$page"; done
install -m 644 "$pages"/*.1 "$man1/"
# 'git coe --help' opens the page of git-coe.
ln -sf coe.1 "$man1/git-coe.1"

"$prefix/bin/coe" --generate-completion-script bash > "$bash_completions/coe"
"$prefix/bin/coe" --generate-completion-script zsh > "$zsh_completions/_coe"
# swift-argument-parser's fish script asks for the cursor's place in the current word with
# 'commandline -o -tC', which fish 3 (Debian 12's) refuses, so every completion from the repository
# (COE ids, comment ids) failed there; the length of the word before the cursor is the same number.
"$prefix/bin/coe" --generate-completion-script fish | sed 's/(__coe_tokens -tC)/(string length -- (commandline -ct))/g' \
  > "$fish_completions/coe.fish"

echo "Installed $prefix/bin/coe and $prefix/bin/git-coe, $(ls "$pages" | wc -l | tr -d ' ') man pages in $man1,"
echo "and completions for bash, zsh and fish under $prefix/share."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to your PATH (man finds $prefix/share/man from it)." ;;
esac
