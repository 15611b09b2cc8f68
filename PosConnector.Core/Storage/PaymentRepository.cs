using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PosConnector.Core.Json;
using PosConnector.Core.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// One partition per payment: the state row, its history rows and its outbox rows. A decision is saved in
/// one entity-group transaction guarded by the state row's ETag, so state, audit trail and pending effects
/// change together or not at all.
/// </summary>
public sealed class PaymentRepository(StorageClients clients)
{
    private const string StateRow = "state";
    private const string HistoryPrefix = "history|";
    private const string OutboxPrefix = "outbox|";

    private TableClient Table => clients.Payments;

    public async Task<StoredPayment?> LoadAsync(string paymentId, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(paymentId, StateRow, cancellationToken: ct);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        var state = PosConnectorJson.Deserialize<PaymentState>(entity.GetString("State"));
        return new StoredPayment(state, entity.ETag, entity.GetInt64("Version") ?? 0);
    }

    /// <summary>
    /// Saves <paramref name="decision"/> over <paramref name="loaded"/> (null: the payment is new) and returns the
    /// outbox entries it wrote, so the writer can dispatch them without reading them back.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Another writer got there first.</exception>
    public async Task<IReadOnlyList<OutboxEntry>> CommitAsync(string paymentId, StoredPayment? loaded, Decision decision, CancellationToken ct)
    {
        var version = (loaded?.Version ?? 0) + 1;
        var state = new TableEntity(paymentId, StateRow)
        {
            ["State"] = PosConnectorJson.Serialize(decision.State),
            ["Phase"] = decision.State!.Phase.ToString(),
            ["Version"] = version,
        };
        var actions = new List<TableTransactionAction>
        {
            loaded is null
                ? new(TableTransactionActionType.Add, state)
                : new(TableTransactionActionType.UpdateReplace, state, loaded.ETag),
        };
        actions.AddRange(decision.Recorded.Select((h, i) => new TableTransactionAction(TableTransactionActionType.Add,
            new TableEntity(paymentId, Key(HistoryPrefix, version, i)) { ["Entry"] = PosConnectorJson.Serialize(h) })));
        var outbox = decision.Effects.Select((effect, i) => new OutboxEntry(Key(OutboxPrefix, version, i), effect)).ToList();
        actions.AddRange(outbox.Select(entry =>
        {
            var (kind, json) = OutboxEntry.Encode(entry.Effect);
            return new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(paymentId, entry.RowKey) { ["Kind"] = kind, ["Effect"] = json });
        }));

        try
        {
            await Table.SubmitTransactionAsync(actions, ct);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException(paymentId, e);
        }

        return outbox;
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string paymentId, CancellationToken ct) =>
        await ReadRangeAsync(paymentId, HistoryPrefix, e => PosConnectorJson.Deserialize<HistoryEntry>(e.GetString("Entry")), ct);

    public async Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string paymentId, CancellationToken ct) =>
        await ReadRangeAsync(paymentId, OutboxPrefix, e => new OutboxEntry(e.RowKey, OutboxEntry.Decode(e.GetString("Kind"), e.GetString("Effect"))), ct);

    /// <summary>Deletes dispatched entries in one transaction; rows another drainer already deleted are skipped.</summary>
    public async Task DeleteOutboxAsync(string paymentId, IReadOnlyList<OutboxEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            await Table.SubmitTransactionAsync(
                entries.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(paymentId, e.RowKey), ETag.All)), ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            foreach (var entry in entries)
            {
                try
                {
                    await Table.DeleteEntityAsync(paymentId, entry.RowKey, ETag.All, ct);
                }
                catch (RequestFailedException gone) when (gone.Status == 404)
                {
                    // Already deleted by a concurrent drain.
                }
            }
        }
    }

    private async Task<IReadOnlyList<T>> ReadRangeAsync<T>(string paymentId, string prefix, Func<TableEntity, T> map, CancellationToken ct)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {paymentId} and RowKey ge {prefix} and RowKey lt {upper}");
        var rows = new List<T>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            rows.Add(map(entity));
        }

        return rows;
    }

    private static string Key(string prefix, long version, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{version:D10}|{index:D3}");
}
