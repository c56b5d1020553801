targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; seeds the resource group name and the unique resource token.')
param environmentName string

@minLength(1)
@description('Region for all resources. Must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('SMTP relay host name (azd: SMTP_HOST). Required: the app validates its mail settings at start.')
@minLength(1)
param smtpHost string

@description('SMTP port (STARTTLS).')
param smtpPort int = 587

@description('SMTP user name. The password lives in Key Vault secret smtp-password.')
param smtpUser string = ''

@description('Sender address for outgoing mail (azd: MAIL_FROM). Required, as smtpHost.')
@minLength(3)
param mailFrom string

@description('Public base URL used in links sent by mail. Empty means https://<function app host name>.')
param publicBaseUrl string = ''

@description('Object id of the deploying user or service principal; gets Key Vault Secrets Officer. Empty skips it.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Client id of the Entra ID app registration for App Service Authentication. Empty skips Easy Auth.')
param authClientId string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// Names are computed here, not read from module outputs, so What-If can resolve every resource id.
var names = {
  resourceGroup: '${abbrs.resourcesResourceGroups}${environmentName}'
  identity: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
  plan: '${abbrs.webServerFarms}${resourceToken}'
  functionApp: '${abbrs.webSitesFunctions}api-${resourceToken}'
}
var queueNames = [
  'approval-routing'
  'approval-routing-poison'
  'outbox-dispatch'
]

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    queueNames: queueNames
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [identity, storage, monitoring, keyVault]
  params: {
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    identityName: names.identity
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module plan 'modules/plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: names.plan
    location: location
    tags: tags
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: names.functionApp
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    planId: plan.outputs.id
    identityId: identity.outputs.id
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${storage.outputs.deploymentContainerName}'
  }
}

var functionAppUrl = 'https://${functionApp.outputs.defaultHostName}'
var effectivePublicBaseUrl = empty(publicBaseUrl) ? functionAppUrl : publicBaseUrl

// Versionless secret URIs: App Service picks up a new secret version without a redeploy.
var linkSigningKeyUri = '${keyVault.outputs.uri}secrets/link-signing-key'
var smtpPasswordUri = '${keyVault.outputs.uri}secrets/smtp-password'

module functionAppSettings 'modules/function-app-settings.bicep' = {
  name: 'function-app-settings'
  scope: rg
  // Grant access before the host starts reading storage, Key Vault and App Insights.
  dependsOn: [rbac]
  params: {
    functionAppName: names.functionApp
    appSettings: {
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      AZURE_CLIENT_ID: identity.outputs.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      GovFunctions__PublicBaseUrl: effectivePublicBaseUrl
      Approvals__LinkSigningKey: '@Microsoft.KeyVault(SecretUri=${linkSigningKeyUri})'
      Mail__Host: smtpHost
      Mail__Port: string(smtpPort)
      Mail__Security: 'StartTls'
      Mail__User: smtpUser
      Mail__Password: '@Microsoft.KeyVault(SecretUri=${smtpPasswordUri})'
      Mail__From: mailFrom
    }
  }
}

module auth 'modules/auth.bicep' = if (!empty(authClientId)) {
  name: 'auth'
  scope: rg
  // Serialized after the app settings: concurrent site config writes can conflict.
  dependsOn: [functionAppSettings]
  params: {
    functionAppName: names.functionApp
    clientId: authClientId
    tenantId: tenant().tenantId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionAppUrl
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
