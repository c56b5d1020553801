@description('Replaces the whole app settings collection of an existing function app.')
param functionAppName string
param appSettings { *: string }

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}
