// A workbook in Application Insights with the metrics users chart: payments by final status, payments past their
// deadline, terminal result latency, result -> callback latency, callback attempts and abandonments, commands re-sent
// (the connector's OpenTelemetry instruments of meter 'PosConnector', in `customMetrics`), and Create Payment latency
// (the Functions host's `requests`). The charts live in workbook.json; the infra tests check its queries.

import { tagsType } from 'types.bicep'

@description('Name shown in the portal\'s Workbooks gallery.')
param displayName string

@description('Azure region.')
param location string

@description('Tags for the workbook.')
param tags tagsType

@description('Application Insights component the workbook reads and is listed under.')
param applicationInsightsName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's name must be a GUID; this one is stable per component, so a redeploy updates it in place.
  name: guid(applicationInsights.id, 'posconnector-payments-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: loadTextContent('workbook.json')
  }
}

output name string = workbook.name
