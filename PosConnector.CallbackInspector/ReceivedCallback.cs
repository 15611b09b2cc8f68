namespace PosConnector.CallbackInspector;

/// <summary>One callback as received. Holds the AppKey but never the AppToken.</summary>
public sealed record ReceivedCallback(
    DateTimeOffset At, string Path, string? PaymentId, string? Status, string? AppKey, bool HasAppToken, int AnsweredStatus, string Body)
{
    /// <summary>The query string as posted: VTEX's callbackUrl carries its X-VTEX-signature there, which must survive.</summary>
    public string Query { get; init; } = "";
}
