using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;

namespace PosConnector.Core.Security;

/// <summary>Stops the host at start on a missing, short or malformed key (a missing key is allowed only in Development and Testing).</summary>
public sealed class TerminalSecretOptionsValidator(IHostEnvironment environment) : IValidateOptions<TerminalSecretOptions>
{
    public ValidateOptionsResult Validate(string? name, TerminalSecretOptions options)
    {
        var errors = Check(options, environment.IsDevelopment() || environment.IsEnvironment("Testing"));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The problems with <paramref name="options"/>; never quotes a key.</summary>
    public static IReadOnlyList<string> Check(TerminalSecretOptions options, bool developmentKeyAllowed)
    {
        var errors = new List<string>();
        if (options.SecretEncryptionKey.Length == 0)
        {
            if (!developmentKeyAllowed)
            {
                errors.Add($"{TerminalSecretOptions.SectionName}:SecretEncryptionKey is required: base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");
            }
        }
        else if (!TerminalSecretProtector.IsValidKey(options.SecretEncryptionKey))
        {
            errors.Add($"{TerminalSecretOptions.SectionName}:SecretEncryptionKey must be base64 of exactly 32 bytes (256 bits).");
        }

        for (var i = 0; i < options.PreviousSecretEncryptionKeys.Count; i++)
        {
            if (!TerminalSecretProtector.IsValidKey(options.PreviousSecretEncryptionKeys[i]))
            {
                errors.Add($"{TerminalSecretOptions.SectionName}:PreviousSecretEncryptionKeys:{i} must be base64 of exactly 32 bytes (256 bits).");
            }
        }

        return errors;
    }
}
