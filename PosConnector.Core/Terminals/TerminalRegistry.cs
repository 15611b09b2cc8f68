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
/// The row also carries the terminal's claim (<see cref="TerminalClaim"/>: which payment took it last), written only
/// by <see cref="TryClaimAsync"/> and kept by every other write.
/// Secrets are stored encrypted (<see cref="TerminalSecretProtector"/>) in <c>SecretProtected</c>; a row still holding a
/// clear-text <c>Secret</c> (written before encryption) or one under a previous key is re-encrypted when read.
/// </remarks>
public sealed class TerminalRegistry(StorageClients clients, TerminalSecretProtector secrets, ILogger<TerminalRegistry> logger)
{
    private const string Partition = "terminal";
    private const string PlainSecret = "Secret";
    private const string ProtectedSecret = "SecretProtected";
    private const string ClaimPayment = "ClaimPaymentId";
    private const string ClaimVersion = "ClaimPaymentVersion";
    private const string ClaimedAt = "ClaimedAt";
    private const int MaxUpsertAttempts = 10;
    private static readonly string[] ClaimProperties = [ClaimPayment, ClaimVersion, ClaimedAt];

    public async Task<TerminalRecord?> FindAsync(string serialNumber, CancellationToken ct) =>
        (await FindRowAsync(serialNumber, ct))?.Terminal;

    /// <summary>The terminal with the claim on it and the row's ETag, for <see cref="TryClaimAsync"/>.</summary>
    public async Task<RegisteredTerminal?> FindRowAsync(string serialNumber, CancellationToken ct)
    {
        var row = await clients.Terminals.GetEntityIfExistsAsync<TableEntity>(Partition, serialNumber, cancellationToken: ct);
        return row.HasValue && row.Value is { } e && await ReadAsync(e, ct) is { } terminal
            ? new RegisteredTerminal(terminal, ClaimOf(e), e.ETag)
            : null;
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

    /// <summary>
    /// Puts <paramref name="claim"/> on the terminal if its row is still as read (ETag): of any number of requests or
    /// hosts racing for one terminal, exactly one wins; false for the others, who read the row again and decide again.
    /// Merge: only the claim's properties change.
    /// </summary>
    public async Task<bool> TryClaimAsync(RegisteredTerminal terminal, TerminalClaim claim, CancellationToken ct)
    {
        try
        {
            await clients.Terminals.UpdateEntityAsync(new TableEntity(Partition, terminal.Terminal.SerialNumber)
            {
                [ClaimPayment] = claim.PaymentId,
                [ClaimVersion] = claim.PaymentVersion,
                [ClaimedAt] = claim.ClaimedAt,
            }, terminal.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Registers or rewrites a terminal. Read, then write against the ETag read, keeping the claim on the row: an
    /// admin write never frees a terminal that a payment holds, nor overwrites a claim taken meanwhile (it retries).
    /// </summary>
    public async Task UpsertAsync(TerminalRecord terminal, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await clients.Terminals.GetEntityIfExistsAsync<TableEntity>(Partition, terminal.SerialNumber, cancellationToken: ct);
            var row = new TableEntity(Partition, terminal.SerialNumber)
            {
                ["MerchantName"] = terminal.MerchantName,
                ["Label"] = terminal.Label,
                [ProtectedSecret] = secrets.Protect(terminal.SerialNumber, terminal.Secret),
                ["Enabled"] = terminal.Enabled,
                ["UpdatedAt"] = terminal.UpdatedAt,
                ["StoreCode"] = terminal.StoreCode,
            };
            try
            {
                if (current.HasValue && current.Value is { } existing)
                {
                    foreach (var name in ClaimProperties.Where(existing.ContainsKey))
                    {
                        row[name] = existing[name];
                    }

                    // Replace, not Merge: a clear-text Secret left from before encryption goes away.
                    await clients.Terminals.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, ct);
                }
                else
                {
                    await clients.Terminals.AddEntityAsync(row, ct);
                }

                return;
            }
            catch (RequestFailedException conflict) when (conflict.Status is 404 or 409 or 412 && attempt < MaxUpsertAttempts)
            {
                // A payment took the terminal (or another admin wrote it) meanwhile: read it again.
            }
        }
    }

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
            // The whole row, claim included; its new ETag lets a claim follow without reading it again.
            var saved = await clients.Terminals.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, ct);
            e.ETag = saved.Headers.ETag ?? e.ETag;
            Log.TerminalSecretReencrypted(logger, e.RowKey);
        }
        catch (RequestFailedException conflict) when (conflict.Status is 404 or 412)
        {
            // Someone re-registered or removed the terminal meanwhile: their write stands.
        }
    }

    private static TerminalClaim? ClaimOf(TableEntity e) =>
        e.GetString(ClaimPayment) is { Length: > 0 } paymentId
            ? new TerminalClaim(paymentId, e.GetInt64(ClaimVersion) ?? 0, e.GetDateTimeOffset(ClaimedAt) ?? DateTimeOffset.MinValue)
            : null;

    private static TerminalRecord Map(TableEntity e, string secret) => new(
        e.RowKey, e.GetString("MerchantName") ?? "", e.GetString("Label") ?? "", secret,
        e.GetBoolean("Enabled") ?? false, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, e.GetString("StoreCode") ?? "");
}
