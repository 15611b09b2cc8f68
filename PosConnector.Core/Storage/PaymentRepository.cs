using Azure;
using Azure.Data.Tables;
using PosConnector.Core.Json;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// One partition per payment: the state row, its history rows, its outbox rows and its lease rows. A decision is
/// saved in one entity-group transaction guarded by the state row's ETag, so state, audit trail and pending effects
/// change together or not at all. Long texts span several properties (<see cref="ChunkedText"/>), so no row
/// outgrows a table entity. A new payment without outbox rows is one plain insert instead (a transaction costs the
/// store several times more): its first audit entries ride on the state row until the next commit moves them.
/// </summary>
public sealed class PaymentRepository(StorageClients clients)
{
    private const int MaxCarried = 9; // property names Carried0..Carried8, whose chunks (Carried01, …) cannot collide

    private TableClient Table => clients.Payments;

    public async Task<StoredPayment?> LoadAsync(string paymentId, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(paymentId, PaymentRowKeys.State(paymentId), cancellationToken: ct);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        var state = PosConnectorJson.Deserialize<PaymentState>(ChunkedText.Read(entity, "State"));
        return new StoredPayment(state, entity.ETag, entity.GetInt64("Version") ?? 0, Carried(entity));
    }

    /// <summary>
    /// Saves <paramref name="decision"/> over <paramref name="loaded"/> (null: the payment is new) with
    /// <paramref name="outbox"/> (default: all the decision's effects) as outbox rows, already claimed by
    /// <paramref name="claim"/>, so the writer can dispatch them without reading them back and no drainer sends them
    /// meanwhile. Returns those rows and the saved payment with its new ETag.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Another writer got there first.</exception>
    /// <exception cref="PaymentTooLargeException">The new state cannot fit a table entity; nothing was written.</exception>
    public async Task<Commit> CommitAsync(
        string paymentId, StoredPayment? loaded, Decision decision, OutboxClaim claim, CancellationToken ct,
        IReadOnlyList<PaymentEffect>? outbox = null)
    {
        var version = (loaded?.Version ?? 0) + 1;
        var state = new TableEntity(paymentId, PaymentRowKeys.State(paymentId))
        {
            ["Phase"] = decision.State!.Phase.ToString(),
            ["Version"] = version,
        };
        var stateJson = PosConnectorJson.Serialize(decision.State);
        ChunkedText.Write(state, "State", stateJson, paymentId);
        var recorded = decision.Recorded.Select(h => PosConnectorJson.Serialize(h)).ToList();
        if (loaded is null && (outbox ?? decision.Effects).Count == 0 && recorded.Count <= MaxCarried
            && stateJson.Length + recorded.Sum(r => r.Length) <= ChunkedText.MaxChars)
        {
            return await InsertAsync(paymentId, decision.State, state, recorded, version, ct);
        }

        var actions = new List<TableTransactionAction>
        {
            loaded is null
                ? new(TableTransactionActionType.Add, state)
                : new(TableTransactionActionType.UpdateReplace, state, loaded.ETag),
        };
        actions.AddRange((loaded?.CarriedHistory ?? []).Select((json, i) => AddHistory(paymentId, loaded!.Version, i, json)));
        actions.AddRange(recorded.Select((json, i) => AddHistory(paymentId, version, i, json)));
        var entries = (outbox ?? decision.Effects)
            .Select((effect, i) => new OutboxEntry(PaymentRowKeys.Outbox(paymentId, version, i), effect, claim.Until)).ToList();
        actions.AddRange(entries.Select(entry =>
        {
            var (kind, json) = OutboxEntry.Encode(entry.Effect);
            var entity = new TableEntity(paymentId, entry.RowKey) { ["Kind"] = kind };
            ChunkedText.Write(entity, "Effect", json, paymentId);
            SetClaim(entity, claim);
            return new TableTransactionAction(TableTransactionActionType.Add, entity);
        }));

        Response<IReadOnlyList<Response>> saved;
        try
        {
            saved = await Table.SubmitTransactionAsync(actions, ct);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException(paymentId, e);
        }

        // The state row is the first action; its new ETag lets the writer act on the saved payment without reading it.
        var etag = saved.Value.Count > 0 ? saved.Value[0].Headers.ETag : null;
        return new Commit(entries, etag is { } e2 ? new StoredPayment(decision.State, e2, version) : null);
    }

    /// <summary>The audit trail, oldest first: entries still carried on the state row, then the history rows.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string paymentId, CancellationToken ct)
    {
        var stateRow = PaymentRowKeys.State(paymentId);
        var rows = await RowsAsync(paymentId,
            $"({PaymentRowKeys.RangeFilter(PaymentRowKeys.HistoryPrefix(paymentId))} or {TableClient.CreateQueryFilter($"RowKey eq {stateRow}")})", ct);
        var carried = rows.Where(e => e.RowKey == stateRow).SelectMany(e => Carried(e) ?? []);
        var recorded = rows.Where(e => e.RowKey != stateRow).Select(e => ChunkedText.Read(e, "Entry"));
        return [.. carried.Concat(recorded).Select(json => PosConnectorJson.Deserialize<HistoryEntry>(json))];
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string paymentId, CancellationToken ct) =>
        [.. (await RowsAsync(paymentId, PaymentRowKeys.RangeFilter(PaymentRowKeys.OutboxPrefix(paymentId)), ct)).Select(e => new OutboxEntry(
            e.RowKey, OutboxEntry.Decode(e.GetString("Kind"), ChunkedText.Read(e, "Effect")), e.GetDateTimeOffset("ClaimedUntil"), e.ETag))];

    /// <summary>
    /// Claims every entry at once, each guarded by the ETag it was read with: false (and nothing claimed) when
    /// another drainer claimed or deleted any of them first.
    /// </summary>
    public async Task<bool> TryClaimAsync(string paymentId, IReadOnlyList<OutboxEntry> entries, OutboxClaim claim, CancellationToken ct)
    {
        try
        {
            await Table.SubmitTransactionAsync(entries.Select(e =>
            {
                var entity = new TableEntity(paymentId, e.RowKey);
                SetClaim(entity, claim);
                return new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, e.ETag);
            }), ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

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
                await DeleteIfPresentAsync(paymentId, entry.RowKey, ETag.All, ct);
            }
        }
    }

    /// <summary>Takes the lease <paramref name="name"/> until <c>now + duration</c>; null while someone else holds it.</summary>
    public async Task<PaymentLease?> TryLeaseAsync(string paymentId, string name, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var rowKey = PaymentRowKeys.Lease(paymentId, name);
        var lease = new TableEntity(paymentId, rowKey) { ["Until"] = now + duration };
        try
        {
            // Write first: a free lease (the usual case: holders give it back) costs one request, not a read and a write.
            return new PaymentLease(paymentId, rowKey, (await Table.AddEntityAsync(lease, ct)).Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Held, or left behind by a holder that died: look at it.
        }

        var current = await Table.GetEntityIfExistsAsync<TableEntity>(paymentId, rowKey, cancellationToken: ct);
        try
        {
            if (!current.HasValue || current.Value is not { } held)
            {
                // Given back just now: someone held it a moment ago, so this caller comes back later like any loser.
                return null;
            }

            if (held.GetDateTimeOffset("Until") > now)
            {
                return null;
            }

            // Expired: its holder died; take it over only if nobody else did first.
            return new PaymentLease(paymentId, rowKey, (await Table.UpdateEntityAsync(lease, held.ETag, TableUpdateMode.Replace, ct)).Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Gives the lease back, unless it lapsed and someone else took it meanwhile.</summary>
    public Task ReleaseAsync(PaymentLease lease, CancellationToken ct) => DeleteIfPresentAsync(lease.PaymentId, lease.RowKey, lease.ETag, ct);

    private async Task DeleteIfPresentAsync(string paymentId, string rowKey, ETag etag, CancellationToken ct)
    {
        try
        {
            await Table.DeleteEntityAsync(paymentId, rowKey, etag, ct);
        }
        catch (RequestFailedException gone) when (gone.Status is 404 or 412)
        {
            // Already deleted (a concurrent drain), or no longer ours.
        }
    }

    private async Task<Commit> InsertAsync(
        string paymentId, PaymentState saved, TableEntity state, List<string> recorded, long version, CancellationToken ct)
    {
        for (var i = 0; i < recorded.Count; i++)
        {
            ChunkedText.Write(state, CarriedName(i), recorded[i], paymentId);
        }

        try
        {
            var etag = (await Table.AddEntityAsync(state, ct)).Headers.ETag;
            return new Commit([], etag is { } e ? new StoredPayment(saved, e, version, recorded) : null);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new ConcurrencyConflictException(paymentId, e);
        }
    }

    private static IReadOnlyList<string>? Carried(TableEntity state)
    {
        var count = 0;
        while (count < MaxCarried && state.ContainsKey(CarriedName(count)))
        {
            count++;
        }

        return count == 0 ? null : [.. Enumerable.Range(0, count).Select(i => ChunkedText.Read(state, CarriedName(i)))];
    }

    private static string CarriedName(int index) => "Carried" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static TableTransactionAction AddHistory(string paymentId, long version, int index, string json)
    {
        var entity = new TableEntity(paymentId, PaymentRowKeys.History(paymentId, version, index));
        ChunkedText.Write(entity, "Entry", json, paymentId);
        return new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    private static void SetClaim(TableEntity entity, OutboxClaim claim)
    {
        entity["ClaimedBy"] = claim.Owner;
        entity["ClaimedUntil"] = claim.Until;
    }

    /// <summary>The payment's rows that match <paramref name="rowFilter"/>, in RowKey order.</summary>
    private async Task<List<TableEntity>> RowsAsync(string paymentId, string rowFilter, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {paymentId}") + " and " + rowFilter;
        var rows = new List<TableEntity>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            rows.Add(entity);
        }

        return rows;
    }
}
