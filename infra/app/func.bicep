// The connector's Azure Functions app on Flex Consumption (.NET 10 isolated worker), running as a
// user-assigned identity. Every setting is identity-based: no connection strings, no keys. Secrets are
// Key Vault references resolved with the same identity (keyVaultReferenceIdentity).

import { paymentTimingType, secretUrisType, tagsType } from 'types.bicep'

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region (must offer Flex Consumption).')
param location string

@description('Tags for the plan and the app; the app also gets azd-service-name.')
param tags tagsType

@description('azd service name from azure.yaml; azd deploys to the resource tagged with it.')
param serviceName string = 'api'

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (AzureWebJobsStorage__clientId, AZURE_CLIENT_ID, App Insights auth).')
param identityClientId string

@description('Storage account for AzureWebJobsStorage, Durable Functions and the payment tables.')
param storageAccountName string

@description('Blob container the deployment package is read from.')
param deploymentContainerName string

@description('Application Insights component.')
param applicationInsightsName string

@description('Service Bus host name, <namespace>.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Queue for terminal commands.')
param terminalCommandsQueueName string

@description('Durable Functions task hub (host.json reads %TASKHUB_NAME%).')
param taskHubName string

@description('Key Vault secret URIs for the secret settings.')
param secretUris secretUrisType

@description('The merchant\'s VTEX account: its credentials are configured as Vtex:Merchants:<account>:Credentials:0.')
param vtexAccountName string

@description('Payment timing answered to VTEX.')
param paymentTiming paymentTimingType

@description('Memory per instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound for scale-out; Flex Consumption accepts 40 to 1000.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Instances kept warm for the Durable Functions group (orchestrators, activities, entities): no cold start for a payment\'s next step. 0 turns it off.')
@minValue(0)
@maxValue(20)
param durableAlwaysReadyInstanceCount int = 1

@description('Instances kept warm for the HTTP functions group (every HTTP trigger): VTEX\'s calls never wait for a cold start. 0 turns it off.')
@minValue(0)
@maxValue(20)
param httpAlwaysReadyInstanceCount int = 1

// Per-function scaling groups every HTTP trigger under 'http' and every Durable trigger under 'durable'; queue and
// timer triggers scale on demand.
var alwaysReady = concat(
  httpAlwaysReadyInstanceCount > 0 ? [{ name: 'http', instanceCount: httpAlwaysReadyInstanceCount }] : [],
  durableAlwaysReadyInstanceCount > 0 ? [{ name: 'durable', instanceCount: durableAlwaysReadyInstanceCount }] : []
)

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  // checkov:skip=CKV_AZURE_225: zone redundancy depends on the region's support; left off so the template deploys to any Flex Consumption region
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  // checkov:skip=CKV_AZURE_17: VTEX's Payment Gateway presents no client certificate; the app authenticates each call (merchant AppKey/AppToken, terminal signatures, admin key)
  // checkov:skip=CKV_AZURE_212: numberOfWorkers sizes an App Service plan; Flex Consumption scales per function group instead (always-ready http and durable instances, up to maximumInstanceCount)
  // checkov:skip=CKV_AZURE_213: not set: Flex Consumption manages the instances per function group (whether it honours healthCheckPath was not verified); GET /api/health serves external probes
  // checkov:skip=CKV_AZURE_222: VTEX's Payment Gateway calls the connector over the internet: the endpoint must be public (docs/protocol.md §2)
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// azd and the Functions tooling deploy with Entra ID tokens; basic (user/password) publishing stays off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// Setting names are read by the app (host.json, options classes); keep them in step with the code.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  // These checks read App Service site settings; this resource holds app settings (name/value pairs) only.
  // checkov:skip=CKV_AZURE_13: the app authenticates each call itself (VTEX cannot sign in with Entra ID); see CKV_AZURE_17 on the site
  // checkov:skip=CKV_AZURE_63: Flex Consumption has no App Service HTTP logs; requests and logs go to Application Insights
  // checkov:skip=CKV_AZURE_65: same reason as CKV_AZURE_63 (detailed error pages)
  // checkov:skip=CKV_AZURE_66: same reason as CKV_AZURE_63 (failed request tracing)
  // checkov:skip=CKV_AZURE_80: the .NET version is functionAppConfig.runtime on the site (dotnet-isolated 10.0)
  // checkov:skip=CKV_AZURE_88: Flex Consumption runs the package from a blob container; no Azure Files share
  // checkov:skip=CKV_AZURE_222: see the site: the endpoint must be public for VTEX
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host storage through the identity (blob, plus queue and table for Durable Functions).
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    // DefaultAzureCredential picks the user-assigned identity through this.
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
    TASKHUB_NAME: taskHubName
    Storage__TableServiceUri: 'https://${storage.name}.table.${environment().suffixes.storage}'
    Storage__QueueServiceUri: 'https://${storage.name}.queue.${environment().suffixes.storage}'
    // Terminal commands on the Service Bus session queue (the Storage Queue transport is for local runs).
    Terminals__Transport: 'ServiceBus'
    ServiceBus__FullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBus__TerminalCommandsQueue: terminalCommandsQueueName
    // Named by the VTEX account, so payments and terminals are bound to this merchant (a second live pair, for key
    // rotation, is Credentials__1__*: docs/operations.md).
    'Vtex__Merchants__${vtexAccountName}__Credentials__0__AppKey': '@Microsoft.KeyVault(SecretUri=${secretUris.vtexMerchantAppKey})'
    'Vtex__Merchants__${vtexAccountName}__Credentials__0__AppToken': '@Microsoft.KeyVault(SecretUri=${secretUris.vtexMerchantAppToken})'
    Vtex__CallbackAppKey: '@Microsoft.KeyVault(SecretUri=${secretUris.vtexCallbackAppKey})'
    Vtex__CallbackAppToken: '@Microsoft.KeyVault(SecretUri=${secretUris.vtexCallbackAppToken})'
    Connector__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
    Connector__SubmitTokenSecret: '@Microsoft.KeyVault(SecretUri=${secretUris.submitTokenSecret})'
    Connector__AdminKey: '@Microsoft.KeyVault(SecretUri=${secretUris.adminKey})'
    Terminals__SecretEncryptionKey: '@Microsoft.KeyVault(SecretUri=${secretUris.terminalSecretEncryptionKey})'
    Payments__SecondsWaiting: string(paymentTiming.secondsWaiting)
    Payments__TerminalTimeoutSeconds: string(paymentTiming.terminalTimeoutSeconds)
    Payments__DelayToCancelSeconds: string(paymentTiming.delayToCancelSeconds)
    Payments__DelayToAutoSettleSeconds: string(paymentTiming.delayToAutoSettleSeconds)
    Payments__DelayToAutoSettleAfterAntifraudSeconds: string(paymentTiming.delayToAutoSettleAfterAntifraudSeconds)
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output uri string = 'https://${site.properties.defaultHostName}'
