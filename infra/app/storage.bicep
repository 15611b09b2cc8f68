// Storage account for the Functions host (AzureWebJobsStorage), the Flex Consumption deployment package,
// the Durable Functions task hub (queues + tables) and the connector's payment state tables.
// Shared keys are disabled: every client uses Entra ID (managed identity or the deployer's login).

import { tagsType } from 'types.bicep'

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the account.')
param tags tagsType

@description('Blob container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Replication. Zone-redundant is worth it for production where the region supports it.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('Tables the connector uses (payment state, terminal registry). The app creates nothing in Azure: they must exist.')
param tableNames string[]

@description('Storage queues the Functions host listens on or writes to, their poison queues included.')
param queueNames string[]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  // checkov:skip=CKV_AZURE_35: no virtual network here: the Flex Consumption app, azd (it uploads the package) and the deployer reach the public endpoint, with Entra ID only (shared keys off)
  // checkov:skip=CKV_AZURE_59: same reason as CKV_AZURE_35
  // checkov:skip=CKV_AZURE_206: replication is the skuName parameter: production uses Standard_ZRS (zone-redundant), sandbox Standard_LRS; the geo-redundant SKUs are allowed values
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Durable Functions creates its task hub (control and work-item queues, history and instance tables) itself.
// The connector's own tables and queues are declared here: in Azure the app creates nothing at start (only
// against Azurite), so a missing one is a deployment error, not a runtime surprise.
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainer.name
