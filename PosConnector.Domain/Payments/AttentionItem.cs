namespace PosConnector.Domain.Payments;

/// <summary>One reason one payment needs an operator, since when, and what to check.</summary>
public sealed record AttentionItem(string PaymentId, PaymentPhase Phase, AttentionReason Why, DateTimeOffset Since, string Detail);

public enum AttentionReason
{
    /// <summary>Callback retries stopped at delayToCancel without VTEX accepting the final status.</summary>
    CallbackAbandoned,

    /// <summary>Final, but VTEX has not accepted the callback yet.</summary>
    CallbackPending,

    /// <summary>Not final after its deadline (the terminal's, or delayToCancel before a charge was sent).</summary>
    PastDeadline,

    /// <summary>A void sent to the terminal has no result.</summary>
    VoidPending,

    /// <summary>A refund sent to the terminal has no result (VTEX keeps retrying it).</summary>
    RefundPending,

    /// <summary>The terminal declined a refund: nothing went back to the card (VTEX gets 500 refund-declined).</summary>
    RefundDeclined,

    /// <summary>Settled in part; the rest, captured at the terminal, is neither settled nor returned.</summary>
    UnsettledRemainder,
}
