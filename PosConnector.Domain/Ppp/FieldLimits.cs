namespace PosConnector.Domain.Ppp;

/// <summary>
/// The longest value of every string we store, in characters, kept in one place. Anything longer is a 400
/// naming the field, so no request can grow a table entity past its size limits.
/// </summary>
public static class FieldLimits
{
    /// <summary>paymentId, transactionId and serial numbers (they become table keys).</summary>
    public const int Id = 64;

    public const int RequestId = 128;

    public const int CommandId = 128;

    public const int CallbackUrl = 2048;

    /// <summary>reference and orderId of Create Payment.</summary>
    public const int OrderText = 100;

    /// <summary>Free display text we keep: merchantName, terminal label. Create Payment's merchantName is clipped to it.</summary>
    public const int DisplayText = 100;

    public const int TerminalSecretMin = 16;

    public const int TerminalSecretMax = 256;

    /// <summary>authorizationId, nsu, tid and acquirer of a terminal result.</summary>
    public const int TerminalCode = 64;

    public const int CardBrand = 32;

    public const int TerminalMessage = 200;

    /// <summary>The error for a value over <paramref name="max"/>, or null when it fits (null values fit).</summary>
    public static string? TooLong(string field, string? value, int max) =>
        value is { Length: var n } && n > max ? $"{field} is longer than {max} characters." : null;
}
