// Types shared between main.bicep and the modules.

@export()
@description('Resource tags.')
type tagsType = { *: string }

@export()
@description('Versionless Key Vault secret URIs, one per secret setting (URIs only, never values).')
type secretUrisType = {
  vtexMerchantAppKey: string
  vtexMerchantAppToken: string
  vtexCallbackAppKey: string
  vtexCallbackAppToken: string
  submitTokenSecret: string
  adminKey: string
  terminalSecretEncryptionKey: string
}

@export()
@description('Payment timing the connector answers VTEX with, in seconds.')
type paymentTimingType = {
  @description('Seconds the connector waits for the terminal before aborting; below secondsWaiting (the app checks at start).')
  terminalTimeoutSeconds: int
  @description('secondsWaiting in the vtex.challenge-wait-for-confirmation answer.')
  secondsWaiting: int
  @description('delayToCancel: VTEX cancels the payment when it is still undefined after this.')
  delayToCancelSeconds: int
  @description('delayToAutoSettle after approval.')
  delayToAutoSettleSeconds: int
  @description('delayToAutoSettleAfterAntifraud.')
  delayToAutoSettleAfterAntifraudSeconds: int
}
