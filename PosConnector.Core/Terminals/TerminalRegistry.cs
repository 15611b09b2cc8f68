using Azure.Data.Tables;
using PosConnector.Core.Storage;

namespace PosConnector.Core.Terminals;

/// <summary>The serial-number registry in Table Storage (one partition: the fleet is small and listed whole).</summary>
public sealed class TerminalRegistry(StorageClients clients)
{
    private const string Partition = "terminal";

    public async Task<TerminalRecord?> FindAsync(string serialNumber, CancellationToken ct)
    {
        var row = await clients.Terminals.GetEntityIfExistsAsync<TableEntity>(Partition, serialNumber, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? Map(e) : null;
    }

    public async Task<IReadOnlyList<TerminalRecord>> ListAsync(CancellationToken ct)
    {
        var list = new List<TerminalRecord>();
        await foreach (var e in clients.Terminals.QueryAsync<TableEntity>(t => t.PartitionKey == Partition, cancellationToken: ct))
        {
            list.Add(Map(e));
        }

        return list;
    }

    public async Task UpsertAsync(TerminalRecord terminal, CancellationToken ct) =>
        await clients.Terminals.UpsertEntityAsync(new TableEntity(Partition, terminal.SerialNumber)
        {
            ["MerchantName"] = terminal.MerchantName,
            ["Label"] = terminal.Label,
            ["Secret"] = terminal.Secret,
            ["Enabled"] = terminal.Enabled,
            ["UpdatedAt"] = terminal.UpdatedAt,
            ["StoreCode"] = terminal.StoreCode,
        }, TableUpdateMode.Replace, ct);

    private static TerminalRecord Map(TableEntity e) => new(
        e.RowKey, e.GetString("MerchantName") ?? "", e.GetString("Label") ?? "", e.GetString("Secret") ?? "",
        e.GetBoolean("Enabled") ?? false, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, e.GetString("StoreCode") ?? "");
}
