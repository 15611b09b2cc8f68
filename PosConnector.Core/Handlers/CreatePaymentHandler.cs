using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Security;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;

namespace PosConnector.Core.Handlers;

/// <summary>Create Payment: never waits on the terminal; answers from stored state only.</summary>
public sealed class CreatePaymentHandler(
    PaymentEngine engine, SubmitUrlSigner signer, CallbackUrlPolicy callbackUrls, IOptions<PaymentOptions> options)
{
    /// <summary>The manifest's custom field; its value arrives in merchantSettings.</summary>
    public const string StoreCodeSetting = "Store code";

    public async Task<HandlerResult> HandleAsync(CreatePaymentRequest request, bool isTestSuite, VtexCaller caller, CancellationToken ct)
    {
        var testSuiteFlow = isTestSuite ? TestSuiteCards.FlowFor(request.Card?.Number) : null;
        if (isTestSuite && testSuiteFlow is null && !string.IsNullOrEmpty(request.Card?.Number))
        {
            return HandlerResult.Error(400, "unknown-test-card", "This card number is not one of the Test Suite's test cards.");
        }

        var (order, error) = CreatePaymentValidator.Validate(request, testSuiteFlow);
        if (order is null)
        {
            return new HandlerResult(400, error!);
        }

        // Whatever the credentials: the partner's own key must never be posted anywhere but VTEX.
        if (callbackUrls.Check(order.CallbackUrl) is { } refused)
        {
            return HandlerResult.Error(400, "callback-url-not-allowed", refused);
        }

        var paymentId = request.PaymentId!;
        using var step = PaymentSpans.Begin(PaymentStep.Create, paymentId);
        order = order with { MerchantName = caller.MerchantFor(request.MerchantName), StoreCode = StoreCode(request.MerchantSettings) };
        // Most Create Payment calls are repeats: the wait app polls Create Payment for the whole wait (dozens of calls per
        // payment). So read first, and answer a repeat that changes nothing from that one read; only a payment not found
        // is inserted (and if a concurrent first Create inserted it meanwhile, the engine reads it and decides again).
        var created = new PaymentEvent.CreatePaymentCalled(paymentId, order, TermsFrom(options.Value), testSuiteFlow);
        var stored = await engine.LoadAsync(paymentId, ct);
        if (stored is not null && !caller.Owns(stored.State.Order.MerchantName))
        {
            return OtherMerchant(paymentId);
        }

        var decision = stored is null
            ? await engine.ApplyToNewAsync(paymentId, created, ct)
            : await engine.ApplyAsync(paymentId, created, stored, ct);
        var state = decision.State!;
        if (!caller.Owns(state.Order.MerchantName))
        {
            return OtherMerchant(paymentId);
        }

        // A repeat that asks for another amount than the stored payment: refused by the decider, nothing changed.
        if (decision.Rejection is { Code: PaymentDecider.AmountMismatch } mismatch)
        {
            return HandlerResult.Error(409, mismatch.Code, mismatch.Message);
        }

        return HandlerResult.Ok(PaymentAnswers.CreatePayment(state, signer.SubmitUrlFor(paymentId)));
    }

    private static HandlerResult OtherMerchant(string paymentId)
    {
        PaymentSpans.Refused("payment-id-conflict");
        return HandlerResult.Error(409, "payment-id-conflict", $"Payment {paymentId} belongs to another merchant.");
    }

    internal static string? StoreCode(IReadOnlyList<MerchantSetting>? settings) =>
        settings?.FirstOrDefault(s => string.Equals(s.Name?.Trim(), StoreCodeSetting, StringComparison.OrdinalIgnoreCase))?.Value?.Trim()
            is { Length: > 0 and <= 100 } code ? code : null;

    private static PaymentTerms TermsFrom(PaymentOptions o) => new(
        o.SecondsWaiting, o.TerminalTimeoutSeconds, o.DelayToCancelSeconds,
        o.DelayToAutoSettleSeconds, o.DelayToAutoSettleAfterAntifraudSeconds, o.TestSuiteCallbackDelaySeconds);
}
