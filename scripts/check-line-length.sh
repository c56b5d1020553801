#!/usr/bin/env bash
# Lines of C# in src/ and tests/ stay within max_line_length of .editorconfig (140), counted in characters:
# dotnet format does not check a line's length. Prints each long line as path:line: text; exit 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
max=$(sed -n 's/^max_line_length *= *\([0-9][0-9]*\).*/\1/p' .editorconfig | head -1)
[ -n "$max" ] || { echo "line length: no max_line_length in .editorconfig" >&2; exit 1; }
export LC_ALL=C.UTF-8 # count characters, not bytes (a Chinese character is three bytes)
long=$(git ls-files -co --exclude-standard -- 'src/*.cs' 'tests/*.cs' | while read -r f; do [ -f "$f" ] && echo "$f"; done |
  xargs -r grep -HnE "^.{$((max + 1)),}" || true)
if [ -n "$long" ]; then
  echo "$long"
  echo "line length: $(echo "$long" | wc -l) lines over $max characters in $(echo "$long" | cut -d: -f1 | sort -u | wc -l) files" >&2
  exit 1
fi
echo "line length: every line of src/ and tests/ within $max characters"
