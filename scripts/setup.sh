#!/usr/bin/env bash
# Installs what building coe needs, only when it is missing: libgit2, libyaml, SQLite and cmark-gfm with its
# extensions (with pkg-config) and git.
# With --tests, also what the test suite runs: gpg and ssh-keygen (signed workflow commits), cmark-gfm
# (the Markdown scan's oracle), man (the installed man pages are read with man -l), fish (its completions)
# and chromium (the browser tests of coe site and coe render, driven through the DevTools protocol).
# On Debian/Ubuntu it uses apt-get (as root, or through sudo). Swift 6 must already be installed.
set -euo pipefail

missing=()
command -v git >/dev/null 2>&1 || missing+=(git)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libgit2 2>/dev/null; then missing+=(libgit2-dev); fi
if ! pkg-config --exists yaml-0.1 2>/dev/null; then missing+=(libyaml-dev); fi
if ! pkg-config --exists sqlite3 2>/dev/null; then missing+=(libsqlite3-dev); fi   # coe search: SQLite with FTS5
# coe render and coe site: Markdown to HTML as GitHub renders it.
if ! pkg-config --exists libcmark-gfm 2>/dev/null; then missing+=(libcmark-gfm-dev); fi
if [ ! -f "$(pkg-config --variable=includedir libcmark-gfm 2>/dev/null || echo /usr/include)/cmark-gfm-core-extensions.h" ]; then
  missing+=(libcmark-gfm-extensions-dev)
fi
if [ "${1:-}" = "--tests" ]; then
  { command -v gpg >/dev/null 2>&1 && command -v gpgconf >/dev/null 2>&1; } || missing+=(gnupg)
  command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
  command -v cmark-gfm >/dev/null 2>&1 || missing+=(cmark-gfm)
  command -v man >/dev/null 2>&1 || missing+=(man-db)
  command -v fish >/dev/null 2>&1 || missing+=(fish)   # the fish completion test drives the real shell
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)   # the browser tests (Tests/BrowserTests)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "coe setup: please install: ${missing[*]}" >&2
    exit 2
  fi
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "coe setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "coe setup: Swift 6 is needed (https://www.swift.org/install/); 'swift' is not on the PATH" >&2
  exit 2
fi
