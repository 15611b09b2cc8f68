using PosConnector.Core.Handlers;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The verdict on a submitted serial: the merchant's terminals, store-bound terminals.</summary>
public sealed class SubmitSerialHandlerTests
{
    public static TheoryData<string, string, bool, string?, TerminalVerdict> Terminals() => new()
    {
        { "storea", "", true, null, TerminalVerdict.Accepted },
        { "STOREA", "", true, "S1", TerminalVerdict.Accepted },
        { "storeb", "", true, null, TerminalVerdict.Unknown },
        { "storeb", "", false, null, TerminalVerdict.Unknown },
        { "storea", "", false, null, TerminalVerdict.Disabled },
        { "storea", "S1", true, "s1", TerminalVerdict.Accepted },
        { "storea", "S1", true, "S2", TerminalVerdict.OtherStore },
        { "storea", "S1", true, null, TerminalVerdict.OtherStore },
    };

    [Theory]
    [MemberData(nameof(Terminals))]
    public void Verdict_TerminalOfAnotherMerchantIsUnknown_AndAStoreBoundTerminalServesOnlyItsStore(
        string terminalMerchant, string terminalStore, bool enabled, string? paymentStore, TerminalVerdict expected)
    {
        var terminal = new TerminalRecord("T-1", terminalMerchant, "", "secret-secret-secret", enabled, DateTimeOffset.UnixEpoch, terminalStore);

        Assert.Equal(expected, SubmitSerialHandler.Verdict(terminal, DeciderSpec.Order() with { MerchantName = "storea", StoreCode = paymentStore }));
    }

    [Fact]
    public void Verdict_PaymentWithoutMerchant_MatchesNoTerminal()
    {
        var terminal = new TerminalRecord("T-1", "", "", "secret-secret-secret", true, DateTimeOffset.UnixEpoch);

        Assert.Equal(TerminalVerdict.Unknown, SubmitSerialHandler.Verdict(terminal, DeciderSpec.Order() with { MerchantName = "" }));
        Assert.Equal(TerminalVerdict.Unknown, SubmitSerialHandler.Verdict(null, DeciderSpec.Order()));
    }
}
