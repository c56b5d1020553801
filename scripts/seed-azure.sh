#!/usr/bin/env bash
# azd postprovision hook: loads seeds/ (organization, rosters, holiday calendar) into the deployed storage account,
# signed in as the deployer (Storage Table Data Contributor, granted in infra/modules/rbac.bicep). Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
account=${AZURE_STORAGE_ACCOUNT_NAME:-$(azd env get-value AZURE_STORAGE_ACCOUNT_NAME)}
dotnet build "$root/src/GovFunctions" -c Release -v quiet -nologo -clp:ErrorsOnly
AzureWebJobsStorage__accountName=$account dotnet "$root/src/GovFunctions/bin/Release/net10.0/GovFunctions.dll" seed "$root/seeds"
