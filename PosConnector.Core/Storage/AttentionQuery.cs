using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using PosConnector.Core.Json;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// Reads every payment's state row (<see cref="PaymentRowKeys.StateRowsFilter"/>: one per payment partition). A cross-partition
/// scan: fine for an operator's on-demand view, not for a hot path.
/// </summary>
public sealed class AttentionQuery(StorageClients clients)
{
    public async IAsyncEnumerable<PaymentState> StatesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in clients.Payments.QueryAsync<TableEntity>(PaymentRowKeys.StateRowsFilter, cancellationToken: ct))
        {
            yield return PosConnectorJson.Deserialize<PaymentState>(ChunkedText.Read(row, "State"));
        }
    }
}
