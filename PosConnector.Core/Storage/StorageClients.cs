using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;

namespace PosConnector.Core.Storage;

/// <summary>
/// The Azure Storage clients (singletons): tables for state and the search index; queues for terminal commands (the Storage Queue transport,
/// both hosts), outbox reminders (both hosts), deadlines, callback retries and poison (standalone), and any other queue
/// of the account by name (<see cref="Queue"/>: the Functions host's wakeup and poison queues).
/// </summary>
public sealed class StorageClients
{
    /// <param name="options">Where the account is.</param>
    /// <param name="policies">Extra pipeline policies for every request (the benchmark counts requests with one).</param>
    public StorageClients(IOptions<StorageOptions> options, IEnumerable<HttpPipelinePolicy>? policies = null)
    {
        var o = options.Value;
        var credential = new DefaultAzureCredential();
        var tableOptions = new TableClientOptions();
        // Azurite may lag the SDK's newest service version; pin one both understand.
        var queueOptions = new QueueClientOptions(QueueClientOptions.ServiceVersion.V2021_12_02);
        foreach (var policy in policies ?? [])
        {
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            queueOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        var tableService = o.TableServiceUri is { } tableUri
            ? new TableServiceClient(tableUri, credential, tableOptions)
            : new TableServiceClient(o.ConnectionString, tableOptions);
        var queueService = o.QueueServiceUri is { } queueUri
            ? new QueueServiceClient(queueUri, credential, queueOptions)
            : new QueueServiceClient(o.ConnectionString, queueOptions);

        Payments = tableService.GetTableClient($"{o.Prefix}payments");
        Terminals = tableService.GetTableClient($"{o.Prefix}terminals");
        PaymentIndex = tableService.GetTableClient($"{o.Prefix}paymentindex");
        TerminalCommands = queueService.GetQueueClient(o.TerminalCommandsQueue);
        Deadlines = queueService.GetQueueClient($"{o.Prefix}-deadlines");
        Callbacks = queueService.GetQueueClient($"{o.Prefix}-callbacks");
        Outbox = queueService.GetQueueClient($"{o.Prefix}-outbox");
        Poison = queueService.GetQueueClient($"{o.Prefix}-poison");
        _queueService = queueService;
    }

    private readonly QueueServiceClient _queueService;

    public TableClient Payments { get; }
    public TableClient Terminals { get; }

    /// <summary>The operators' search index (<see cref="Storage.PaymentIndex"/>).</summary>
    public TableClient PaymentIndex { get; }
    public QueueClient TerminalCommands { get; }
    public QueueClient Deadlines { get; }
    public QueueClient Callbacks { get; }
    public QueueClient Outbox { get; }
    public QueueClient Poison { get; }

    /// <summary>Another queue in the same account, with the same credential and service version.</summary>
    public QueueClient Queue(string name) => _queueService.GetQueueClient(name);

    public async Task EnsureTablesAsync(CancellationToken ct)
    {
        await Payments.CreateIfNotExistsAsync(ct);
        await Terminals.CreateIfNotExistsAsync(ct);
        await PaymentIndex.CreateIfNotExistsAsync(ct);
    }

    public async Task EnsureQueuesAsync(CancellationToken ct)
    {
        foreach (var queue in new[] { TerminalCommands, Deadlines, Callbacks, Outbox, Poison })
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        }
    }
}
