// Alerts that page an operator: an action group (email) and one log search alert rule per operator alert the
// connector raises (PosConnector.Core/Observability/OperatorAlerts.cs lists them; the infra tests check each query
// against the code's event ids and names), plus the function app's failure rate and Create Payment latency.
//
// The queries read Application Insights' `traces` and `requests`. A log line of the isolated worker arrives in one of
// two shapes, and every query matches both:
// - forwarded by the Functions host (today): customDimensions.EventName is the worker's EventId.ToString(), which is
//   the [LoggerMessage] method name (EventId itself is absent); the message is the formatted text.
// - exported by the worker's OpenTelemetry Azure Monitor exporter: customDimensions.EventId and .EventName, and one
//   custom dimension per message field (PaymentId, Note, ...); the message may be the template.

import { tagsType } from 'types.bicep'

@description('Name prefix for the action group and the alert rules.')
param namePrefix string

@description('Azure region of the alert rules (the action group is global).')
param location string

@description('Tags for every resource.')
param tags tagsType

@description('Application Insights component the rules query.')
param applicationInsightsName string

@description('Email address that receives every alert. Empty: the rules fire and show in the portal, and nobody is paged.')
param alertEmailAddress string

@description('Create Payment answers slower than this are alerted: VTEX gives up on Create Payment after 20 s in production (docs/protocol.md §2), so the default leaves 5 s of margin.')
@minValue(1000)
@maxValue(20000)
param createPaymentLatencyThresholdMs int = 15000

@description('Failed invocations (exceptions and 5xx; 4xx answers to bad requests are not failures) per 15 minutes, in percent, above which the app is alerted.')
@minValue(1)
@maxValue(100)
param failureRatePercent int = 5

@description('Invocations needed in 15 minutes before the failure rate is judged (a single failure of a quiet app is not a rate).')
@minValue(1)
param failureRateMinimumInvocations int = 20

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'posconnect'
    enabled: true
    emailReceivers: empty(alertEmailAddress) ? [] : [
      {
        name: 'operators'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

// Both shapes of a log line (see the top of this file) give EventId or EventName, and Note.
var logEvents = '''
traces
| extend EventId = toint(customDimensions.EventId), EventName = tostring(customDimensions.EventName)
| extend Note = coalesce(tostring(customDimensions.Note), message)
'''

// One rule per entry of OperatorAlerts.All (same name, severity, event and note patterns); each query is logEvents
// followed by the alert's where clauses.
var operatorAlerts = [
  {
    name: 'callback-abandoned'
    severity: 1
    description: 'OPERATOR ALERT: VTEX never accepted the payment\'s callback before delayToCancel; VTEX has probably cancelled it. docs/operations.md#abandoned-callbacks'
    where: '| where EventId == 302 or EventName == "CallbackAbandoned"\n'
  }
  {
    name: 'callback-refused'
    severity: 1
    description: 'OPERATOR ALERT: VTEX refused a callback with 401/403; check the callback AppKey/AppToken and the owner account. docs/operations.md#vtex-callback-key'
    where: '| where EventId == 303 or EventName == "CallbackUnauthorized"\n'
  }
  {
    name: 'void-or-refund-failed'
    severity: 1
    description: 'OPERATOR ALERT: a terminal declined or failed a void or a refund; money was taken and must be returned by hand. docs/operations.md#alerts'
    where: '| where EventId == 100 or EventName == "Transition"\n| where Note matches regex @"OPERATOR ALERT: (void|refund) "\n'
  }
  {
    name: 'payment-needs-operator'
    severity: 2
    description: 'OPERATOR ALERT in a payment\'s audit trail (an ambiguous cancellation value, an unsettled remainder): read the note. docs/operations.md#alerts'
    where: '| where EventId == 100 or EventName == "Transition"\n| where Note matches regex @"OPERATOR ALERT: "\n| where not(Note matches regex @"OPERATOR ALERT: (void |refund |callback abandoned)")\n'
  }
  {
    name: 'payment-past-deadline'
    severity: 2
    description: 'OPERATOR ALERT: the sweep found a payment still waiting for its terminal after its deadline (its deadline step did not run) and applied it. docs/operations.md#the-sweep'
    where: '| where EventId == 483 or EventName == "PastDeadline"\n'
  }
  {
    name: 'message-poisoned'
    severity: 2
    description: 'OPERATOR ALERT: a message landed on pos-wakeups-poison or pos-outbox-poison. docs/operations.md#poison-messages'
    where: '| where EventId == 506 or EventName == "PoisonMessage"\n'
  }
]

// Every matching log line notifies (stateless): each one is a payment someone must look at.
resource operatorAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in operatorAlerts: {
    name: '${namePrefix}-${alert.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: '${namePrefix} ${alert.name}'
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT5M'
      autoMitigate: false
      criteria: {
        allOf: [
          {
            query: '${logEvents}${alert.where}'
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

// Requests are the Functions host's invocations, named by function. HTTP 4xx is a correct answer to a bad request;
// a failed invocation of a queue or timer trigger has no HTTP code and counts.
var failureRateQuery = '''
requests
| extend Code = toint(resultCode)
| summarize Invocations = count(), Failed = countif(success == false and not(isnotnull(Code) and Code between (400 .. 499)))
| extend FailedPercent = 100.0 * Failed / Invocations
'''

resource failureRateRule 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-failure-rate'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix} failure-rate'
    description: 'More than ${failureRatePercent}% of the function app\'s invocations failed (exceptions, 5xx) over 15 minutes.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '${failureRateQuery}| where Invocations >= ${failureRateMinimumInvocations}\n'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'FailedPercent'
          operator: 'GreaterThan'
          threshold: failureRatePercent
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// The function's name (PppFunctions.CreatePayment) names its requests.
var createPaymentLatencyQuery = '''
requests
| where name == "CreatePayment"
'''

resource createPaymentLatencyRule 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-create-payment-latency'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix} create-payment-latency'
    description: 'A Create Payment took longer than ${createPaymentLatencyThresholdMs} ms; VTEX gives up after 20 s in production and 5 s in the Test Suite.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '${createPaymentLatencyQuery}| where duration > ${createPaymentLatencyThresholdMs}\n'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

output actionGroupName string = actionGroup.name
output alertRuleNames string[] = concat(
  map(operatorAlerts, alert => '${namePrefix}-${alert.name}'),
  [failureRateRule.name, createPaymentLatencyRule.name]
)
