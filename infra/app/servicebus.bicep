// Service Bus namespace with the terminal command queue. Sessions (SessionId = terminal serial number) keep
// each terminal's commands in order and need the Standard tier or higher; duplicate detection drops a
// re-sent command with the same MessageId (= commandId). Local (SAS) auth is off: Entra ID only.

import { tagsType } from 'types.bicep'

@description('Name of the Service Bus namespace.')
@minLength(6)
@maxLength(50)
param name string

@description('Azure region.')
param location string

@description('Tags for the namespace.')
param tags tagsType

@description('Queue the connector sends terminal commands to.')
param terminalCommandsQueueName string = 'terminal-commands'

@description('Standard is the cheapest tier with sessions; Premium adds isolation and private endpoints.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string = 'Standard'

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource terminalCommands 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: namespace
  name: terminalCommandsQueueName
  properties: {
    requiresSession: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    // A command nobody picked up within a day is stale; keep it in the dead-letter queue for the audit.
    defaultMessageTimeToLive: 'P1D'
    deadLetteringOnMessageExpiration: true
  }
}

output name string = namespace.name
output id string = namespace.id
// serviceBusEndpoint is 'https://<ns>.servicebus.windows.net:443/'; clients want the bare host name.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output terminalCommandsQueueName string = terminalCommands.name
