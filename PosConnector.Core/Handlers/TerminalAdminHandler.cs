using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Ppp;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Handlers;

/// <summary>Operators register terminals. Secrets go in and never come out; a fingerprint identifies them.</summary>
public sealed class TerminalAdminHandler(TerminalRegistry registry, TimeProvider time, IOptions<VtexOptions> vtex)
{
    public async Task<HandlerResult> UpsertAsync(string serialNumber, TerminalRegistration body, CancellationToken ct)
    {
        if (!Identifiers.IsSerialNumber(serialNumber))
            return HandlerResult.Error(400, "invalid-serial", "The serial number must be 1-64 letters, digits, '.', '-' or '_'.");
        if (string.IsNullOrWhiteSpace(body.MerchantName) || body.MerchantName.Length > FieldLimits.DisplayText)
            return HandlerResult.Error(400, "invalid-request", $"merchantName is required (at most {FieldLimits.DisplayText} characters).");
        if (!IsConfiguredMerchant(body.MerchantName))
            return HandlerResult.Error(400, "unknown-merchant",
                $"merchantName '{body.MerchantName}' is not a configured merchant ({string.Join(", ", NamedMerchants())}).");
        if (FieldLimits.TooLong("storeCode", body.StoreCode, FieldLimits.DisplayText) is { } storeTooLong)
            return HandlerResult.Error(400, "invalid-request", storeTooLong);
        if (FieldLimits.TooLong("label", body.Label, FieldLimits.DisplayText) is { } tooLong)
            return HandlerResult.Error(400, "invalid-request", tooLong);
        // Without a secret, an existing terminal keeps its own: an operator can disable it without knowing the secret.
        var secret = body.Secret ?? (await registry.FindAsync(serialNumber, ct))?.Secret;
        if (secret is null || secret.Length is < FieldLimits.TerminalSecretMin or > FieldLimits.TerminalSecretMax)
            return HandlerResult.Error(400, "invalid-request",
                $"secret is required for a new terminal: {FieldLimits.TerminalSecretMin} to {FieldLimits.TerminalSecretMax} characters.");

        var record = new TerminalRecord(serialNumber, body.MerchantName.Trim(), body.Label ?? "", secret, body.Enabled ?? true,
            time.GetUtcNow(), body.StoreCode?.Trim() ?? "");
        await registry.UpsertAsync(record, ct);
        return HandlerResult.Ok(View(record));
    }

    public async Task<HandlerResult> GetAsync(string serialNumber, CancellationToken ct) =>
        Identifiers.IsSerialNumber(serialNumber) && await registry.FindAsync(serialNumber, ct) is { } t
            ? HandlerResult.Ok(View(t))
            : HandlerResult.Error(404, "terminal-not-found", $"No terminal {serialNumber} is registered.");

    public async Task<HandlerResult> ListAsync(CancellationToken ct) =>
        HandlerResult.Ok(new TerminalList([.. (await registry.ListAsync(ct)).Select(View)]));

    /// <summary>With named merchants configured, a terminal must belong to one of them (a typo would make it unusable).</summary>
    private bool IsConfiguredMerchant(string merchantName) =>
        !NamedMerchants().Any() || NamedMerchants().Contains(merchantName.Trim(), StringComparer.OrdinalIgnoreCase);

    private IEnumerable<string> NamedMerchants() => vtex.Value.Merchants.Keys.Where(VtexMerchantOptions.IsNamed);

    private static TerminalView View(TerminalRecord t) =>
        new(t.SerialNumber, t.MerchantName, t.Label, t.Enabled, t.UpdatedAt,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(t.Secret)))[..12], t.StoreCode);
}

/// <summary>
/// The admin PUT body. <see cref="StoreCode"/> (optional) restricts the terminal to payments of that store;
/// <see cref="Secret"/> may be left out for a terminal already registered, which keeps its secret.
/// </summary>
public sealed record TerminalRegistration(string? MerchantName, string? Label, string? Secret, bool? Enabled, string? StoreCode = null);

public sealed record TerminalView(
    string SerialNumber, string MerchantName, string Label, bool Enabled, DateTimeOffset UpdatedAt, string SecretFingerprint, string StoreCode);
