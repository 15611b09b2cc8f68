using System.Net;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// What Create Payment costs in storage requests, over real HTTP and Azurite. The wait app polls Create Payment for the
/// whole wait, so a repeat that changes nothing must cost one point read, and nothing else. A new payment also writes its
/// search index row, after the response's commit and off its path.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CreatePaymentStorageCostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreatePayment_RepeatedWhileIdentifying_CostsOnePointReadEach()
    {
        var recorder = new StorageRequestRecorder();
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(),
            configure: b => b.Services.AddSingleton<HttpPipelinePolicy>(recorder));
        using var client = new PppClient(connector.BaseUrl);
        var id = Payments.NewId();
        var body = Payments.Create(id, 21.50m, "http://127.0.0.1:9/callback");

        var first = await client.CreatePaymentAsync(body);
        // The new payment's search index row is written off the request's path: counted before the polls, not in them.
        await IndexWrittenAsync(recorder, id);
        var afterFirst = recorder.For(id).Count;
        for (var poll = 0; poll < 5; poll++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.CreatePaymentAsync(body)).Status);
        }

        var polls = recorder.For(id).Skip(afterFirst).ToList();
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(5, polls.Count);
        Assert.All(polls, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task CreatePayment_New_CostsOneReadOneInsertAndOneIndexWrite()
    {
        var recorder = new StorageRequestRecorder();
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(),
            configure: b => b.Services.AddSingleton<HttpPipelinePolicy>(recorder));
        using var client = new PppClient(connector.BaseUrl);
        var id = Payments.NewId();

        var first = await client.CreatePaymentAsync(Payments.Create(id, 21.50m, "http://127.0.0.1:9/callback"));

        await IndexWrittenAsync(recorder, id);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(["GET", "POST", "PUT"], recorder.For(id).Select(r => r.Method));
        Assert.Contains("paymentindex", recorder.For(id)[2].Uri, StringComparison.Ordinal);
    }

    private static async Task IndexWrittenAsync(StorageRequestRecorder recorder, string paymentId)
    {
        var giveUpAt = DateTime.UtcNow.AddSeconds(30);
        while (!recorder.For(paymentId).Any(r => r.Uri.Contains("paymentindex", StringComparison.Ordinal)) && DateTime.UtcNow < giveUpAt)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
