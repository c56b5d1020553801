#!/usr/bin/env bash
# The house style of .editorconfig: `dotnet format --verify-no-changes` (whitespace, and the style and analyzer rules at
# the severity set there, e.g. IDE0005 unused usings) and the line length it does not check (check-line-length.sh).
# `dotnet format GovFunctions.sln` fixes all but long lines, which are wrapped by hand.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet format GovFunctions.sln --verify-no-changes --severity warn
format=$?
[ $format -eq 0 ] || echo "format: dotnet format would change files (see above); run: dotnet format GovFunctions.sln" >&2
bash scripts/check-line-length.sh
lines=$?
exit $(( format != 0 || lines != 0 ))
