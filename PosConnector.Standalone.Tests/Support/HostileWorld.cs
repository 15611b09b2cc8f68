using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Storage;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>
/// The real standalone host on loopback for hostile-input tests: Kestrel limits lowered so they trip fast
/// (body over <see cref="KestrelBodyLimit"/>, body slower than 100 B/s after 2 s), every warning captured,
/// a callback receiver standing in for VTEX, terminal <see cref="Terminal"/> registered, and one payment (<see cref="QuietPaymentId"/>) waiting for its terminal.
/// </summary>
public sealed class HostileWorld(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string Terminal = "T-1";
    public const int KestrelBodyLimit = 48 * 1024;

    public string Prefix { get; } = TestEnvironment.UniquePrefix();
    public ConnectorApp Connector { get; private set; } = null!;
    public PppClient Client { get; private set; } = null!;
    public LogRecorder Logs { get; } = new();
    public string QuietPaymentId { get; } = Payments.NewId();
    public CallbackReceiver Callbacks { get; private set; } = null!;
    public string CallbackUrl => Callbacks.CallbackUrlFor("TX", QuietPaymentId);
    public Uri BaseUri => new(Connector.BaseUrl);
    public StorageClients Storage => Connector.Services.GetRequiredService<StorageClients>();

    public async ValueTask InitializeAsync()
    {
        Callbacks = await CallbackReceiver.StartAsync();
        Connector = await ConnectorApp.StartAsync(azurite.ConnectionString, Prefix, configure: builder =>
        {
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Limits.MaxRequestBodySize = KestrelBodyLimit;
                k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(2));
            });
            builder.Logging.AddProvider(Logs);
            builder.Logging.AddFilter<LogRecorder>(null, LogLevel.Information);
        });
        Client = new PppClient(Connector.BaseUrl);
        await Client.RegisterTerminalAsync(Terminal);
        var created = await Client.CreatePaymentAsync(Payments.Create(QuietPaymentId, 10m, CallbackUrl));
        if (created.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Fixture payment refused: {created.Body}");
        }
    }

    /// <summary>How many payments exist (their state rows) and every terminal row with its ETag.</summary>
    public async Task<(int Payments, string Terminals)> SnapshotAsync(CancellationToken ct)
    {
        var payments = 0;
        await foreach (var _ in Storage.Payments.QueryAsync<TableEntity>(PaymentRowKeys.StateRowsFilter, select: ["RowKey"], cancellationToken: ct))
        {
            payments++;
        }

        var terminals = new List<string>();
        await foreach (var e in Storage.Terminals.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            terminals.Add($"{e.RowKey}@{e.ETag}");
        }

        return (payments, string.Join(",", terminals.Order(StringComparer.Ordinal)));
    }

    /// <summary>The rows of one payment's partition (state, audit, outbox).</summary>
    public async Task<int> RowsOfAsync(string paymentId, CancellationToken ct)
    {
        var rows = 0;
        await foreach (var _ in Storage.Payments.QueryAsync<TableEntity>(e => e.PartitionKey == paymentId, select: ["RowKey"], cancellationToken: ct))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>Waits until the host logged the end of a request to <paramref name="path"/>.</summary>
    public async Task WaitForRequestFinishedAsync(string path, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Logs.Events.Any(e => e.Message.StartsWith("Request finished", StringComparison.Ordinal) && e.Message.Contains(path, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The host did not finish the request to {path} within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync();
        await Callbacks.DisposeAsync();
        Client.Dispose();
    }
}
