using System.Globalization;
using PosConnector.Domain.Security;
using PosConnector.Domain.Terminals;
using static PosConnector.Domain.Payments.PaymentEffect;
using static PosConnector.Domain.Payments.PaymentEvent;

namespace PosConnector.Domain.Payments;

/// <summary>
/// Every payment rule, as one pure function: no clock (<c>now</c> is an input), no I/O, no randomness.
/// Repeats change nothing; late or misplaced inputs are refused and recorded, never thrown.
/// Ids are derived from state, so a replayed decision yields the same ids.
/// </summary>
public static class PaymentDecider
{
    /// <summary>A repeated Create Payment whose amount or currency differs from the stored payment's.</summary>
    public const string AmountMismatch = "payment-amount-mismatch";

    public static Decision Decide(PaymentState? state, PaymentEvent @event, DateTimeOffset now) => (state, @event) switch
    {
        (null, CreatePaymentCalled e) => Start(e, now),
        (null, _) => new Decision(null, [], [], DecisionOutcome.Rejected,
            new Rejection("payment-not-found", "No payment with this id exists.")),
        (_, CreatePaymentCalled e) => OnCreatePaymentCalled(state, e, now),
        (_, SerialSubmitted e) => OnSerialSubmitted(state, e, now),
        (_, TerminalResultReceived e) => OnTerminalResult(state, e, now),
        (_, DeadlineReached) => OnDeadline(state, now),
        (_, CancellationRequested e) => OnCancellation(state, e, now),
        (_, SettlementRequested e) => OnSettlement(state, e, now),
        (_, RefundRequested e) => OnRefund(state, e, now),
        (_, CallbackDelivered e) => OnCallbackSettled(state, @event, CallbackStatus.Delivered,
            e.Attempts > 0 ? Text($"Callback delivered after {e.Attempts} attempt(s).") : "Callback delivered by the sweep (its retry chain was lost).", now),
        (_, CallbackAbandoned e) => OnCallbackSettled(state, @event, CallbackStatus.Abandoned,
            Text($"OPERATOR ALERT: callback abandoned after {e.Attempts} attempt(s): {e.Reason}"), now),
        _ => throw new InvalidOperationException($"Unhandled event {@event.GetType().Name}."),
    };

    private static Decision Start(CreatePaymentCalled e, DateTimeOffset now)
    {
        var state = new PaymentState
        {
            PaymentId = e.PaymentId,
            Phase = PaymentPhase.IdentifyingTerminal,
            Order = e.Order,
            Terms = e.Terms,
            CreatedAt = now,
            Tid = OwnTid(e.PaymentId),
            Code = "pos-identify-terminal",
            Message = "Scan the payment terminal's barcode to start the payment.",
            TestSuiteFlow = e.TestSuiteFlow,
        };
        var created = new Decision(null, [], [], DecisionOutcome.Unchanged);
        return e.TestSuiteFlow switch
        {
            null => Changed(created, state, e, now, "Payment created; asked Sales App to identify the terminal."),
            TestSuiteFlow.Approved => Approve(state, TestSuiteAuthorization(state), e, now, notify: false),
            TestSuiteFlow.Denied => Deny(state, e, now, "test-suite-denied", "Denied (Test Suite card).", notify: false),
            _ => Changed(created, state with
            {
                Phase = PaymentPhase.AwaitingTerminal,
                Deadline = now.AddSeconds(e.Terms.TestSuiteCallbackDelaySeconds),
                Code = "test-suite-pending",
                Message = "Test Suite asynchronous flow: the final status follows by callback.",
            }, e, now, "Test Suite asynchronous payment created.",
            new ScheduleDeadline(now.AddSeconds(e.Terms.TestSuiteCallbackDelaySeconds))),
        };
    }

    private static Decision OnCreatePaymentCalled(PaymentState state, CreatePaymentCalled repeat, DateTimeOffset now)
    {
        // A repeat is the same payment asked again: another amount is never charged, nor silently answered as the old one.
        if (repeat.Order.Value != state.Order.Value || repeat.Order.Currency != state.Order.Currency)
        {
            return Reject(state, repeat, now, AmountMismatch, string.Create(CultureInfo.InvariantCulture,
                $"Payment {state.PaymentId} exists for {state.Order.Value} {state.Order.Currency}; a repeat of it cannot ask for {repeat.Order.Value} {repeat.Order.Currency}."));
        }

        if (state.Phase != PaymentPhase.TerminalIdentified)
        {
            return Unchanged(state);
        }

        // VTEX counts delayToCancel from the first Create Payment, but the wait app counts secondsWaiting from now:
        // shorten the wait (and the terminal's deadline with it) so VTEX never cancels while the app still polls.
        var (wait, timeout) = WaitFor(state, now);
        var e = new CreatePaymentCalled(state.PaymentId, state.Order, state.Terms, null);
        if (timeout < Math.Min(MinTerminalSeconds, state.Terms.TerminalTimeoutSeconds))
        {
            return Deny(state, e, now, "identify-too-late",
                $"Terminal {state.SerialNumber} was identified too late to charge before VTEX cancels the payment.", notify: true);
        }

        // The winner of this transition is the only writer that sends the charge.
        var deadline = now.AddSeconds(timeout);
        var (charge, issued) = NewCommand(state, TerminalCommandType.Charge, state.Order.Value, now, requestId: null, timeout);
        var next = state with
        {
            Phase = PaymentPhase.AwaitingTerminal,
            Deadline = deadline,
            WaitSeconds = wait,
            Commands = [.. state.Commands, issued],
            Code = "pos-awaiting-terminal",
            Message = $"Waiting for the customer on terminal {state.SerialNumber}.",
        };
        return Changed(state, next, e, now,
            $"Charge {charge.CommandId} sent to terminal {state.SerialNumber}; wait {wait} s, deadline {Stamp(deadline)}.",
            new SendTerminalCommand(charge), new ScheduleDeadline(deadline));
    }

    private static Decision OnSerialSubmitted(PaymentState state, SerialSubmitted e, DateTimeOffset now)
    {
        if (state.Phase != PaymentPhase.IdentifyingTerminal)
        {
            var repeat = state.SerialNumber == e.SerialNumber && e.Verdict == TerminalVerdict.Accepted;
            return (repeat, state.Phase) switch
            {
                (true, PaymentPhase.TerminalIdentified or PaymentPhase.AwaitingTerminal or PaymentPhase.Approved) => Unchanged(state),
                (_, PaymentPhase.Denied or PaymentPhase.Cancelled) => Reject(state, e, now, "payment-ended",
                    $"This payment is already {Describe(state)}; no terminal can start it."),
                _ => Reject(state, e, now, "terminal-already-identified",
                    $"This payment is already {Describe(state)}; the serial cannot change now."),
            };
        }

        return e.Verdict switch
        {
            TerminalVerdict.Busy => Reject(state, e, now, "terminal-busy", BusyMessage(e)),
            TerminalVerdict.Accepted => Changed(state, state with
            {
                Phase = PaymentPhase.TerminalIdentified,
                SerialNumber = e.SerialNumber,
                Code = "pos-terminal-identified",
                Message = $"Terminal {e.SerialNumber} identified; starting the payment.",
            }, e, now, $"Terminal {e.SerialNumber} accepted."),
            TerminalVerdict.Disabled => Deny(state with { SerialNumber = e.SerialNumber }, e, now,
                "terminal-disabled", $"Terminal {e.SerialNumber} is disabled for payments{SaleEnded}", notify: true),
            TerminalVerdict.OtherStore => Deny(state with { SerialNumber = e.SerialNumber }, e, now,
                "terminal-other-store", $"Terminal {e.SerialNumber} belongs to another store than this payment's{SaleEnded}", notify: true),
            _ => Deny(state with { SerialNumber = e.SerialNumber }, e, now,
                "terminal-unknown", $"Terminal {e.SerialNumber} is not registered with this connector{SaleEnded}", notify: true),
        };
    }

    /// <summary>
    /// A refused terminal denies the payment (VTEX has no "scan again" step): the person at the counter must know
    /// that this sale is over and a new one must start.
    /// </summary>
    private const string SaleEnded = ", so this payment is now denied: start the sale again and scan a registered terminal of this store.";

    /// <summary>Says since when, never which payment: the other sale is another customer's.</summary>
    private static string BusyMessage(SerialSubmitted e) =>
        $"Terminal {e.SerialNumber} is busy with another payment" +
        (e.BusySince is { } since ? $" (started {since.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC)" : "") +
        "; finish or cancel it on the terminal, or choose another terminal.";

    private static Decision OnTerminalResult(PaymentState state, TerminalResultReceived e, DateTimeOffset now)
    {
        var result = e.Result;
        var command = result.CommandId is null ? null : state.FindCommand(result.CommandId);
        if (command is null)
        {
            return Reject(state, e, now, "unknown-command", $"No command {result.CommandId} was sent for this payment.");
        }

        if (command.SerialNumber != e.SerialNumber)
        {
            return Reject(state, e, now, "wrong-terminal",
                $"Command {command.CommandId} was sent to another terminal, not {e.SerialNumber}.");
        }

        if (result.Type != command.Type || result.Status is null)
        {
            return Reject(state, e, now, "result-mismatch",
                $"Command {command.CommandId} is a {command.Type} and needs a status.");
        }

        if (command.Result is not null)
        {
            return Unchanged(state);
        }

        var status = result.Status.Value;
        var recorded = state with
        {
            Commands = [.. state.Commands.Select(c => c == command ? c with { Result = status } : c)],
        };
        return command.Type switch
        {
            TerminalCommandType.Charge => OnChargeResult(recorded, e, status, now),
            TerminalCommandType.Refund when IsForCancellation(state, command) => OnCancellationResult(recorded, command, e, status, now),
            TerminalCommandType.Refund => OnRefundResult(recorded, command, e, status, now),
            TerminalCommandType.Void when command.RequestId is not null => OnCancellationResult(recorded, command, e, status, now),
            TerminalCommandType.Void => Changed(state, recorded, e, now, status == TerminalResultStatus.Approved
                ? $"Void {command.CommandId} confirmed by the terminal."
                : $"OPERATOR ALERT: void {command.CommandId} was {Lower(status)}; reverse the charge manually."),
            _ => Changed(state, recorded, e, now, status is TerminalResultStatus.Approved or TerminalResultStatus.Aborted
                ? $"Abort {command.CommandId} confirmed by the terminal."
                : $"Abort {command.CommandId} was {Lower(status)} by the terminal; a late approval will be voided."),
        };
    }

    private static Decision OnChargeResult(
        PaymentState state, TerminalResultReceived e, TerminalResultStatus status, DateTimeOffset now)
    {
        var result = e.Result;
        if (state.Phase != PaymentPhase.AwaitingTerminal)
        {
            // The charge outlived the payment (timeout, abort or cancel): a late approval must be reversed.
            if (status != TerminalResultStatus.Approved)
            {
                return Changed(state, state, e, now, $"Late charge result after the payment ended: {Lower(status)}.");
            }

            var (voidCommand, issued) = NewCommand(state, TerminalCommandType.Void, state.Order.Value, now, requestId: null);
            return Changed(state, state with { Commands = [.. state.Commands, issued] }, e, now,
                $"Late approval {CardData.Clip(result.AuthorizationId, 64)} after the payment was {Describe(state)}: " +
                $"void {voidCommand.CommandId} sent.",
                new SendTerminalCommand(voidCommand));
        }

        var message = CardData.Clip(CardData.MaskPans(result.Message));

        // tid is the provider's transaction id: the terminal's (acquirer's) once it answers, ours until then.
        state = state with { Tid = CardData.Clip(result.Tid, 64) is { Length: > 0 } tid ? tid : state.Tid };
        return status switch
        {
            TerminalResultStatus.Approved => Approve(state, new CardAuthorization(
                CardData.Clip(result.AuthorizationId, 64), CardData.Clip(result.Nsu, 64), CardData.Clip(result.Tid, 64),
                CardData.Clip(result.Acquirer, 64), CardData.Clip(result.CardBrand, 32),
                CardData.FirstSix(result.FirstDigits), CardData.LastFour(result.LastDigits)), e, now, notify: true, message),
            TerminalResultStatus.Declined => Deny(state, e, now, "terminal-declined",
                message ?? "Declined on the terminal.", notify: true),
            TerminalResultStatus.Aborted => Deny(state, e, now, "terminal-aborted",
                message ?? "The payment was aborted on the terminal.", notify: true),
            _ => Deny(state, e, now, "terminal-failed", message ?? "The terminal failed to process the payment.", notify: true),
        };
    }

    private static Decision OnRefundResult(
        PaymentState state, IssuedCommand command, TerminalResultReceived e, TerminalResultStatus status, DateTimeOffset now)
    {
        var op = state.Operations.First(o => o.CommandId == command.CommandId);
        var approved = status == TerminalResultStatus.Approved;

        // Not refund-manually: VTEX's gateway refunds twice on a null refundId with that code (known issue, §9).
        var done = approved
            ? op with { Status = OperationStatus.Completed, Code = null, Message = "Refunded on the terminal." }
            : op with
            {
                Status = OperationStatus.Failed,
                Code = "refund-declined",
                Message = $"The terminal {Lower(status)} the refund of {Money(op.Value)}: nothing was returned to the card. " +
                    "Refund it at the acquirer, or start a new refund with the card present.",
            };
        var next = state with
        {
            Operations = [.. state.Operations.Select(o => o == op ? done : o)],
            RefundedAmount = approved ? state.RefundedAmount + op.Value : state.RefundedAmount,
        };
        return Changed(state, next, e, now, approved
            ? $"Refund {op.RequestId} of {Money(op.Value)} confirmed."
            : $"OPERATOR ALERT: refund {op.RequestId} of {Money(op.Value)} was {Lower(status)} by the terminal; nothing was returned " +
                "to the card. VTEX gets 500 refund-declined; refund it at the acquirer or start a new refund.");
    }

    private static bool IsForCancellation(PaymentState state, IssuedCommand command) =>
        state.Operations.Any(o => o.CommandId == command.CommandId && o.Kind == OperationKind.Cancellation);

    /// <summary>
    /// The void (full) or refund (partial) of a VTEX cancellation: only now does the cancellation get its cancellationId.
    /// </summary>
    private static Decision OnCancellationResult(
        PaymentState state, IssuedCommand command, TerminalResultReceived e, TerminalResultStatus status, DateTimeOffset now)
    {
        var approved = status == TerminalResultStatus.Approved;
        var isVoid = command.Type == TerminalCommandType.Void;
        var amount = Money(command.Amount);
        var pending = state.Operations.Where(o => o.CommandId == command.CommandId && o.Status == OperationStatus.Pending).ToList();
        PaymentOperation Done(PaymentOperation op) => Concluded(op, approved, "Successfully cancelled.", "cancel-manually", isVoid
            ? $"The terminal answered the void {Lower(status)}; cancel the payment manually."
            : $"The terminal answered the refund of {amount} {Lower(status)}; return {amount} to the card manually.");
        var next = state with
        {
            Voided = (isVoid && approved) || state.Voided,
            CancelledAmount = !isVoid && approved ? state.CancelledAmount + command.Amount : state.CancelledAmount,
            Operations = [.. state.Operations.Select(o => pending.Contains(o) ? Done(o) : o)],
        };
        return Changed(state, next, e, now, (isVoid, approved) switch
        {
            (true, true) => $"Void {command.CommandId} confirmed by the terminal: payment cancelled ({command.RequestId}).",
            (true, false) => $"OPERATOR ALERT: void {command.CommandId} for cancellation {command.RequestId} was {Lower(status)}; cancel the payment manually.",
            (false, true) => $"Refund {command.CommandId} confirmed by the terminal: cancellation {command.RequestId} returned {amount} " +
                $"of {Money(state.Order.Value)}.",
            _ => $"OPERATOR ALERT: refund {command.CommandId} of {amount} for cancellation {command.RequestId} was {Lower(status)}; " +
                $"return {amount} to the card manually.",
        });
    }

    /// <summary>An operation the terminal had to confirm: completed, or left to the merchant (501, VTEX alerts them).</summary>
    private static PaymentOperation Concluded(PaymentOperation op, bool approved, string done, string manualCode, string manualMessage) =>
        approved
            ? op with { Status = OperationStatus.Completed, Code = null, Message = done }
            : op with { Status = OperationStatus.Manual, Code = manualCode, Message = manualMessage };

    private static Decision OnDeadline(PaymentState state, DateTimeOffset now)
    {
        var e = new DeadlineReached();
        if (state.Phase != PaymentPhase.AwaitingTerminal || state.Deadline is not { } deadline)
        {
            return Unchanged(state);
        }

        if (now < deadline)
        {
            return Changed(state, state, e, now, $"Deadline message arrived early; rescheduled for {Stamp(deadline)}.",
                new ScheduleDeadline(deadline));
        }

        return state.TestSuiteFlow switch
        {
            TestSuiteFlow.AsyncApproved => Approve(state, TestSuiteAuthorization(state), e, now, notify: true),
            TestSuiteFlow.AsyncDenied => Deny(state, e, now, "test-suite-denied", "Denied (Test Suite card).", notify: true),
            _ => AbortAndDeny(state, e, now),
        };
    }

    private static Decision AbortAndDeny(PaymentState state, DeadlineReached e, DateTimeOffset now)
    {
        var (abort, issued) = NewCommand(state, TerminalCommandType.Abort, state.Order.Value, now, requestId: null);
        var denied = Deny(state with { Commands = [.. state.Commands, issued] }, e, now, "terminal-timeout",
            $"The terminal did not answer within {state.Terms.TerminalTimeoutSeconds} seconds; the charge was aborted.",
            notify: true);
        return denied with { Effects = [new SendTerminalCommand(abort), .. denied.Effects] };
    }

    private static Decision OnCancellation(PaymentState state, CancellationRequested e, DateTimeOffset now)
    {
        if (state.FindOperation(e.RequestId) is not null)
        {
            return Unchanged(state);
        }

        var id = OperationId(state, "C");
        PaymentOperation Op(OperationStatus status, string? code, string message, string? commandId = null) =>
            new(e.RequestId, OperationKind.Cancellation, state.Order.Value, status,
                status == OperationStatus.Completed ? id : null, code, message, commandId);

        switch (state.Phase)
        {
            // Nothing was captured yet: the whole payment is cancelled, whatever the value (VTEX's own delayToCancel cancel too).
            case PaymentPhase.IdentifyingTerminal or PaymentPhase.TerminalIdentified or PaymentPhase.AwaitingTerminal:
            {
                var charging = state.Phase == PaymentPhase.AwaitingTerminal && state.TestSuiteFlow is null;
                var (abort, issued) = charging
                    ? NewCommand(state, TerminalCommandType.Abort, state.Order.Value, now, e.RequestId)
                    : (null, null);
                var next = state with
                {
                    Phase = PaymentPhase.Cancelled,
                    Deadline = null,
                    Commands = issued is null ? state.Commands : [.. state.Commands, issued],
                    Operations = [.. state.Operations, Op(OperationStatus.Completed, null, "Successfully cancelled.", abort?.CommandId)],
                    Code = "cancelled",
                    Message = "Cancelled by VTEX before the payment completed.",
                };
                // Only a payment awaiting its terminal (or a Test Suite callback) has a deadline that a host keeps waiting on.
                PaymentEffect[] stop = state.Phase == PaymentPhase.AwaitingTerminal ? [new StopWaiting()] : [];
                return abort is null
                    ? Changed(state, next, e, now, $"Cancelled ({e.RequestId}) before any charge was made.", stop)
                    : Changed(state, next, e, now, $"Cancelled ({e.RequestId}) while awaiting the terminal; abort {abort.CommandId} sent.",
                        [new SendTerminalCommand(abort), .. stop]);
            }

            case PaymentPhase.Approved when state.Voided:
                return Changed(state, state with
                {
                    Operations = [.. state.Operations, Op(OperationStatus.Completed, null, "Already cancelled.")],
                }, e, now, $"Cancellation {e.RequestId} repeated on a voided payment.");

            case PaymentPhase.Approved when state.VoidPending:
            {
                // One void serves every cancellation that arrives while it is pending.
                var inFlight = state.Operations.First(o => o is { Kind: OperationKind.Cancellation, Status: OperationStatus.Pending }
                    && state.FindCommand(o.CommandId!)?.Type == TerminalCommandType.Void);
                return Changed(state, state with
                {
                    Operations = [.. state.Operations, inFlight with { RequestId = e.RequestId, OperationId = id }],
                }, e, now, $"Cancellation {e.RequestId} joins the void {inFlight.CommandId} already sent.");
            }

            case PaymentPhase.Approved:
                return CancelApproved(state, e, id, now);

            default:
                return Changed(state, state with
                {
                    Operations = [.. state.Operations, Op(OperationStatus.Completed, null, "The payment was not approved; nothing to cancel.")],
                }, e, now, $"Cancellation {e.RequestId} of a payment that was already {Describe(state)}.");
        }
    }

    /// <summary>
    /// Cancel of an approved payment. Never more than what is still cancellable goes back to the card: the whole
    /// untouched sale is voided; anything less (a partial value, or the rest after a partial cancellation) is a refund
    /// of exactly that amount. An ambiguous value is never guessed (501 cancel-manually); an impossible one is 400.
    /// </summary>
    private static Decision CancelApproved(PaymentState state, CancellationRequested e, string id, DateTimeOffset now)
    {
        PaymentOperation Op(decimal value, OperationStatus status, string? code, string message, string? commandId = null) =>
            new(e.RequestId, OperationKind.Cancellation, value, status, status == OperationStatus.Manual ? null : id, code, message, commandId);
        Decision Record(PaymentOperation op, string note, params PaymentEffect[] effects) =>
            Changed(state, state with { Operations = [.. state.Operations, op] }, e, now, note, effects);

        var cancellable = state.UncommittedAmount;
        var reading = CancelAmount.Read(e.Value, cancellable);
        if (state.SettledAmount > 0 && (e.Value is null || reading.Scope == CancelScope.Implausible))
        {
            return Record(Op(state.Order.Value, OperationStatus.Manual, "cancel-manually", "The payment is already settled: refund it instead."),
                $"Cancellation {e.RequestId} refused: the payment is settled.");
        }

        switch (reading.Scope)
        {
            case CancelScope.Implausible:
            {
                var v = e.Value!.Value;
                var read = v == decimal.Truncate(v) ? $"{Money(v / 100m)} (in cents) or {Money(v)}" : Money(v);
                return Reject(state, e, now, "cancel-exceeds-authorized",
                    $"Cannot cancel a value of {Money(v)}: neither {read} is above 0 and within the {Money(cancellable)} " +
                    $"of {Money(state.Order.Value)} that can still be cancelled.", badInput: true);
            }

            case CancelScope.Ambiguous:
            {
                var readings = string.Join(" or ", reading.Readings.Select(Money));
                return Record(Op(0m, OperationStatus.Manual, "cancel-manually",
                        $"The cancellation value {Money(e.Value!.Value)} can mean {readings}; nothing was returned. Cancel it manually."),
                    $"OPERATOR ALERT: cancellation {e.RequestId} with value {Money(e.Value.Value)} can mean {readings} of " +
                    $"{Money(cancellable)} still cancellable; nothing was returned to the card. Return the right amount manually.");
            }
        }

        var amount = reading.Amount;
        var untouched = amount == state.Order.Value && state.CancelledAmount == 0 && state.PendingCancellationAmount == 0;
        if (amount == 0)
        {
            // Everything was already cancelled by partial cancellations (or their refunds are still on the terminal).
            return state.PendingCancellationAmount > 0
                ? Reject(state, e, now, "cancel-pending", "The rest of this payment is being cancelled on the terminal; retry.")
                : Record(Op(0m, OperationStatus.Completed, null, "Already cancelled."), $"Cancellation {e.RequestId} of a payment already fully cancelled.");
        }

        if (state.TestSuiteFlow is not null)
        {
            return Changed(state, state with
            {
                Voided = untouched || state.Voided,
                CancelledAmount = untouched ? state.CancelledAmount : state.CancelledAmount + amount,
                Operations = [.. state.Operations, Op(amount, OperationStatus.Completed, null, "Successfully cancelled.")],
            }, e, now, untouched ? $"Approved payment cancelled ({e.RequestId})." : $"Cancelled {Money(amount)} ({e.RequestId}, Test Suite).");
        }

        // cancellationId only once the terminal confirms: until then VTEX gets 500 and retries.
        var (command, issued) = NewCommand(state, untouched ? TerminalCommandType.Void : TerminalCommandType.Refund, amount, now, e.RequestId);
        var what = untouched ? "Void" : $"Refund of {Money(amount)}";
        var next = state with
        {
            Commands = [.. state.Commands, issued],
            Operations = [.. state.Operations, Op(amount, OperationStatus.Pending, "cancel-pending",
                $"{what} sent to terminal {state.SerialNumber}; waiting for its confirmation.", command.CommandId)],
        };
        return Changed(state, next, e, now, untouched
                ? $"Cancellation {e.RequestId}: void {command.CommandId} sent."
                : $"Cancellation {e.RequestId} of {Money(amount)} (of {Money(state.Order.Value)} authorized): refund {command.CommandId} sent.",
            new SendTerminalCommand(command));
    }

    private static Decision OnSettlement(PaymentState state, SettlementRequested e, DateTimeOffset now)
    {
        if (state.FindOperation(e.RequestId) is not null)
        {
            return Unchanged(state);
        }

        if (state.Phase != PaymentPhase.Approved || state.Voided || state.VoidPending)
        {
            return Reject(state, e, now, "payment-not-approved", $"Only approved payments can be settled; this one is {Describe(state)}.");
        }

        // What was cancelled (or is being cancelled) went back to the card and can never be settled.
        var remaining = state.UncommittedAmount;
        var value = e.Value ?? remaining;
        if (value <= 0 || value > remaining)
        {
            var cancelled = state.CancelledAmount + state.PendingCancellationAmount;
            return Reject(state, e, now, "settle-exceeds-authorized",
                $"Cannot settle {Money(value)}: {Money(remaining)} of {Money(state.Order.Value)} remains to settle" +
                (cancelled > 0 ? $" ({Money(cancelled)} was cancelled)." : "."));
        }

        var op = new PaymentOperation(e.RequestId, OperationKind.Settlement, value, OperationStatus.Completed,
            OperationId(state, "S"), null, "Successfully settled.", null);
        var next = state with
        {
            Operations = [.. state.Operations, op],
            SettledAmount = state.SettledAmount + value,
        };

        // A POS charge is captured at the terminal: what stays unsettled is still paid by the customer (docs/protocol.md §3.4).
        var unsettled = next.UnsettledRemainder;
        return Changed(state, next, e, now, unsettled == 0
            ? $"Settled {Money(value)} ({e.RequestId})."
            : $"Settled {Money(value)} ({e.RequestId}). OPERATOR ALERT: {Money(unsettled)} of {Money(state.Order.Value)} captured at " +
                $"the terminal is not settled and the customer still pays it; a later settlement or a cancellation of {Money(unsettled)} " +
                "covers it, otherwise refund it at the acquirer.");
    }

    private static Decision OnRefund(PaymentState state, RefundRequested e, DateTimeOffset now)
    {
        if (state.FindOperation(e.RequestId) is not null)
        {
            return Unchanged(state);
        }

        if (state.Phase != PaymentPhase.Approved || state.VoidPending)
        {
            return Reject(state, e, now, "payment-not-approved", $"Only approved payments can be refunded; this one is {Describe(state)}.");
        }

        if (e.Value <= 0 || e.Value > state.RefundableAmount)
        {
            return Reject(state, e, now, "refund-exceeds-settled",
                $"Cannot refund {Money(e.Value)}: {Money(state.RefundableAmount)} of {Money(state.SettledAmount)} settled remains refundable.");
        }

        var id = OperationId(state, "R");
        if (state.TestSuiteFlow is not null)
        {
            return Changed(state, state with
            {
                Operations = [.. state.Operations, new PaymentOperation(e.RequestId, OperationKind.Refund, e.Value,
                    OperationStatus.Completed, id, null, "Successfully refunded.", null)],
                RefundedAmount = state.RefundedAmount + e.Value,
            }, e, now, $"Refunded {Money(e.Value)} ({e.RequestId}, Test Suite).");
        }

        var (refund, issued) = NewCommand(state, TerminalCommandType.Refund, e.Value, now, e.RequestId);
        var op = new PaymentOperation(e.RequestId, OperationKind.Refund, e.Value, OperationStatus.Pending, id,
            "refund-pending", $"Refund sent to terminal {state.SerialNumber}; waiting for its confirmation.", refund.CommandId);
        return Changed(state, state with
        {
            Commands = [.. state.Commands, issued],
            Operations = [.. state.Operations, op],
        }, e, now, $"Refund {Money(e.Value)} ({e.RequestId}) sent as {refund.CommandId}.", new SendTerminalCommand(refund));
    }

    private static Decision OnCallbackSettled(
        PaymentState state, PaymentEvent e, CallbackStatus to, string note, DateTimeOffset now) =>
        state.Callback == CallbackStatus.Pending
            ? Changed(state, state with { Callback = to }, e, now, note)
            : Unchanged(state);

    private static Decision Approve(
        PaymentState state, CardAuthorization authorization, PaymentEvent e, DateTimeOffset now, bool notify, string? message = null)
    {
        var next = state with
        {
            Phase = PaymentPhase.Approved,
            Deadline = null,
            Authorization = authorization,
            Code = "approved",
            Message = message ?? "Approved.",
            Callback = notify ? CallbackStatus.Pending : CallbackStatus.None,
        };
        return Final(state, next, e, now, notify,
            $"Approved: authorization {authorization.AuthorizationId}, {authorization.CardBrand} {authorization.FirstDigits}******{authorization.LastDigits}.");
    }

    private static Decision Deny(PaymentState state, PaymentEvent e, DateTimeOffset now, string code, string message, bool notify)
    {
        var next = state with
        {
            Phase = PaymentPhase.Denied,
            Deadline = null,
            Code = code,
            Message = message,
            Callback = notify ? CallbackStatus.Pending : CallbackStatus.None,
        };
        return Final(state, next, e, now, notify, $"Denied ({code}): {message}");
    }

    private static Decision Final(PaymentState from, PaymentState next, PaymentEvent e, DateTimeOffset now, bool notify, string note)
    {
        PaymentEffect[] effects = notify
            ? [new NotifyVtex(next.CreatedAt.AddSeconds(next.Terms.DelayToCancel))]
            : [];
        return Changed(from, next, e, now, note, effects);
    }

    private static Decision Changed(
        PaymentState? from, PaymentState next, PaymentEvent e, DateTimeOffset now, string note, params PaymentEffect[] effects) =>
        new(next, effects, [new HistoryEntry(now, e.Tag, from?.Phase, next.Phase, note)], DecisionOutcome.Changed);

    private static Decision Changed(
        Decision created, PaymentState next, PaymentEvent e, DateTimeOffset now, string note, params PaymentEffect[] effects) =>
        Changed(created.State, next, e, now, note, effects);

    private static Decision Unchanged(PaymentState state) => new(state, [], [], DecisionOutcome.Unchanged);

    private static Decision Reject(PaymentState state, PaymentEvent e, DateTimeOffset now, string code, string message, bool badInput = false) =>
        new(state, [], [new HistoryEntry(now, e.Tag, state.Phase, state.Phase, $"Rejected ({code}): {message}")],
            DecisionOutcome.Rejected, new Rejection(code, message, badInput));

    private static (TerminalCommand Command, IssuedCommand Issued) NewCommand(
        PaymentState state, TerminalCommandType type, decimal amount, DateTimeOffset now, string? requestId, int? expiresInSeconds = null)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{state.PaymentId}-{state.Commands.Count + 1}");
        var serial = state.SerialNumber ?? "";
        var command = new TerminalCommand(id, type, state.PaymentId, serial, amount, state.Order.Currency,
            state.Order.Installments, state.Order.CardType, state.Order.Reference, now,
            now.AddSeconds(expiresInSeconds ?? state.Terms.TerminalTimeoutSeconds));
        return (command, new IssuedCommand(id, type, serial, amount, now, requestId, null));
    }

    private static CardAuthorization TestSuiteAuthorization(PaymentState state)
    {
        var (first, last) = TestSuiteCards.Fragments(state.TestSuiteFlow!.Value);
        return new CardAuthorization($"TS-{state.PaymentId}", $"NSU-{state.PaymentId}", state.Tid, "TestSuite", "Visa", first, last);
    }

    /// <summary>Keep this much of delayToCancel free after the wait, for the callback to land before VTEX cancels.</summary>
    internal const int CancelMarginSeconds = 60;

    /// <summary>Below this (or below the configured timeout, if smaller), a charge could not complete: the payment is denied.</summary>
    internal const int MinTerminalSeconds = 10;

    /// <summary>The wait app's secondsWaiting and the terminal's timeout for a charge sent at <paramref name="now"/>.</summary>
    internal static (int Wait, int TerminalTimeout) WaitFor(PaymentState state, DateTimeOffset now)
    {
        var t = state.Terms;
        var elapsed = (int)Math.Ceiling((now - state.CreatedAt).TotalSeconds);
        var wait = Math.Min(t.SecondsWaiting, t.DelayToCancel - Math.Max(0, elapsed) - CancelMarginSeconds);
        return (wait, Math.Min(t.TerminalTimeoutSeconds, wait - (t.SecondsWaiting - t.TerminalTimeoutSeconds)));
    }

    /// <summary>Our own transaction id until the terminal gives its own: stable, derived from the paymentId, not equal to it.</summary>
    internal static string OwnTid(string paymentId) =>
        "PC" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(paymentId)))[..18];

    private static string OperationId(PaymentState state, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{state.Tid}-{kind}{state.Operations.Count + 1}");

    private static string Describe(PaymentState state) => state.Phase switch
    {
        PaymentPhase.Approved when state.Voided => "cancelled after approval",
        PaymentPhase.Approved when state.VoidPending => "being cancelled (void pending)",
        PaymentPhase.IdentifyingTerminal or PaymentPhase.TerminalIdentified or PaymentPhase.AwaitingTerminal => "in progress",
        _ => Lower(state.Phase),
    };

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
