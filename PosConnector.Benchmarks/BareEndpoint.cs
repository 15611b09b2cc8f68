using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace PosConnector.Benchmarks;

/// <summary>
/// The floor Create Payment is measured against: a bare ASP.NET endpoint on loopback that parses the same body and does
/// the one storage request the call cannot avoid, on the same Azurite: an insert for a new payment (<c>/payments</c>),
/// a point read for a repeat (<c>/payments/poll</c>, the wait app's poll). No auth, validation, decision or logging.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app, HttpClient client, TableClient table)
    {
        _app = app;
        Client = client;
        Table = table;
    }

    public HttpClient Client { get; }

    /// <summary>Where the endpoint writes and reads: a poll finds the rows inserted here.</summary>
    public TableClient Table { get; }

    public static async Task<BareEndpoint> StartAsync(string storageConnectionString)
    {
        var table = new TableServiceClient(storageConnectionString).GetTableClient("bare" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateIfNotExistsAsync();

        var (app, baseUrl) = LoopbackApp.Create();
        app.MapPost("/payments", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
            var paymentId = PaymentId(body);
            await table.AddEntityAsync(new TableEntity(paymentId, "state|" + paymentId) { ["State"] = body!.ToJsonString() }, ct);
            return Results.Json(new { paymentId, status = "undefined" });
        });
        app.MapPost("/payments/poll", async (HttpRequest request, CancellationToken ct) =>
        {
            var paymentId = PaymentId(await JsonNode.ParseAsync(request.Body, cancellationToken: ct));
            var row = await table.GetEntityIfExistsAsync<TableEntity>(paymentId, "state|" + paymentId, cancellationToken: ct);
            return row.HasValue ? Results.Json(new { paymentId, status = "undefined" }) : Results.NotFound();
        });
        await app.StartAsync();
        return new BareEndpoint(app, new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) }, table);
    }

    private static string PaymentId(JsonNode? body) =>
        body?["paymentId"]?.GetValue<string>() ?? throw new BadHttpRequestException("paymentId is required");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
