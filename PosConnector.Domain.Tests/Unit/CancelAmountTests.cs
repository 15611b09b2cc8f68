using PosConnector.Domain.Payments;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>How a cancellation value is read: cents or decimal, and only plausible readings.</summary>
public sealed class CancelAmountTests
{
    [Theory]
    [InlineData(null, "31.90", CancelScope.Full, "31.90")]
    [InlineData("3190", "31.90", CancelScope.Full, "31.90")]
    [InlineData("31.90", "31.90", CancelScope.Full, "31.90")]
    [InlineData("1250", "31.90", CancelScope.Partial, "12.50")]
    [InlineData("12.5", "31.90", CancelScope.Partial, "12.50")]
    [InlineData("0.5", "31.90", CancelScope.Partial, "0.50")]
    [InlineData("1940", "19.40", CancelScope.Full, "19.40")]
    [InlineData("10", "31.90", CancelScope.Ambiguous, "0")]
    [InlineData("5000", "31.90", CancelScope.Implausible, "0")]
    [InlineData("31.91", "31.90", CancelScope.Implausible, "0")]
    [InlineData("0", "31.90", CancelScope.Implausible, "0")]
    [InlineData("-100", "31.90", CancelScope.Implausible, "0")]
    public void CancelAmount_Read_TriesCentsAndDecimalAndKeepsOnlyPlausibleReadings(string? value, string cancellable, CancelScope scope, string amount)
    {
        var reading = CancelAmount.Read(value is null ? null : Dec(value), Dec(cancellable));

        Assert.Equal((scope, Dec(amount)), (reading.Scope, reading.Amount));
    }

    [Fact]
    public void CancelAmount_Read_AmbiguousValue_NamesBothReadings()
    {
        var reading = CancelAmount.Read(10m, 31.90m);

        Assert.Equal([0.10m, 10m], reading.Readings);
    }

    private static decimal Dec(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
