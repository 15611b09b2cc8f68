namespace PosConnector.Core.Vtex;

/// <summary>A pending callback: the exact body to POST and how long to keep trying.</summary>
public sealed record CallbackMessage(string PaymentId, string CallbackUrl, string Body, DateTimeOffset GiveUpAt, int Attempt);
