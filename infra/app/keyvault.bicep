// Key Vault holding the connector's secrets. Access is Azure RBAC only (no access policies); the app's
// identity reads them through Key Vault references (Key Vault Secrets User, see rbac.bicep).
// Secret values arrive as @secure() parameters and leave only as versionless secret URIs.

import { secretUrisType, tagsType } from 'types.bicep'

@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags tagsType

@description('Disabled requires private networking for the function app; Key Vault references then resolve over the VNet.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('AppKey of the VTEX merchant account (checked on calls from the VTEX Payment Gateway).')
@secure()
param vtexMerchantAppKey string

@description('AppToken of the VTEX merchant account.')
@secure()
param vtexMerchantAppToken string

@description('AppKey the connector sends with callbacks to VTEX.')
@secure()
param vtexCallbackAppKey string

@description('AppToken the connector sends with callbacks to VTEX.')
@secure()
param vtexCallbackAppToken string

@description('HMAC secret that signs the submitUrl token.')
@secure()
param submitTokenSecret string

@description('X-Admin-Key for the operator routes.')
@secure()
param adminKey string

@description('AES-256 key (base64) that encrypts terminal secrets at rest.')
@secure()
param terminalSecretEncryptionKey string

// Secret names in the vault; main.bicep maps them to app settings.
var secretNames = {
  vtexMerchantAppKey: 'vtex-merchant-app-key'
  vtexMerchantAppToken: 'vtex-merchant-app-token'
  vtexCallbackAppKey: 'vtex-callback-app-key'
  vtexCallbackAppToken: 'vtex-callback-app-token'
  submitTokenSecret: 'connector-submit-token-secret'
  adminKey: 'connector-admin-key'
  terminalSecretEncryptionKey: 'terminal-secret-encryption-key'
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  // checkov:skip=CKV_AZURE_109: public access is a parameter: the Flex Consumption app has no virtual network here, so it reaches the vault's public endpoint (RBAC and its identity only); Disabled needs private networking
  // checkov:skip=CKV_AZURE_189: same reason as CKV_AZURE_109
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny'
    }
  }
}

resource vtexMerchantAppKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  // checkov:skip=CKV_AZURE_41: no expiry date: these credentials have no fixed lifetime; they are rotated by hand (docs/operations.md#key-and-secret-rotation)
  parent: vault
  name: secretNames.vtexMerchantAppKey
  properties: {
    contentType: 'text/plain'
    value: vtexMerchantAppKey
  }
}

resource vtexMerchantAppTokenSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  // checkov:skip=CKV_AZURE_41: no expiry date: these credentials have no fixed lifetime; they are rotated by hand (docs/operations.md#key-and-secret-rotation)
  parent: vault
  name: secretNames.vtexMerchantAppToken
  properties: {
    contentType: 'text/plain'
    value: vtexMerchantAppToken
  }
}

resource vtexCallbackAppKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  // checkov:skip=CKV_AZURE_41: no expiry date: these credentials have no fixed lifetime; they are rotated by hand (docs/operations.md#key-and-secret-rotation)
  parent: vault
  name: secretNames.vtexCallbackAppKey
  properties: {
    contentType: 'text/plain'
    value: vtexCallbackAppKey
  }
}

resource vtexCallbackAppTokenSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  // checkov:skip=CKV_AZURE_41: no expiry date: these credentials have no fixed lifetime; they are rotated by hand (docs/operations.md#key-and-secret-rotation)
  parent: vault
  name: secretNames.vtexCallbackAppToken
  properties: {
    contentType: 'text/plain'
    value: vtexCallbackAppToken
  }
}

resource submitTokenSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  // checkov:skip=CKV_AZURE_41: no expiry date: these credentials have no fixed lifetime; they are rotated by hand (docs/operations.md#key-and-secret-rotation)
  parent: vault
  name: secretNames.submitTokenSecret
  properties: {
    contentType: 'text/plain'
    value: submitTokenSecret
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  // checkov:skip=CKV_AZURE_41: no expiry date: these credentials have no fixed lifetime; they are rotated by hand (docs/operations.md#key-and-secret-rotation)
  parent: vault
  name: secretNames.adminKey
  properties: {
    contentType: 'text/plain'
    value: adminKey
  }
}

resource terminalSecretEncryptionKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  // checkov:skip=CKV_AZURE_41: no expiry date: these credentials have no fixed lifetime; they are rotated by hand (docs/operations.md#key-and-secret-rotation)
  parent: vault
  name: secretNames.terminalSecretEncryptionKey
  properties: {
    contentType: 'text/plain'
    value: terminalSecretEncryptionKey
  }
}

output name string = vault.name
output id string = vault.id

@description('Versionless secret URIs (not the values), for Key Vault references; a new secret version is picked up without redeploying.')
output secretUris secretUrisType = {
  vtexMerchantAppKey: vtexMerchantAppKeySecret.properties.secretUri
  vtexMerchantAppToken: vtexMerchantAppTokenSecret.properties.secretUri
  vtexCallbackAppKey: vtexCallbackAppKeySecret.properties.secretUri
  vtexCallbackAppToken: vtexCallbackAppTokenSecret.properties.secretUri
  submitTokenSecret: submitTokenSecretSecret.properties.secretUri
  adminKey: adminKeySecret.properties.secretUri
  terminalSecretEncryptionKey: terminalSecretEncryptionKeySecret.properties.secretUri
}
