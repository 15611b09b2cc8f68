using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Observability;
using PosConnector.Core.Security;
using PosConnector.Core.Storage;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Terminals;

/// <summary>The serial-number registry in Table Storage (one partition: the fleet is small and listed whole).</summary>
/// <remarks>
/// Secrets are stored encrypted (<see cref="TerminalSecretProtector"/>) in <c>SecretProtected</c>; a row still holding a
/// clear-text <c>Secret</c> (written before encryption) or one under a previous key is re-encrypted when read.
/// </remarks>
public sealed class TerminalRegistry(StorageClients clients, TerminalSecretProtector secrets, ILogger<TerminalRegistry> logger)
{
    private const string Partition = "terminal";
    private const string PlainSecret = "Secret";
    private const string ProtectedSecret = "SecretProtected";

    public async Task<TerminalRecord?> FindAsync(string serialNumber, CancellationToken ct)
    {
        var row = await clients.Terminals.GetEntityIfExistsAsync<TableEntity>(Partition, serialNumber, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? await ReadAsync(e, ct) : null;
    }

    public async Task<IReadOnlyList<TerminalRecord>> ListAsync(CancellationToken ct)
    {
        var list = new List<TerminalRecord>();
        await foreach (var e in clients.Terminals.QueryAsync<TableEntity>(t => t.PartitionKey == Partition, cancellationToken: ct))
        {
            if (await ReadAsync(e, ct) is { } terminal)
            {
                list.Add(terminal);
            }
        }

        return list;
    }

    public async Task UpsertAsync(TerminalRecord terminal, CancellationToken ct) =>
        await clients.Terminals.UpsertEntityAsync(new TableEntity(Partition, terminal.SerialNumber)
        {
            ["MerchantName"] = terminal.MerchantName,
            ["Label"] = terminal.Label,
            [ProtectedSecret] = secrets.Protect(terminal.SerialNumber, terminal.Secret),
            ["Enabled"] = terminal.Enabled,
            ["UpdatedAt"] = terminal.UpdatedAt,
            ["StoreCode"] = terminal.StoreCode,
        }, TableUpdateMode.Replace, ct);

    /// <summary>The terminal, or null (treated as unregistered) when its secret cannot be read: results then fail closed.</summary>
    private async Task<TerminalRecord?> ReadAsync(TableEntity e, CancellationToken ct)
    {
        var secret = await ReadSecretAsync(e, ct);
        return secret is null ? null : Map(e, secret);
    }

    private async Task<string?> ReadSecretAsync(TableEntity e, CancellationToken ct)
    {
        if (e.GetString(ProtectedSecret) is { } stored)
        {
            if (secrets.Unprotect(e.RowKey, stored) is not { } opened)
            {
                Log.TerminalSecretUnreadable(logger, e.RowKey);
                return null;
            }

            if (opened.Stale)
            {
                await ReencryptAsync(e, opened.Secret, ct);
            }

            return opened.Secret;
        }

        if (e.GetString(PlainSecret) is { Length: > 0 } plain)
        {
            await ReencryptAsync(e, plain, ct);
            return plain;
        }

        Log.TerminalSecretUnreadable(logger, e.RowKey);
        return null;
    }

    /// <summary>Rewrites the row with the secret under the current key and no clear text; a concurrent write wins.</summary>
    private async Task ReencryptAsync(TableEntity e, string secret, CancellationToken ct)
    {
        e.Remove(PlainSecret);
        e[ProtectedSecret] = secrets.Protect(e.RowKey, secret);
        try
        {
            await clients.Terminals.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, ct);
            Log.TerminalSecretReencrypted(logger, e.RowKey);
        }
        catch (RequestFailedException conflict) when (conflict.Status is 404 or 412)
        {
            // Someone re-registered or removed the terminal meanwhile: their write stands.
        }
    }

    private static TerminalRecord Map(TableEntity e, string secret) => new(
        e.RowKey, e.GetString("MerchantName") ?? "", e.GetString("Label") ?? "", secret,
        e.GetBoolean("Enabled") ?? false, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, e.GetString("StoreCode") ?? "");
}
