using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using PosConnector.Domain.Ppp;

namespace PosConnector.Domain.Payments;

/// <summary>Builds every PPP answer from stored state, so repeated calls get identical bodies.</summary>
public static class PaymentAnswers
{
    public static string PppStatus(PaymentPhase phase) => phase switch
    {
        PaymentPhase.Approved => "approved",
        PaymentPhase.Denied or PaymentPhase.Cancelled => "denied",
        _ => "undefined",
    };

    /// <summary>The Create Payment answer; <paramref name="submitUrl"/> is needed only while identifying the terminal.</summary>
    public static CreatePaymentResponse CreatePayment(PaymentState state, string? submitUrl = null)
    {
        var auth = state.Phase == PaymentPhase.Approved ? state.Authorization : null;
        return new CreatePaymentResponse
        {
            PaymentId = state.PaymentId,
            Status = PppStatus(state.Phase),
            AuthorizationId = auth?.AuthorizationId,
            Nsu = auth?.Nsu,
            Tid = state.Tid,
            Acquirer = auth?.Acquirer,
            Code = state.Code,
            Message = state.Message,
            DelayToAutoSettle = state.Terms.DelayToAutoSettle,
            DelayToAutoSettleAfterAntifraud = state.Terms.DelayToAutoSettleAfterAntifraud,
            DelayToCancel = state.Terms.DelayToCancel,
            PaymentAppData = AppData(state, submitUrl),
            CardBrand = auth?.CardBrand,
            FirstDigits = auth?.FirstDigits,
            LastDigits = auth?.LastDigits,
        };
    }

    public static CancellationResponse Cancellation(string paymentId, PaymentOperation op) =>
        new(paymentId, op.Status == OperationStatus.Completed ? op.OperationId : null, op.Code, op.Message, op.RequestId);

    public static SettlementResponse Settlement(string paymentId, PaymentOperation op) =>
        new(paymentId, op.Status == OperationStatus.Completed ? op.OperationId : null,
            op.Status == OperationStatus.Completed ? op.Value : 0m, op.Code, op.Message, op.RequestId);

    public static RefundResponse Refund(string paymentId, PaymentOperation op) =>
        new(paymentId, op.Status == OperationStatus.Completed ? op.OperationId : null,
            op.Status == OperationStatus.Completed ? op.Value : 0m, op.Code, op.Message, op.RequestId);

    /// <summary>
    /// A refused Cancel, Settle or Refund: the OpenAPI gives 500 (with a null id and value 0) as the failure answer;
    /// 501 is kept for "do it manually", which makes VTEX alert the merchant.
    /// </summary>
    public const int RefusedStatus = 500;

    /// <summary>
    /// HTTP status for an operation: 200 done, 500 not final yet (VTEX retries) or a refund the terminal declined
    /// (never 501 for a refund: VTEX known issue, a null refundId with refund-manually makes the gateway refund twice),
    /// 501 a cancellation to do manually.
    /// </summary>
    public static int HttpStatus(PaymentOperation op) => op.Status switch
    {
        OperationStatus.Completed => 200,
        OperationStatus.Pending or OperationStatus.Failed => 500,
        _ => 501,
    };

    private static PaymentAppData? AppData(PaymentState state, string? submitUrl) => state.Phase switch
    {
        PaymentPhase.IdentifyingTerminal when submitUrl is not null =>
            new(PaymentAppData.TerminalConnectorApp, SubmitUrlPayload(submitUrl)),
        PaymentPhase.TerminalIdentified or PaymentPhase.AwaitingTerminal when state.TestSuiteFlow is null =>
            new(PaymentAppData.WaitForConfirmationApp,
                string.Create(CultureInfo.InvariantCulture, $"{{\"secondsWaiting\":{state.WaitSeconds ?? state.Terms.SecondsWaiting}}}")),
        _ => null,
    };

    /// <summary>The terminal-connector app's payload: a string of serialized JSON, escaped as any JSON writer would.</summary>
    private static string SubmitUrlPayload(string submitUrl) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["submitUrl"] = submitUrl }, PayloadOptions);

    private static readonly JsonSerializerOptions PayloadOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
