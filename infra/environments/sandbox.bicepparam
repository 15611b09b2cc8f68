// Sandbox: the endpoint registered as the connector's test/sandbox URL in VTEX. Deploy with
//   az deployment sub create --location <region> --template-file infra/main.bicep --parameters infra/environments/sandbox.bicepparam
// The secrets come from environment variables (CI secrets); compilation fails while one is unset.
using '../main.bicep'

param environmentName = 'posconnector-sandbox'
// The region is part of every resource name's token: changing it creates a new set of resources.
param location = 'eastus2'

// The deployer (or a CI identity) gets data-plane roles here so the app and the virtual terminal can be
// debugged against the sandbox; empty grants nothing.
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

// Optional: the terminal bridge's identity gets Azure Service Bus Data Receiver on the command queue.
param terminalBridgePrincipalId = readEnvironmentVariable('TERMINAL_BRIDGE_PRINCIPAL_ID', '')

param storageSkuName = 'Standard_LRS'
param maximumInstanceCount = 40
param keyVaultPublicNetworkAccess = 'Enabled'

// Who gets the alert emails; empty pages nobody (the alerts still show in the portal).
param alertEmailAddress = readEnvironmentVariable('ALERT_EMAIL_ADDRESS', '')

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
