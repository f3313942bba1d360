// @defender in Azure: a Linux Node 20 web app running the bot, one user-assigned managed identity that is both the
// bot's Entra identity (Azure Bot, MicrosoftAppType=UserAssignedMSI) and its ARM identity (DefaultAzureCredential via
// AZURE_CLIENT_ID), an Azure Bot with the Teams channel, and a storage account for the blob-backed request store.
// Deployed by teamsapp.yml (arm/deploy) or by hand: see docs/deploy.md. Role assignments on the TARGET
// subscriptions (Security Admin) are not made here: they live outside this resource group, see docs/deploy.md.

@description('Lower-case letters and digits, 3-20 characters; every resource name is built from it.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

@description('App Service plan SKU. B1 or higher: the bot needs Always On.')
param webAppSku string = 'B1'

@description('Azure Bot pricing tier. F0 is free; S1 only matters for premium channels.')
@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('Name shown for the bot in Azure.')
param botDisplayName string = 'Defender'

@description('Location of the regional resources. The Azure Bot itself is always global.')
param location string = resourceGroup().location

@description('DEFENDER_APPROVERS: Entra object ids of the people who may approve, comma separated. At least one.')
@minLength(36)
param approvers string

@description('DEFENDER_REQUESTERS: Entra object ids allowed to request enablement, comma separated. Empty: anyone.')
param requesters string = ''

@description('DEFENDER_ALLOWED_TENANTS: tenant ids the bot answers, comma separated. Empty: the identity\'s own tenant.')
param allowedTenants string = ''

@description('DEFENDER_MIN_APPROVALS: approvals needed before a change is applied.')
param minApprovals string = '1'

@description('DEFENDER_REQUEST_TTL: ISO 8601 duration after which an unapproved request expires.')
param requestTtl string = 'PT24H'

@description('Blob container holding requests and the audit log.')
param storageContainerName string = 'defender'

@description('DEFENDER_CLOUD: the cloud of the Azure Bot and its Teams tenant. Empty: the cloud this template is deployed to (Azure Government is taken as Teams GCC High; set AzureUSGovernmentDoD for a Teams DoD tenant).')
@allowed([
  ''
  'AzurePublic'
  'AzureUSGovernment'
  'AzureUSGovernmentDoD'
  'AzureChina'
])
param defenderCloud string = ''

var identityName = 'id-${resourceBaseName}'
var planName = 'plan-${resourceBaseName}'
var webAppName = 'app-${resourceBaseName}'
var botServiceName = 'bot-${resourceBaseName}'
var storageAccountName = 'st${resourceBaseName}'
// environment().name is AzureCloud, AzureUSGovernment or AzureChinaCloud; the bot's names for them are in src/config/clouds.ts.
var cloudOfDeployment = environment().name == 'AzureUSGovernment' ? 'AzureUSGovernment' : (environment().name == 'AzureChinaCloud' ? 'AzureChina' : 'AzurePublic')
var defenderCloudName = empty(defenderCloud) ? cloudOfDeployment : defenderCloud
// Built-in role "Storage Blob Data Contributor" (same id in every tenant).
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // No account keys: the bot signs in with the managed identity, so a leaked key cannot exist.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource blobContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: storageContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource identityCanUseBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  // Deterministic name: re-provisioning finds the same assignment instead of failing on a duplicate.
  name: guid(storage.id, identity.id, storageBlobDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // required for a Linux plan
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // The deployed folder holds the compiled bot (npm run build -> dist/); tsx is a dev tool.
      appCommandLine: 'node --disable-warning=DEP0111 dist/main.js'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        // teamsapp.yml deploys a built folder with node_modules: no build on the server.
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'DEFENDER_MODE'
          value: 'production'
        }
        // Required by the bot in production (no default): the managed identity below is the bot's app.
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'DEFENDER_CLOUD'
          value: defenderCloudName
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        // DefaultAzureCredential picks the user-assigned identity by this client id for ARM and Storage.
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'DEFENDER_ALLOWED_TENANTS'
          value: empty(allowedTenants) ? identity.properties.tenantId : allowedTenants
        }
        {
          name: 'DEFENDER_APPROVERS'
          value: approvers
        }
        {
          name: 'DEFENDER_REQUESTERS'
          value: requesters
        }
        {
          name: 'DEFENDER_MIN_APPROVALS'
          value: minApprovals
        }
        {
          name: 'DEFENDER_REQUEST_TTL'
          value: requestTtl
        }
        {
          name: 'DEFENDER_STORAGE'
          value: 'blob'
        }
        {
          name: 'DEFENDER_STORAGE_ACCOUNT_URL'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'DEFENDER_STORAGE_CONTAINER'
          value: storageContainerName
        }
      ]
    }
  }
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// arm/deploy writes each output to env/.env.<env> under the same name; teamsapp.yml and the manifest read them.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_PRINCIPAL_ID string = identity.properties.principalId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output DEFENDER_STORAGE_ACCOUNT_URL string = storage.properties.primaryEndpoints.blob
