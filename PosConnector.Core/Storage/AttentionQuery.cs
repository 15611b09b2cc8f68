using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using PosConnector.Core.Json;
using PosConnector.Core.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// Reads every payment's state row (PaymentRepository's layout: one "state" row per payment partition). A cross-partition
/// scan: fine for an operator's on-demand view, not for a hot path.
/// </summary>
public sealed class AttentionQuery(StorageClients clients)
{
    private const string StateRow = "state";

    public async IAsyncEnumerable<PaymentState> StatesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StateRow}");
        await foreach (var row in clients.Payments.QueryAsync<TableEntity>(filter, select: ["State"], cancellationToken: ct))
        {
            yield return PosConnectorJson.Deserialize<PaymentState>(row.GetString("State"));
        }
    }
}
