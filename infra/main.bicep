// PosConnector on Azure: Functions (Flex Consumption) + Durable Functions on Storage, Service Bus for
// terminal commands, Key Vault for secrets, Application Insights. One deployment per environment
// (sandbox, production): each gives VTEX one service URL (output VTEX_SERVICE_URL).
targetScope = 'subscription'

import { paymentTimingType, tagsType } from 'app/types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd environment); seeds the unique resource token and tags every resource.')
param environmentName string

@minLength(1)
@description('Primary location for all resources; must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deployer for local-debugging data-plane roles (azd sets AZURE_PRINCIPAL_ID). Leave empty in production.')
param principalId string = ''

@description('Type of principalId: User for a person signed in to azd/az, ServicePrincipal for an app registration or managed identity (CI), Group for a security group. A wrong type fails the role assignment (UnmatchedPrincipalType).')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Optional object id of the terminal bridge identity (the service that reads terminal commands for the terminals): gets Azure Service Bus Data Receiver on the command queue. Empty grants nothing.')
param terminalBridgePrincipalId string = ''

@description('Type of terminalBridgePrincipalId (a bridge usually runs as a managed identity or app registration).')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param terminalBridgePrincipalType string = 'ServicePrincipal'

// ---- Name overrides: empty means '<abbreviation><resourceToken>' ----
param resourceGroupName string = ''
param functionAppName string = ''
param appServicePlanName string = ''
param storageAccountName string = ''
param serviceBusNamespaceName string = ''
param keyVaultName string = ''
param identityName string = ''
param applicationInsightsName string = ''
param logAnalyticsName string = ''

// ---- Sizing and network ----
@description('Storage replication; Standard_ZRS for production where the region supports it.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Upper bound for function app scale-out; Flex Consumption accepts 40 to 1000.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances for the Durable Functions group (0 = none): the next step of a payment never waits for a cold start.')
@minValue(0)
@maxValue(20)
param durableAlwaysReadyInstanceCount int = 1

@description('Always-ready instances for the HTTP functions group (0 = none): VTEX\'s calls (and its Test Suite\'s 5 s limit) never wait for a cold start. See infra/README.md for the cost.')
@minValue(0)
@maxValue(20)
param httpAlwaysReadyInstanceCount int = 1

@description('Email address that receives every alert (abandoned callback, poisoned message, failed void or refund, ...). Empty: the alert rules fire and show in the portal, and nobody is paged.')
param alertEmailAddress string = ''

@description('Key Vault public network access. Disabled needs private networking for the function app, which this template does not create.')
@allowed([
  'Enabled'
  'Disabled'
])
param keyVaultPublicNetworkAccess string = 'Enabled'

@description('Durable Functions task hub name (letters and digits, starts with a letter).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'PosConnector'

// ---- Payment timing answered to VTEX (seconds) ----
// delayToCancel >= 600 >= secondsWaiting, so delayToCancel >= secondsWaiting always holds.
@description('secondsWaiting in the vtex.challenge-wait-for-confirmation answer.')
@minValue(30)
@maxValue(600)
param secondsWaiting int = 180

@description('Seconds the connector waits for the terminal before aborting the charge; must be below secondsWaiting (the app refuses to start otherwise).')
@minValue(1)
@maxValue(590)
param terminalTimeoutSeconds int = 150

@description('delayToCancel: VTEX cancels a payment still undefined after this. At least 600 and at least secondsWaiting.')
@minValue(600)
param delayToCancelSeconds int = 600

@description('delayToAutoSettle: VTEX settles an approved payment after this.')
@minValue(0)
param delayToAutoSettleSeconds int = 21600

@description('delayToAutoSettleAfterAntifraud.')
@minValue(0)
param delayToAutoSettleAfterAntifraudSeconds int = 1800

@description('The merchant\'s VTEX account name: the merchant the credentials below belong to (Vtex:Merchants:<account>), so payments and terminals are bound to it.')
@minLength(1)
@maxLength(100)
param vtexAccountName string

// ---- Secrets: stored in Key Vault, read by the app through Key Vault references, never output ----
@description('AppKey of the VTEX merchant account (the VTEX Payment Gateway sends it to the connector).')
@secure()
@minLength(1)
param vtexMerchantAppKey string

@description('AppToken of the VTEX merchant account.')
@secure()
@minLength(1)
param vtexMerchantAppToken string

@description('AppKey the connector sends with its callbacks to VTEX.')
@secure()
@minLength(1)
param vtexCallbackAppKey string

@description('AppToken the connector sends with its callbacks to VTEX.')
@secure()
@minLength(1)
param vtexCallbackAppToken string

@description('HMAC secret for submitUrl tokens (at least 32 characters).')
@secure()
@minLength(32)
param submitTokenSecret string

@description('Admin key for the operator routes (at least 32 characters).')
@secure()
@minLength(32)
param adminKey string

@description('Key that encrypts terminal secrets at rest: base64 of 32 random bytes (openssl rand -base64 32).')
@secure()
@minLength(44)
@maxLength(44)
param terminalSecretEncryptionKey string

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags tagsType = { 'azd-env-name': environmentName }

var names = {
  resourceGroup: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  functionApp: !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}api-${resourceToken}'
  appServicePlan: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
  storageAccount: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
  serviceBusNamespace: !empty(serviceBusNamespaceName) ? serviceBusNamespaceName : '${abbrs.serviceBusNamespaces}${resourceToken}'
  keyVault: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
  identity: !empty(identityName) ? identityName : '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
  applicationInsights: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
  logAnalytics: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
}

var functionAppResolvedName = names.functionApp
var deploymentContainerName = 'app-package-${take(functionAppResolvedName, 32)}-${take(toLower(uniqueString(functionAppResolvedName, resourceToken)), 7)}'
var terminalCommandsQueueName = 'terminal-commands'

// The connector's own storage, named as the app names it (Storage:Prefix 'pos', which the Functions host requires):
// tables for state and the operators' search index, the outbox reminder and wakeup queues its triggers listen on, and their poison queues (the
// app alerts on those). PosConnector.Functions.Tests/Infra checks these against the code.
var connectorTableNames = [
  'pospayments'
  'posterminals'
  'pospaymentindex'
]
var connectorQueueNames = [
  'pos-outbox'
  'pos-outbox-poison'
  'pos-wakeups'
  'pos-wakeups-poison'
]

var paymentTiming paymentTimingType = {
  secondsWaiting: secondsWaiting
  terminalTimeoutSeconds: terminalTimeoutSeconds
  delayToCancelSeconds: delayToCancelSeconds
  delayToAutoSettleSeconds: delayToAutoSettleSeconds
  delayToAutoSettleAfterAntifraudSeconds: delayToAutoSettleAfterAntifraudSeconds
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

// Named after the environment, so an alert's email says which one (sandbox or production) fired.
module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: environmentName
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    alertEmailAddress: alertEmailAddress
  }
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    displayName: 'PosConnector payments (${environmentName})'
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storageAccount
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    skuName: storageSkuName
    tableNames: connectorTableNames
    queueNames: connectorQueueNames
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: names.serviceBusNamespace
    location: location
    tags: tags
    terminalCommandsQueueName: terminalCommandsQueueName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    publicNetworkAccess: keyVaultPublicNetworkAccess
    vtexMerchantAppKey: vtexMerchantAppKey
    vtexMerchantAppToken: vtexMerchantAppToken
    vtexCallbackAppKey: vtexCallbackAppKey
    vtexCallbackAppToken: vtexCallbackAppToken
    submitTokenSecret: submitTokenSecret
    adminKey: adminKey
    terminalSecretEncryptionKey: terminalSecretEncryptionKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    terminalCommandsQueueName: serviceBus.outputs.terminalCommandsQueueName
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
    terminalBridgePrincipalId: terminalBridgePrincipalId
    terminalBridgePrincipalType: terminalBridgePrincipalType
  }
}

module api 'app/func.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppResolvedName
    planName: names.appServicePlan
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    terminalCommandsQueueName: serviceBus.outputs.terminalCommandsQueueName
    taskHubName: taskHubName
    secretUris: keyVault.outputs.secretUris
    vtexAccountName: vtexAccountName
    paymentTiming: paymentTiming
    maximumInstanceCount: maximumInstanceCount
    durableAlwaysReadyInstanceCount: durableAlwaysReadyInstanceCount
    httpAlwaysReadyInstanceCount: httpAlwaysReadyInstanceCount
  }
  // The identity must hold its storage and Key Vault roles before the host starts and resolves references.
  dependsOn: [
    rbac
  ]
}

// ---- Outputs (azd stores them in the environment). No secret values here. ----
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output SERVICE_API_NAME string = api.outputs.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
@description('Base URL to register in VTEX for this environment (the PPP routes live under /api).')
output VTEX_SERVICE_URL string = '${api.outputs.uri}/api'
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_SERVICEBUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_SERVICEBUS_TERMINAL_COMMANDS_QUEUE string = serviceBus.outputs.terminalCommandsQueueName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output TASKHUB_NAME string = taskHubName
