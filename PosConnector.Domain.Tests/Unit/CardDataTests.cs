using PosConnector.Domain.Security;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Card numbers hidden, card fragments checked, long texts clipped.</summary>
public sealed class CardDataTests
{
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

    [Fact]
    public void CardData_NullAndLongText_AreHandled()
    {
        Assert.Null(CardData.MaskPans(null));
        Assert.Null(CardData.Clip(null));
        Assert.Equal(200, CardData.Clip(new string('x', 500))!.Length);
        Assert.Equal("short", CardData.Clip("short"));
    }
}
