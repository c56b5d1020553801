#!/usr/bin/env bash
# Lines of C# in src/ and tests/ stay within max_line_length of .editorconfig (140), counted in characters:
# dotnet format does not check a line's length. Prints each long line as path:line: text. The lines written before the
# rule came are a debt counted in scripts/line-length-baseline: exit 1 when there are more long lines than that (a new
# long line), and lower the baseline when lines are wrapped.
set -euo pipefail
cd "$(dirname "$0")/.."
max=$(sed -n 's/^max_line_length *= *\([0-9][0-9]*\).*/\1/p' .editorconfig | head -1)
[ -n "$max" ] || { echo "line length: no max_line_length in .editorconfig" >&2; exit 1; }
export LC_ALL=C.UTF-8 # count characters, not bytes (a Chinese character is three bytes)
long=$(git ls-files -co --exclude-standard -- 'src/*.cs' 'tests/*.cs' | while read -r f; do [ -f "$f" ] && echo "$f"; done |
  xargs -r grep -HnE "^.{$((max + 1)),}" || true)
baseline=$(cat scripts/line-length-baseline)
count=0
[ -z "$long" ] || count=$(echo "$long" | wc -l)
if [ "$count" -gt "$baseline" ]; then
  echo "$long"
  echo "line length: $count lines over $max characters, more than the $baseline of scripts/line-length-baseline: wrap the new ones" >&2
  exit 1
fi
if [ "$count" -gt 0 ]; then
  echo "line length: $count lines over $max characters (the older debt, at most $baseline; lower the baseline as they are wrapped)"
  exit 0
fi
echo "line length: every line of src/ and tests/ within $max characters"
