#!/usr/bin/env bash
# Prints the path of an Azure Functions Core Tools `func` that really runs, or nothing (exit 1).
# Candidates: the arguments, else the `func` on PATH and then node_modules/.bin/func.
# A `func` that is found must also answer `func --version`: npm 11.16+ skips install scripts that package.json's
# allowScripts does not approve (npm 12 by default), and Core Tools fetch their binary in theirs, which leaves
# node_modules/.bin/func as a wrapper with nothing behind it.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- "$(command -v func || true)" "$root/node_modules/.bin/func"
for candidate in "$@"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  if version=$(timeout 60 "$candidate" --version 2>/dev/null) && [ -n "$version" ]; then
    echo "$candidate"
    exit 0
  fi
  echo "found $candidate, but '$candidate --version' does not run (its install script did not fetch the binary)" >&2
done
exit 1
