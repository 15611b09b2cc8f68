using System.Diagnostics;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Observability;

/// <summary>
/// One span per payment step, with the attributes a trace search needs: ids, the phase reached and the outcome. Never a
/// card number, token or secret: only ids, serial numbers, phases and codes go in (both hosts' TelemetryTests check).
/// </summary>
public static class PaymentSpans
{
    public const string PaymentId = "payment.id";
    public const string Step = "payment.step";
    public const string Phase = "payment.phase";
    public const string Outcome = "payment.outcome";
    public const string Rejection = "payment.rejection";
    public const string Serial = "terminal.serial";
    public const string CommandId = "command.id";
    public const string CallbackAttempt = "callback.attempt";

    /// <summary>
    /// A new step span. Inside another step (a callback attempt started by the terminal result that made it owed) it
    /// starts its own trace, linked to that step: each step is one trace, however long the other lives.
    /// </summary>
    public static StepSpan Begin(string step, string? paymentId, string? serial = null)
    {
        var source = PosConnectorTelemetry.Source;
        if (!source.HasListeners())
        {
            return default;
        }

        ActivityLink[]? links = null;
        if (Enclosing() is { } cause)
        {
            links = [new ActivityLink(cause.Context)];
            // Not a child of the other step: a root of its own. Only this flow sees it (the callers are async).
            Activity.Current = null;
        }

        var activity = source.StartActivity($"payment.{step}", ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag(Step, step);
        activity?.SetTag(PaymentId, paymentId);
        activity?.SetTag(Serial, serial);
        return new StepSpan(activity, Owned: true);
    }

    /// <summary>The step already running for this payment (the engine inside a handler's step), else a new one.</summary>
    public static StepSpan Continue(string step, string paymentId) =>
        Enclosing() is { } current && current.GetTagItem(PaymentId) as string == paymentId
            ? new StepSpan(current, Owned: false)
            : Begin(step, paymentId);

    /// <summary>What the engine decided, on the step that asked: phase reached, outcome, serial and the command concerned.</summary>
    public static void Decided(Activity? span, PaymentEvent @event, Decision decision)
    {
        if (span is null)
        {
            return;
        }

        if (decision.State is { } state)
        {
            span.SetTag(Phase, Name(state.Phase));
            if (state.SerialNumber is { } serial)
            {
                span.SetTag(Serial, serial);
            }
        }

        var command = @event is PaymentEvent.TerminalResultReceived result
            ? result.Result.CommandId
            : decision.Effects.OfType<PaymentEffect.SendTerminalCommand>().FirstOrDefault()?.Command.CommandId;
        if (command is not null)
        {
            span.SetTag(CommandId, command);
        }

        span.SetTag(Outcome, decision.Outcome switch
        {
            DecisionOutcome.Changed => "changed",
            DecisionOutcome.Unchanged => "unchanged",
            _ => "rejected",
        });
        if (decision.Rejection is { } rejection)
        {
            span.SetTag(Rejection, rejection.Code);
        }
    }

    /// <summary>An outcome decided outside the engine (a refused request, a callback attempt's answer).</summary>
    public static void Ended(Activity? span, string outcome, string? failure = null, string? rejection = null)
    {
        span?.SetTag(Outcome, outcome);
        span?.SetTag(Rejection, rejection);
        if (failure is not null)
        {
            span?.SetStatus(ActivityStatusCode.Error, failure);
        }
    }

    /// <summary>The running step refused its request before any decision (a bad signature, another merchant's payment).</summary>
    public static void Refused(string code) => Ended(Enclosing(), "refused", rejection: code);

    public static string Name(PaymentPhase phase) => phase switch
    {
        PaymentPhase.IdentifyingTerminal => "identifying_terminal",
        PaymentPhase.TerminalIdentified => "terminal_identified",
        PaymentPhase.AwaitingTerminal => "awaiting_terminal",
        PaymentPhase.Approved => "approved",
        PaymentPhase.Denied => "denied",
        _ => "cancelled",
    };

    /// <summary>The innermost payment step around the caller, if any.</summary>
    private static Activity? Enclosing()
    {
        for (var a = Activity.Current; a is not null; a = a.Parent)
        {
            if (a.Source == PosConnectorTelemetry.Source && a.GetTagItem(Step) is not null)
            {
                return a;
            }
        }

        return null;
    }
}
