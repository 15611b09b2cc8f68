using System.Text.Json.Serialization;
using PosConnector.Domain.Terminals;

namespace PosConnector.Domain.Payments;

/// <summary>
/// Everything known about one payment. Immutable; only <see cref="PaymentDecider"/> makes new ones.
/// Holds card first/last digits only, never a full card number, token or secret.
/// </summary>
public sealed record PaymentState
{
    public required string PaymentId { get; init; }
    public required PaymentPhase Phase { get; init; }
    public required PaymentOrder Order { get; init; }

    /// <summary>Fixed by the first answer and never re-read from options (VTEX known issue on changing delays).</summary>
    public required PaymentTerms Terms { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required string Tid { get; init; }
    public string? Code { get; init; }
    public string? Message { get; init; }
    public string? SerialNumber { get; init; }
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The secondsWaiting given to the wait app when the charge was sent (may be less than the terms allow).</summary>
    public int? WaitSeconds { get; init; }
    public TestSuiteFlow? TestSuiteFlow { get; init; }
    public CardAuthorization? Authorization { get; init; }
    public bool Voided { get; init; }
    public IReadOnlyList<IssuedCommand> Commands { get; init; } = [];
    public IReadOnlyList<PaymentOperation> Operations { get; init; } = [];
    public decimal SettledAmount { get; init; }
    public decimal RefundedAmount { get; init; }

    /// <summary>Returned to the card by partial cancellations (refund commands the terminal confirmed), never settled.</summary>
    public decimal CancelledAmount { get; init; }
    public CallbackStatus Callback { get; init; }

    [JsonIgnore]
    public bool IsFinal => Phase is PaymentPhase.Approved or PaymentPhase.Denied or PaymentPhase.Cancelled;

    public IssuedCommand? FindCommand(string commandId) => Commands.FirstOrDefault(c => c.CommandId == commandId);

    public PaymentOperation? FindOperation(string requestId) => Operations.FirstOrDefault(o => o.RequestId == requestId);

    [JsonIgnore]
    public decimal PendingRefundAmount =>
        Operations.Where(o => o is { Kind: OperationKind.Refund, Status: OperationStatus.Pending }).Sum(o => o.Value);

    [JsonIgnore]
    public decimal RefundableAmount => SettledAmount - RefundedAmount - PendingRefundAmount;

    /// <summary>A void for a VTEX cancellation was sent and the terminal has not confirmed it yet.</summary>
    [JsonIgnore]
    public bool VoidPending => PendingCancellations(TerminalCommandType.Void).Any();

    /// <summary>Partial cancellations whose refund the terminal has not confirmed yet.</summary>
    [JsonIgnore]
    public decimal PendingCancellationAmount => PendingCancellations(TerminalCommandType.Refund).Sum(o => o.Value);

    /// <summary>What a settlement or a cancellation can still take: authorized, less settled and less cancelled (or being cancelled).</summary>
    [JsonIgnore]
    public decimal UncommittedAmount => Order.Value - SettledAmount - CancelledAmount - PendingCancellationAmount;

    /// <summary>
    /// Captured at the terminal, settled in part, and the rest neither settled nor returned: the customer still pays it.
    /// 0 before any settlement, once voided, and for Test Suite payments (no terminal captured anything).
    /// </summary>
    [JsonIgnore]
    public decimal UnsettledRemainder =>
        Phase == PaymentPhase.Approved && !Voided && TestSuiteFlow is null && SettledAmount > 0 ? Math.Max(0m, UncommittedAmount) : 0m;

    private IEnumerable<PaymentOperation> PendingCancellations(TerminalCommandType type) =>
        Operations.Where(o => o is { Kind: OperationKind.Cancellation, Status: OperationStatus.Pending, CommandId: { } id }
            && FindCommand(id)?.Type == type);
}

/// <summary>
/// What VTEX asked for. <see cref="MerchantName"/> is the merchant the credentials belong to (only its terminals may
/// charge); <see cref="StoreCode"/> is the manifest's "Store code" from merchantSettings, when the merchant set one.
/// </summary>
public sealed record PaymentOrder(
    string TransactionId,
    string Reference,
    string OrderId,
    decimal Value,
    string Currency,
    int Installments,
    CardType CardType,
    string CallbackUrl,
    string MerchantName,
    string? StoreCode = null);

/// <summary>Seconds, as PPP carries them. <see cref="TerminalTimeoutSeconds"/> &lt; SecondsWaiting &lt;= DelayToCancel.</summary>
public sealed record PaymentTerms(
    int SecondsWaiting,
    int TerminalTimeoutSeconds,
    int DelayToCancel,
    int DelayToAutoSettle,
    int DelayToAutoSettleAfterAntifraud,
    int TestSuiteCallbackDelaySeconds);

/// <summary>The terminal's approval, card fragments validated to 6 and 4 digits.</summary>
public sealed record CardAuthorization(
    string? AuthorizationId, string? Nsu, string? Tid, string? Acquirer,
    string? CardBrand, string? FirstDigits, string? LastDigits);

/// <summary>A command this payment sent. <see cref="Result"/> stays null until the terminal answers it.</summary>
public sealed record IssuedCommand(
    string CommandId,
    TerminalCommandType Type,
    string SerialNumber,
    decimal Amount,
    DateTimeOffset IssuedAt,
    string? RequestId,
    TerminalResultStatus? Result);

/// <summary>A Cancel, Settle or Refund, keyed by VTEX's requestId; its answer is rebuilt from this record.</summary>
public sealed record PaymentOperation(
    string RequestId,
    OperationKind Kind,
    decimal Value,
    OperationStatus Status,
    string? OperationId,
    string? Code,
    string Message,
    string? CommandId);

public enum OperationKind
{
    Cancellation,
    Settlement,
    Refund,
}

public enum OperationStatus
{
    Completed,

    /// <summary>Waiting for the terminal (refunds, voids and refunds of cancellations): answered 500 so VTEX retries.</summary>
    Pending,

    /// <summary>A cancellation the connector cannot do: answered 501 cancel-manually, so VTEX alerts the merchant.</summary>
    Manual,

    /// <summary>
    /// A refund the terminal declined: answered 500 refund-declined, never 501 refund-manually (VTEX known issue:
    /// a null id with refund-manually makes the gateway refund twice). Never retried on the terminal by itself.
    /// </summary>
    Failed,
}

public enum CallbackStatus
{
    None,
    Pending,
    Delivered,
    Abandoned,
}

/// <summary>The Test Suite's card-number-driven flows (docs/protocol.md §6); no terminal is involved.</summary>
public enum TestSuiteFlow
{
    Approved,
    Denied,
    AsyncApproved,
    AsyncDenied,
}
