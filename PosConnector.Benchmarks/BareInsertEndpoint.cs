using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace PosConnector.Benchmarks;

/// <summary>
/// The floor a first Create Payment is measured against: a bare ASP.NET endpoint on loopback that parses the same body
/// and does the one storage request a new payment cannot avoid, an insert, on the same Azurite. No auth, validation,
/// decision or logging.
/// </summary>
internal sealed class BareInsertEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareInsertEndpoint(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<BareInsertEndpoint> StartAsync(string storageConnectionString)
    {
        var table = new TableServiceClient(storageConnectionString).GetTableClient("bare" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateIfNotExistsAsync();

        var (app, baseUrl) = LoopbackApp.Create();
        app.MapPost("/payments", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
            var paymentId = body?["paymentId"]?.GetValue<string>() ?? throw new BadHttpRequestException("paymentId is required");
            await table.AddEntityAsync(new TableEntity(paymentId, "state|" + paymentId) { ["State"] = body.ToJsonString() }, ct);
            return Results.Json(new { paymentId, status = "undefined" });
        });
        await app.StartAsync();
        return new BareInsertEndpoint(app, new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
