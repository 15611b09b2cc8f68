using PosConnector.Domain.Payments;
using PosConnector.Domain.Security;
using PosConnector.Domain.Terminals;
using PosConnector.Domain.Vtex;
using PosConnector.Functions.Orchestration;
using PosConnector.VirtualTerminal;
using Xunit;
using static PosConnector.Functions.Tests.TestSupport.DeciderSpec;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>The small pure rules around the decider: signatures, backoff, orchestration steps, card data, terminal rules.</summary>
public sealed class SmallRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TerminalSignature_Verify_AcceptsOnlyTheRightSecretBodyAndTime()
    {
        var header = TerminalSignature.Create("secret-0123456789", Now, "{\"a\":1}");

        Assert.Equal(SignatureCheck.Valid, TerminalSignature.Verify(header, "secret-0123456789", "{\"a\":1}", Now.AddSeconds(300)));
        Assert.Equal(SignatureCheck.Valid, TerminalSignature.Verify(header, "secret-0123456789", "{\"a\":1}", Now.AddSeconds(-300)));
        Assert.Equal(SignatureCheck.Expired, TerminalSignature.Verify(header, "secret-0123456789", "{\"a\":1}", Now.AddSeconds(301)));
        Assert.Equal(SignatureCheck.Mismatch, TerminalSignature.Verify(header, "other-secret-0123", "{\"a\":1}", Now));
        Assert.Equal(SignatureCheck.Mismatch, TerminalSignature.Verify(header, "secret-0123456789", "{\"a\":2}", Now));
        Assert.Equal(SignatureCheck.Missing, TerminalSignature.Verify(null, "secret-0123456789", "{}", Now));
        Assert.Equal(SignatureCheck.Malformed, TerminalSignature.Verify("t=abc,v1=00", "secret-0123456789", "{}", Now));
        Assert.Equal(SignatureCheck.Malformed, TerminalSignature.Verify("v1=00", "secret-0123456789", "{}", Now));
    }

    [Fact]
    public void TerminalSignature_Create_MatchesTheDocumentedFormat()
    {
        var header = TerminalSignature.Create("k", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), "body");

        // The documented formula, computed here without the production helper.
        Assert.Equal("t=1700000000,v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "k"u8.ToArray(), "1700000000.body"u8.ToArray())), header);
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(4, 5000)]
    [InlineData(10, 5000)]
    public void CallbackBackoff_DelayAfter_GrowsExponentiallyUpToTheCap(int attempt, int expectedMs)
    {
        var delay = CallbackBackoff.DelayAfter(attempt, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void CallbackBackoff_ShouldRetry_StopsAfterTheGiveUpTime()
    {
        Assert.True(CallbackBackoff.ShouldRetry(Now, Now));
        Assert.False(CallbackBackoff.ShouldRetry(Now.AddTicks(1), Now));
    }

    [Fact]
    public void PaymentOrchestration_Next_FollowsThePaymentsState()
    {
        var charging = Given(Charging())!;
        var approved = Given(Approved())!;
        var delivered = PaymentDecider.Decide(approved, new PaymentEvent.CallbackDelivered(1), Now).State!;

        Assert.IsType<OrchestrationStep.Complete>(PaymentOrchestration.Next(null));
        Assert.Equal(new OrchestrationStep.WaitForChangeOrDeadline(charging.Deadline!.Value), PaymentOrchestration.Next(charging));
        Assert.IsType<OrchestrationStep.WaitForChange>(PaymentOrchestration.Next(Given(Created())));
        var callback = Assert.IsType<OrchestrationStep.DeliverCallback>(PaymentOrchestration.Next(approved)).Callback;
        Assert.Equal((PaymentId, 1), (callback.PaymentId, callback.Attempt));
        Assert.Equal(approved.CreatedAt.AddSeconds(approved.Terms.DelayToCancel), callback.GiveUpAt);
        Assert.IsType<OrchestrationStep.Complete>(PaymentOrchestration.Next(delivered));
    }

    [Theory]
    [InlineData("4111 1111 1111 1111", "*******************")]
    [InlineData("card 5500-0000-0000-0004 ok", "card ******************* ok")]
    [InlineData("NSU 12345678901", "NSU 12345678901")]
    public void CardData_MaskPans_HidesCardNumbersOnly(string text, string expected) =>
        Assert.Equal(expected, CardData.MaskPans(text));

    [Theory]
    [InlineData("411111", "411111")]
    [InlineData("4111111", null)]
    [InlineData("41111a", null)]
    public void CardData_FirstSix_AcceptsExactlySixDigits(string value, string? expected) =>
        Assert.Equal(expected, CardData.FirstSix(value));

    [Theory]
    [InlineData(10.01, TerminalResultStatus.Declined)]
    [InlineData(10.04, TerminalResultStatus.Failed)]
    [InlineData(10.00, TerminalResultStatus.Approved)]
    [InlineData(31.90, TerminalResultStatus.Approved)]
    public void TerminalBehaviour_ChargeCents_PickTheOutcome(decimal amount, TerminalResultStatus expected)
    {
        var plan = TerminalBehaviour.PlanFor(Command(TerminalCommandType.Charge, amount), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        Assert.Equal(expected, plan.Result!.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.After);
    }

    [Fact]
    public void TerminalBehaviour_SpecialCents_NeverAnswerOrApproveLate()
    {
        var silent = TerminalBehaviour.PlanFor(Command(TerminalCommandType.Charge, 10.02m), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var late = TerminalBehaviour.PlanFor(Command(TerminalCommandType.Charge, 10.03m), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var abortLate = TerminalBehaviour.PlanFor(Command(TerminalCommandType.Abort, 10.03m), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        Assert.Null(silent.Result);
        Assert.Equal(TerminalResultStatus.Approved, late.Result!.Status);
        Assert.Equal(TimeSpan.FromSeconds(150 + 2), late.After);
        Assert.Equal(("411111", "1111", "Visa"), (late.Result.FirstDigits, late.Result.LastDigits, late.Result.CardBrand));
        Assert.Equal(TerminalResultStatus.Failed, abortLate.Result!.Status);
    }

    private static TerminalCommand Command(TerminalCommandType type, decimal amount) =>
        new("P-1", type, "P", "T-1", amount, "BRL", 1, CardType.Credit, "R", Now, Now.AddSeconds(150));

    [Fact]
    public void CallbackDelivered_NotesTheAttempts_OrThatTheSweepDeliveredIt()
    {
        var approved = Given(Approved())!;

        Assert.Equal("Callback delivered after 2 attempt(s).", Assert.Single(When(approved, new PaymentEvent.CallbackDelivered(2)).Recorded).Note);
        Assert.Equal("Callback delivered after 1 attempt(s).", Assert.Single(When(approved, new PaymentEvent.CallbackDelivered(1)).Recorded).Note);
        Assert.Equal("Callback delivered by the sweep (its retry chain was lost).",
            Assert.Single(When(approved, new PaymentEvent.CallbackDelivered(0)).Recorded).Note);
    }
}
