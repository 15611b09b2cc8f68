using PosConnector.Domain.Terminals;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>A terminal result: the required fields and the limit of each stored text.</summary>
public sealed class TerminalResultValidatorTests
{
    private static TerminalResult Result() => new()
    {
        CommandId = "C1", PaymentId = "P1", Type = TerminalCommandType.Charge, Status = TerminalResultStatus.Approved,
        AuthorizationId = "A", Nsu = "N", Tid = "T", Acquirer = "Q", CardBrand = "Visa", Message = "ok",
    };

    public static TheoryData<TerminalResult, string?> TerminalResults() => new()
    {
        { Result(), null },
        { Result() with { CommandId = new string('c', 128), AuthorizationId = new string('a', 64), Message = new string('m', 200) }, null },
        { Result() with { CommandId = null }, "required" },
        { Result() with { PaymentId = "bad id" }, "required" },
        { Result() with { Status = null }, "required" },
        { Result() with { CommandId = new string('c', 129) }, "commandId" },
        { Result() with { AuthorizationId = new string('a', 65) }, "authorizationId" },
        { Result() with { Nsu = new string('n', 65) }, "nsu" },
        { Result() with { Tid = new string('t', 65) }, "tid" },
        { Result() with { Acquirer = new string('q', 65) }, "acquirer" },
        { Result() with { CardBrand = new string('b', 33) }, "cardBrand" },
        { Result() with { Message = new string('m', 201) }, "message" },
    };

    [Theory]
    [MemberData(nameof(TerminalResults))]
    public void TerminalResultValidator_EachStoredText_HasItsLimit(TerminalResult result, string? mention)
    {
        var error = TerminalResultValidator.Validate(result);

        if (mention is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith(mention, error!.Replace("commandId, paymentId, type and status are ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }
}
