using PosConnector.Core.Http;
using PosConnector.Domain.Ppp;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>Unknown routes and wrong methods answer in the PPP error shape.</summary>
public sealed class StatusAnswersTests
{
    [Fact]
    public void StatusAnswers_UnknownRouteAndWrongMethod_AreNamed()
    {
        var notFound = StatusAnswers.For(404, "GET", null);
        var wrongMethod = StatusAnswers.For(405, "DELETE", "GET, POST");
        var longMethod = StatusAnswers.For(405, new string('X', 500), null);

        Assert.Equal((404, "not-found"), (notFound.StatusCode, ((PppError)notFound.Body).Code));
        Assert.Equal((405, "method-not-allowed"), (wrongMethod.StatusCode, ((PppError)wrongMethod.Body).Code));
        Assert.Equal("DELETE is not allowed on this route; use GET, POST.", ((PppError)wrongMethod.Body).Message);
        Assert.True(((PppError)longMethod.Body).Message.Length < 100);
    }
}
