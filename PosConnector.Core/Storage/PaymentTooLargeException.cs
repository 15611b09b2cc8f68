namespace PosConnector.Core.Storage;

/// <summary>A payment's state (or one of its rows) would outgrow a table entity; nothing was written.</summary>
public sealed class PaymentTooLargeException(string paymentId, string what, int chars)
    : Exception($"Payment {paymentId}: {what} of {chars} characters exceeds the {ChunkedText.MaxChars}-character limit.");
