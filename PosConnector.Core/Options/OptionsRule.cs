using Microsoft.Extensions.Options;

namespace PosConnector.Core.Options;

/// <summary>
/// A pure options rule (null when valid, else the exact misconfiguration) as an options validator, so a host that
/// will not start says which setting is wrong instead of a generic message.
/// </summary>
public sealed class OptionsRule<T>(Func<T, string?> rule) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        rule(options) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
}
