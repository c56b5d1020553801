@description('Linux Flex Consumption function app running as the user-assigned identity. App settings are applied by function-app-settings.bicep.')
param name string
param location string
param tags { *: string }
param planId string
param identityId string
param deploymentContainerUrl string
param runtimeName string = 'dotnet-isolated'
param runtimeVersion string = '10.0'
param maximumInstanceCount int = 100
param instanceMemoryMB int = 2048

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
