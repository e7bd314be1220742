# Sourced by the benchmark scripts: installs what is missing (hyperfine included), builds a release
# coe with the Swift runtime linked statically, and sets $coe to its path.
scripts/setup.sh
if ! command -v hyperfine >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq hyperfine >/dev/null
fi
swift build -c release -Xswiftc -static-stdlib >/dev/null
coe="$(swift build -c release -Xswiftc -static-stdlib --show-bin-path)/coe"

# The generated repository of COEs (1,000 unless given; scripts/bench/generate-coes.py), made once and kept:
#   coes_repository [COUNT]   sets $repo
coes_repository() {
  local count="${1:-1000}"
  repo="${TMPDIR:-/tmp}/coe-bench-$count"
  [ -d "$repo/.git" ] || python3 scripts/bench/generate-coes.py "$repo" "$count"
}

# The generated history repository (1,000 COEs and 50,000 commits unless given), made once and kept:
#   history_repository [COES] [COMMITS]   sets $repo
history_repository() {
  local coes="${1:-1000}" commits="${2:-50000}"
  repo="${TMPDIR:-/tmp}/coe-history-$coes-$commits"
  if [ ! -d "$repo/.git" ]; then
    python3 scripts/bench/generate-history.py "$repo" "$coes" "$commits"
    git -C "$repo" repack -adq
  fi
}

# The floor of a warm search or cached lint, in C (scripts/bench/stat-walk.c: list and lstat every entry
# below the COE folders, the least work that tells nothing changed), built once into the build folder:
#   stat_walk   sets $stat_walk to its path
stat_walk() {
  stat_walk="$(dirname "$coe")/stat-walk"
  [ "$stat_walk" -nt scripts/bench/stat-walk.c ] || cc -O2 -pthread -o "$stat_walk" scripts/bench/stat-walk.c
}
