using System.Text.RegularExpressions;

namespace PosConnector.Domain.Ppp;

/// <summary>Shapes of the ids we accept in routes and bodies (they become Table keys and queue payloads).</summary>
public static partial class Identifiers
{
    public static bool IsPaymentId(string? value) => value is not null && Id().IsMatch(value);

    public static bool IsRequestId(string? value) => value is not null && value.Length <= FieldLimits.RequestId && !value.Any(char.IsControl);

    public static bool IsSerialNumber(string? value) => value is not null && Serial().IsMatch(value);

    // 64 = FieldLimits.Id (a regex quantifier must be a literal).
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Id();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Serial();
}
