using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Ppp;
using PosConnector.Core.Security;

namespace PosConnector.Core.Handlers;

/// <summary>Create Payment: never waits on the terminal; answers from stored state only.</summary>
public sealed class CreatePaymentHandler(PaymentEngine engine, SubmitUrlSigner signer, IOptions<PaymentOptions> options)
{
    public async Task<HandlerResult> HandleAsync(CreatePaymentRequest request, bool isTestSuite, CancellationToken ct)
    {
        var testSuiteFlow = isTestSuite ? TestSuiteCards.FlowFor(request.Card?.Number) : null;
        if (isTestSuite && testSuiteFlow is null && !string.IsNullOrEmpty(request.Card?.Number))
        {
            return HandlerResult.Error(400, "unknown-test-card", "This card number is not one of the Test Suite's test cards.");
        }

        var (order, error) = CreatePaymentValidator.Validate(request, testSuiteFlow);
        if (order is null)
        {
            return HandlerResult.Error(400, "invalid-request", error!);
        }

        var paymentId = request.PaymentId!;
        var decision = await engine.ApplyAsync(paymentId,
            new PaymentEvent.CreatePaymentCalled(paymentId, order, TermsFrom(options.Value), testSuiteFlow), ct);
        var state = decision.State!;
        return HandlerResult.Ok(PaymentAnswers.CreatePayment(state, signer.SubmitUrlFor(paymentId)));
    }

    private static PaymentTerms TermsFrom(PaymentOptions o) => new(
        o.SecondsWaiting, o.TerminalTimeoutSeconds, o.DelayToCancelSeconds,
        o.DelayToAutoSettleSeconds, o.DelayToAutoSettleAfterAntifraudSeconds, o.TestSuiteCallbackDelaySeconds);
}
