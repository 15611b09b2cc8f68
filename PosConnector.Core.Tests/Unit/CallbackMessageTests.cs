using PosConnector.Core.Json;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The callback message is the Create Payment answer of the stored state.</summary>
public sealed class CallbackMessageTests
{
    [Fact]
    public void CallbackMessage_For_IsTheCreatePaymentAnswerOfTheStoredState()
    {
        var state = Given(Approved())!;

        var message = CallbackMessage.For(state, attempt: 3);

        Assert.Equal(state.PaymentId, message.PaymentId);
        Assert.Equal((state.Order.CallbackUrl, PosConnectorJson.Serialize(PaymentAnswers.CreatePayment(state))), CallbackMessage.PostFor(state));
        Assert.Equal(state.CreatedAt.AddSeconds(state.Terms.DelayToCancel), message.GiveUpAt);
        Assert.Equal(3, message.Attempt);
    }

    [Fact]
    public void CallbackMessage_ForADecisionsNotifyEffect_IsTheFirstAttemptAtTheSameCallback()
    {
        var state = Given(Approved())!;
        var notify = new PaymentEffect.NotifyVtex(state.CreatedAt.AddSeconds(600));

        var message = CallbackMessage.For(state.PaymentId, notify);

        Assert.Equal(CallbackMessage.For(state, attempt: 1) with { GiveUpAt = notify.GiveUpAt }, message);
        Assert.Equal(state.CreatedAt.AddSeconds(600), message.GiveUpAt);
    }
}
