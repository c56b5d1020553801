#!/usr/bin/env bash
# Command 1 of the README: runs the app locally.
# Installs the emulators, starts Azurite and MailDev (127.0.0.1 only), loads seeds/ into Table Storage,
# then runs the Functions host (`func start`). Without Azure Functions Core Tools it says how to get them
# and keeps the emulators running until Ctrl+C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
app=src/GovFunctions

[ -x node_modules/.bin/azurite ] && [ -x node_modules/.bin/maildev ] || npm ci --no-audit --no-fund
[ -f $app/local.settings.json ] || { cp $app/local.settings.example.json $app/local.settings.json; echo "created $app/local.settings.json from the example"; }

bash scripts/services.sh start
trap 'bash scripts/services.sh stop' EXIT

dotnet build $app -c Debug -v quiet -nologo -clp:ErrorsOnly
AzureWebJobsStorage=UseDevelopmentStorage=true dotnet $app/bin/Debug/net10.0/GovFunctions.dll seed "$root/seeds"

func=$(bash scripts/find-func.sh || true)
if [ -n "$func" ]; then
  echo "Functions host on http://localhost:7071/api — mail inbox http://127.0.0.1:1080"
  cd $app && "$func" start
else
  cat <<MSG

Azure Functions Core Tools (func) are not installed, or do not run, so the Functions host cannot start here.
Get them with one of:
  npm install -g azure-functions-core-tools@4 --allow-scripts=azure-functions-core-tools
      (npm 11.16+ and 12 run a global package's install script only when allowed; older npm ignores the flag)
  sudo apt-get install azure-functions-core-tools-4
      (Debian/Ubuntu, after adding Microsoft's package repository as the page below describes)
  https://learn.microsoft.com/azure/azure-functions/functions-run-local#install-the-azure-functions-core-tools
then run this command again. The emulators stay up meanwhile (Ctrl+C stops them):
  Table Storage  http://127.0.0.1:10002/devstoreaccount1  (AzureWebJobsStorage=UseDevelopmentStorage=true)
  Mail inbox     http://127.0.0.1:1080
MSG
  while true; do sleep 3600; done
fi
