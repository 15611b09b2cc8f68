// Production: the endpoint registered as the connector's production URL in VTEX. Deploy with
//   az deployment sub create --location <region> --template-file infra/main.bicep --parameters infra/environments/production.bicepparam
// The secrets come from environment variables (CI secrets); compilation fails while one is unset.
using '../main.bicep'

param environmentName = 'posconnector-production'
// The region is part of every resource name's token: changing it creates a new set of resources.
param location = 'eastus2'

// No personal data-plane access in production.
param principalId = ''

// Optional: the terminal bridge's identity gets Azure Service Bus Data Receiver on the command queue.
param terminalBridgePrincipalId = readEnvironmentVariable('TERMINAL_BRIDGE_PRINCIPAL_ID', '')

param storageSkuName = 'Standard_ZRS'
param maximumInstanceCount = 100
param keyVaultPublicNetworkAccess = 'Enabled'

// Who gets the alert emails (an abandoned callback, a failed void or refund, ...): required in production.
param alertEmailAddress = readEnvironmentVariable('ALERT_EMAIL_ADDRESS')

param secondsWaiting = 180
param terminalTimeoutSeconds = 150
param delayToCancelSeconds = 600
param delayToAutoSettleSeconds = 21600
param delayToAutoSettleAfterAntifraudSeconds = 1800

param vtexAccountName = readEnvironmentVariable('VTEX_ACCOUNT_NAME')
param vtexMerchantAppKey = readEnvironmentVariable('VTEX_MERCHANT_APP_KEY')
param vtexMerchantAppToken = readEnvironmentVariable('VTEX_MERCHANT_APP_TOKEN')
param vtexCallbackAppKey = readEnvironmentVariable('VTEX_CALLBACK_APP_KEY')
param vtexCallbackAppToken = readEnvironmentVariable('VTEX_CALLBACK_APP_TOKEN')
param submitTokenSecret = readEnvironmentVariable('CONNECTOR_SUBMIT_TOKEN_SECRET')
param adminKey = readEnvironmentVariable('CONNECTOR_ADMIN_KEY')
param terminalSecretEncryptionKey = readEnvironmentVariable('TERMINAL_SECRET_ENCRYPTION_KEY')
