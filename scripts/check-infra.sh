#!/usr/bin/env bash
# Offline Bicep build + lint of infra/. Fails on any error, warning or linter diagnostic.
set -euo pipefail

BICEP_VERSION=0.49.2
BICEP_PACKAGE=Azure.Bicep.CommandLine.linux-x64

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
infra="$root/infra"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="${BICEP:-$packages/${BICEP_PACKAGE,,}/$BICEP_VERSION/tools/bicep}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ! -f "$bicep" ]]; then
  # The CLI ships as a NuGet package; PackageDownload fetches it without building anything.
  cat >"$work/bicep-download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="$BICEP_PACKAGE" Version="[$BICEP_VERSION]" /></ItemGroup>
</Project>
XML
  if ! dotnet restore "$work/bicep-download.csproj" --packages "$packages" >"$work/restore.log" 2>&1; then
    cat "$work/restore.log" >&2
    echo "infra: could not restore $BICEP_PACKAGE $BICEP_VERSION" >&2
    exit 1
  fi
fi
[[ -f "$bicep" ]] || { echo "infra: bicep binary not found at $bicep" >&2; exit 1; }
chmod +x "$bicep"

files=("$infra/main.bicep" "$infra"/modules/*.bicep)
log="$work/bicep.log"
: >"$log"
failed=0

"$bicep" build "$infra/main.bicep" --stdout >/dev/null 2>>"$log" || failed=1
for f in "${files[@]}"; do
  "$bicep" lint "$f" >>"$log" 2>&1 || failed=1
done

# Every parameter passed by azd must exist in main.bicep.
params_json="$infra/main.parameters.json"
for p in $(sed -nE 's/^    "([A-Za-z0-9_]+)": \{$/\1/p' "$params_json"); do
  grep -qE "^param $p " "$infra/main.bicep" || { echo "$params_json: parameter '$p' is not declared in main.bicep" >>"$log"; failed=1; }
done

# App setting names the application reads.
for s in AzureWebJobsStorage__accountName AzureWebJobsStorage__credential AzureWebJobsStorage__clientId \
  APPLICATIONINSIGHTS_CONNECTION_STRING APPLICATIONINSIGHTS_AUTHENTICATION_STRING GovFunctions__PublicBaseUrl \
  Approvals__LinkSigningKey Mail__Host Mail__Port Mail__Security Mail__User Mail__Password Mail__From AZURE_CLIENT_ID; do
  grep -qE "^ +$s: " "$infra/main.bicep" || { echo "main.bicep: app setting '$s' is missing" >>"$log"; failed=1; }
done

if [[ -s "$log" ]]; then
  sort -u "$log" >&2
fi
if grep -Eq '\) : (Error|Warning|Info) |BCP[0-9]{3}|linter-diagnostics|(^|[^A-Za-z])([Ee]rror|[Ww]arning)([^A-Za-z]|$)' "$log"; then
  failed=1
fi

if [[ $failed -ne 0 ]]; then
  echo "infra: bicep build/lint FAILED ($(sort -u "$log" | grep -c .) diagnostic line(s))" >&2
  exit 1
fi
echo "infra: bicep build and lint clean (${#files[@]} files)"
