using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Observability;

/// <summary>
/// The meter <see cref="PosConnectorTelemetry.Name"/>: what operators chart (the Azure workbook reads these names).
/// Payment facts are counted from committed decisions only (<see cref="Committed"/>), so a repeated request, a lost
/// compare-and-set race or a replayed activity counts nothing, and both hosts count alike.
/// </summary>
public sealed class PaymentMetrics
{
    public const string Completed = "posconnector.payments.completed";
    public const string TerminalResultLatency = "posconnector.terminal.result_latency";
    public const string CallbackLatency = "posconnector.callback.latency";
    public const string CallbackAttempts = "posconnector.callback.attempts";
    public const string CallbackAbandoned = "posconnector.callback.abandoned";
    public const string CommandsResent = "posconnector.commands.resent";
    public const string PastDeadline = "posconnector.payments.past_deadline";

    /// <summary>Final states waiting for their callback, kept per process; past this many the oldest facts are dropped.</summary>
    private const int MaxOwed = 10_000;

    private readonly Counter<long> _completed;
    private readonly Histogram<double> _resultLatency;
    private readonly Histogram<double> _callbackLatency;
    private readonly Counter<long> _callbackAttempts;
    private readonly Counter<long> _callbackAbandoned;
    private readonly Counter<long> _commandsResent;
    private readonly Counter<long> _pastDeadline;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _owedSince = new(StringComparer.Ordinal);

    public PaymentMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PosConnectorTelemetry.Name);
        _completed = meter.CreateCounter<long>(Completed, "{payment}", "Payments that reached a final status (tag status).");
        _resultLatency = meter.CreateHistogram<double>(TerminalResultLatency, "ms", "From a terminal command issued to the terminal's result recorded.");
        _callbackLatency = meter.CreateHistogram<double>(CallbackLatency, "ms", "From the final status recorded to VTEX answering its callback with a 2xx.");
        _callbackAttempts = meter.CreateCounter<long>(CallbackAttempts, "{attempt}", "Callback POSTs to VTEX (tag outcome: delivered, refused, failed).");
        _callbackAbandoned = meter.CreateCounter<long>(CallbackAbandoned, "{payment}", "Callbacks given up at delayToCancel without a 2xx (an operator alert each).");
        _commandsResent = meter.CreateCounter<long>(CommandsResent, "{command}", "Terminal commands sent by an outbox drain, not by the writer that decided them.");
        _pastDeadline = meter.CreateCounter<long>(PastDeadline, "{payment}", "Payments the sweep found still waiting after their deadline and decided (alert 483; tag phase).");
    }

    /// <summary>What a committed decision tells, measured at <paramref name="now"/>, the time it was decided.</summary>
    public void Committed(PaymentState? before, PaymentEvent @event, Decision decision, DateTimeOffset now)
    {
        if (decision.Outcome != DecisionOutcome.Changed || decision.State is not { } after)
        {
            return;
        }

        if (after.IsFinal && before?.IsFinal != true)
        {
            _completed.Add(1, new KeyValuePair<string, object?>("status", PaymentSpans.Name(after.Phase)));
        }

        if (decision.Effects.Any(e => e is PaymentEffect.NotifyVtex))
        {
            if (_owedSince.Count >= MaxOwed)
            {
                _owedSince.Clear();
            }

            _owedSince[after.PaymentId] = now;
        }

        switch (@event)
        {
            case PaymentEvent.TerminalResultReceived { Result.CommandId: { } id }
                when before?.FindCommand(id) is { Result: null } command:
                _resultLatency.Record((now - command.IssuedAt).TotalMilliseconds,
                    new KeyValuePair<string, object?>("command.type", Name(command.Type)));
                break;
            case PaymentEvent.CallbackAbandoned:
                _owedSince.TryRemove(after.PaymentId, out _);
                _callbackAbandoned.Add(1);
                break;
            case PaymentEvent.CallbackDelivered:
                _owedSince.TryRemove(after.PaymentId, out _);
                break;
        }
    }

    /// <summary>
    /// One callback POST and VTEX's answer. On a 2xx, the latency since the final status was recorded: known here when
    /// this process recorded it (the usual case: the first attempt leaves from there), else read by <paramref name="finalAt"/>.
    /// </summary>
    public async Task CallbackAnsweredAsync(
        string paymentId, int? statusCode, DateTimeOffset now, Func<Task<DateTimeOffset?>> finalAt)
    {
        var outcome = statusCode switch
        {
            >= 200 and < 300 => "delivered",
            null => "failed",
            _ => "refused",
        };
        _callbackAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == "delivered"
            && (_owedSince.TryRemove(paymentId, out var since) ? since : await finalAt()) is { } recorded)
        {
            _callbackLatency.Record(Math.Max(0, (now - recorded).TotalMilliseconds));
        }
    }

    /// <summary>
    /// The sweep applied the deadline of a payment still waiting <c>Sweep:Grace</c> after it (its deadline step did not
    /// run: alert 483, <c>PastDeadline</c>). Counted when that decided the payment, so once however often it is swept.
    /// </summary>
    public void SweptPastDeadline(PaymentPhase phase, Decision decision)
    {
        if (decision is { Outcome: DecisionOutcome.Changed, State.IsFinal: true })
        {
            _pastDeadline.Add(1, new KeyValuePair<string, object?>("phase", PaymentSpans.Name(phase)));
        }
    }

    /// <summary>A terminal command an outbox drain sent: the writer that decided it did not (it died, or its send failed).</summary>
    public void Resent(TerminalCommand command) =>
        _commandsResent.Add(1, new KeyValuePair<string, object?>("command.type", Name(command.Type)));

    private static string Name(TerminalCommandType type) => type.ToString().ToLowerInvariant();
}
