using Microsoft.Extensions.Configuration;

namespace PosConnector.Core.Security;

/// <summary>
/// App Service and Functions replace an app setting of the form <c>@Microsoft.KeyVault(...)</c> with the secret, but
/// leave the literal text when they cannot read it (missing role, wrong URI, network rules). Starting with that text
/// as an AppToken or a signing key would fail every request in confusing ways, so the host refuses to start.
/// </summary>
public static class KeyVaultReferenceCheck
{
    public const string Marker = "@Microsoft.KeyVault(";

    /// <summary>The configuration keys (never the values) still holding an unresolved reference, sorted.</summary>
    public static IReadOnlyList<string> UnresolvedKeys(IConfiguration configuration) =>
        [.. configuration.AsEnumerable()
            .Where(setting => setting.Value?.Contains(Marker, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => setting.Key)
            .Order(StringComparer.Ordinal)];

    /// <exception cref="InvalidOperationException">A setting holds an unresolved Key Vault reference.</exception>
    public static void ThrowIfUnresolved(IConfiguration configuration)
    {
        var keys = UnresolvedKeys(configuration);
        if (keys.Count > 0)
        {
            throw new InvalidOperationException(
                $"Key Vault reference(s) did not resolve for: {string.Join(", ", keys)}. The platform left the literal " +
                $"'{Marker}...)' text: give the app's managed identity the 'Key Vault Secrets User' role on the vault, check the " +
                "secret URI and the vault's network access, then restart. The connector does not start without its secrets.");
        }
    }
}
