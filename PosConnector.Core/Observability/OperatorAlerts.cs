namespace PosConnector.Core.Observability;

/// <summary>
/// The operator alerts the connector raises, in one place: each entry is one scheduled query rule in
/// <c>infra/app/alerts.bicep</c> (same name). The alert log events take their ids from the constants here, and the
/// infra tests check each rule's query against these ids and the events' names (read from their
/// <c>[LoggerMessage]</c> attributes), so renaming or renumbering an event fails a test instead of silencing an alert.
/// </summary>
public static class OperatorAlerts
{
    /// <summary>Starts every alert log message; an alert note in a payment's audit trail has it followed by a colon.</summary>
    public const string Marker = "OPERATOR ALERT";

    /// <summary><see cref="Log.CallbackAbandoned"/>.</summary>
    public const int CallbackAbandonedEventId = 302;

    /// <summary><see cref="Log.CallbackUnauthorized"/>.</summary>
    public const int CallbackRefusedEventId = 303;

    /// <summary><see cref="Log.PastDeadline"/>.</summary>
    public const int PastDeadlineEventId = 483;

    /// <summary>The Functions host's <c>FunctionsLog.PoisonMessage</c> (the standalone host's 202 is not on Azure).</summary>
    public const int PoisonMessageEventId = 506;

    /// <summary><see cref="Log.Transition"/>: its <c>Note</c> carries the decider's audit-trail alerts.</summary>
    public const int TransitionEventId = 100;

    /// <summary>A terminal declined or failed a void or a refund: money must be returned by hand.</summary>
    public const string VoidOrRefundFailedNote = Marker + @": (void|refund) ";

    /// <summary>Every other audit-trail alert (an ambiguous cancellation value, an unsettled remainder, ...).</summary>
    public const string AnyAlertNote = Marker + ": ";

    /// <summary>Audit-trail alerts another rule already pages for (its own log event or its own note rule).</summary>
    public const string NotesAlertedElsewhere = Marker + @": (void |refund |callback abandoned)";

    /// <summary>Every alert, one rule each.</summary>
    public static IReadOnlyList<OperatorAlert> All { get; } =
    [
        new("callback-abandoned", 1, CallbackAbandonedEventId),
        new("callback-refused", 1, CallbackRefusedEventId),
        new("void-or-refund-failed", 1, TransitionEventId, VoidOrRefundFailedNote),
        new("payment-needs-operator", 2, TransitionEventId, AnyAlertNote, NotesAlertedElsewhere),
        new("payment-past-deadline", 2, PastDeadlineEventId),
        new("message-poisoned", 2, PoisonMessageEventId),
    ];
}
