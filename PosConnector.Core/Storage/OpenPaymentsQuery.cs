using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using PosConnector.Core.Json;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// Finds payments the sweep must wake: not final and past their deadline, or owing VTEX a callback. Reads the state
/// rows PaymentRepository writes (<see cref="PaymentRowKeys.StateRowsFilter"/>, columns "State" and "Phase"). The table has one partition per
/// payment, so this is a scan: the server filters state rows that are not final or were written within
/// <c>lookback</c>, and <see cref="IsOpen"/> decides on the rest.
/// </summary>
public sealed class OpenPaymentsQuery(StorageClients clients)
{
    public async IAsyncEnumerable<OpenPayment> FindAsync(
        DateTimeOffset now, TimeSpan lookback, TimeSpan grace, [EnumeratorCancellation] CancellationToken ct)
    {
        var since = now - lookback;
        var filter = TableClient.CreateQueryFilter(
            $"Timestamp ge {since} or (Phase ne {nameof(PaymentPhase.Approved)} and Phase ne {nameof(PaymentPhase.Denied)} and Phase ne {nameof(PaymentPhase.Cancelled)})");
        await foreach (var row in clients.Payments.QueryAsync<TableEntity>($"{PaymentRowKeys.StateRowsFilter} and ({filter})", cancellationToken: ct))
        {
            var state = PosConnectorJson.Deserialize<PaymentState>(ChunkedText.Read(row, "State"));
            if (IsOpen(state, now, grace))
            {
                yield return new OpenPayment(state, row.Timestamp);
            }
        }
    }

    /// <summary>Owes a callback, or is still waiting for a terminal <paramref name="grace"/> after its deadline.</summary>
    public static bool IsOpen(PaymentState state, DateTimeOffset now, TimeSpan grace) =>
        state.Callback == CallbackStatus.Pending || IsPastDeadline(state, now, grace);

    public static bool IsPastDeadline(PaymentState state, DateTimeOffset now, TimeSpan grace) =>
        !state.IsFinal && state.Deadline is { } deadline && deadline + grace <= now;
}
