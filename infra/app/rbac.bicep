// Least-privilege data-plane role assignments.
// The app's user-assigned identity gets exactly what the connector uses: storage blob (host + deployment
// package), queue and table (Durable task hub, payment state), Service Bus *send* on the one queue it writes,
// Key Vault secret reads (Key Vault references) and telemetry ingestion.
// The optional deployer principal (azd sets AZURE_PRINCIPAL_ID) gets the same storage and telemetry roles
// plus send/receive on the queue, so the app and the virtual terminal can run locally against Azure.
// The optional terminal bridge principal gets Azure Service Bus Data Receiver on the command queue.
// Assignment names are guid(scope.id, principalId, roleDefinitionId): stable across redeployments.

@description('Storage account used by the function app.')
param storageAccountName string

@description('Service Bus namespace holding the terminal command queue.')
param serviceBusNamespaceName string

@description('Terminal command queue; the app only sends to it.')
param terminalCommandsQueueName string

@description('Key Vault holding the connector secrets.')
param keyVaultName string

@description('Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Principal (object) id of the function app\'s user-assigned identity.')
param identityPrincipalId string

@description('Optional principal id of the deployer for local debugging; empty grants nothing.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Optional principal id of the terminal bridge that receives terminal commands; empty grants nothing.')
param terminalBridgePrincipalId string = ''

@description('Type of terminalBridgePrincipalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param terminalBridgePrincipalType string = 'ServicePrincipal'

var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
var serviceBusDataSenderRoleId = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' // Azure Service Bus Data Sender
var serviceBusDataReceiverRoleId = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' // Azure Service Bus Data Receiver
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher

var grantDeployer = !empty(principalId)
var grantTerminalBridge = !empty(terminalBridgePrincipalId)

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource terminalCommandsQueue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' existing = {
  parent: serviceBusNamespace
  name: terminalCommandsQueueName
}

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// ---- Function app identity ----

// AzureWebJobsStorage (host locks, timers) and the Flex Consumption deployment container.
resource appBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, identityPrincipalId, storageBlobDataOwnerRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Durable Functions control and work-item queues.
resource appQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, identityPrincipalId, storageQueueDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageQueueDataContributorRoleId
    )
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Durable Functions history/instance tables and the connector's payment and terminal tables.
resource appTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, identityPrincipalId, storageTableDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageTableDataContributorRoleId
    )
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The app only sends terminal commands; terminals (or their bridge) receive them.
resource appServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(terminalCommandsQueue.id, identityPrincipalId, serviceBusDataSenderRoleId)
  scope: terminalCommandsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSenderRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault references in the app settings.
resource appKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identityPrincipalId, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Entra ID telemetry ingestion (Application Insights has local auth disabled).
resource appMonitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      monitoringMetricsPublisherRoleId
    )
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Deployer (local debugging), only when principalId is set ----

resource deployerBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDeployer) {
  name: guid(storageAccount.id, principalId, storageBlobDataOwnerRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: principalId
    principalType: principalType
  }
}

resource deployerQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDeployer) {
  name: guid(storageAccount.id, principalId, storageQueueDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageQueueDataContributorRoleId
    )
    principalId: principalId
    principalType: principalType
  }
}

resource deployerTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDeployer) {
  name: guid(storageAccount.id, principalId, storageTableDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageTableDataContributorRoleId
    )
    principalId: principalId
    principalType: principalType
  }
}

resource deployerServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDeployer) {
  name: guid(terminalCommandsQueue.id, principalId, serviceBusDataSenderRoleId)
  scope: terminalCommandsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSenderRoleId)
    principalId: principalId
    principalType: principalType
  }
}

// The virtual terminal, run locally, consumes the queue.
resource deployerServiceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDeployer) {
  name: guid(terminalCommandsQueue.id, principalId, serviceBusDataReceiverRoleId)
  scope: terminalCommandsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiverRoleId)
    principalId: principalId
    principalType: principalType
  }
}

resource deployerMonitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantDeployer) {
  name: guid(applicationInsights.id, principalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      monitoringMetricsPublisherRoleId
    )
    principalId: principalId
    principalType: principalType
  }
}

// ---- Terminal bridge, only when terminalBridgePrincipalId is set ----

// The bridge (PosConnector.VirtualTerminal/ServiceBusCommandSource.cs is the reference) receives and settles the
// commands of its terminals' sessions; it never sends, so it gets Receiver only, on this one queue.
resource terminalBridgeServiceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantTerminalBridge) {
  name: guid(terminalCommandsQueue.id, terminalBridgePrincipalId, serviceBusDataReceiverRoleId)
  scope: terminalCommandsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiverRoleId)
    principalId: terminalBridgePrincipalId
    principalType: terminalBridgePrincipalType
  }
}
