// User-assigned managed identity the function app runs as. Every data-plane call (storage, Service Bus,
// Key Vault references, Application Insights ingestion) authenticates with it; rbac.bicep grants its roles.

import { tagsType } from 'types.bicep'

@description('Name of the user-assigned identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags tagsType

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
