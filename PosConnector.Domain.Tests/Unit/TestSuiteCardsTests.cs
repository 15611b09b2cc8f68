using PosConnector.Domain.Payments;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>The VTEX test suite's cards and the flow each one asks for.</summary>
public sealed class TestSuiteCardsTests
{
    [Theory]
    [InlineData("4444333322221111", TestSuiteFlow.Approved)]
    [InlineData("4444333322221112", TestSuiteFlow.Denied)]
    [InlineData("4222222222222224", TestSuiteFlow.AsyncApproved)]
    [InlineData("4222222222222225", TestSuiteFlow.AsyncDenied)]
    [InlineData("4111111111111111", null)]
    [InlineData(null, null)]
    public void TestSuiteCards_FlowFor_MapsOnlyTheFourTestCards(string? card, TestSuiteFlow? flow) =>
        Assert.Equal(flow, TestSuiteCards.FlowFor(card));
}
