using System.Globalization;

namespace PosConnector.Benchmarks;

/// <summary>
/// The cost side of a payment (issue 11): storage requests per step, the idle cost, and the terminal result to
/// callback latency with sparse traffic, on a stack of its own. Deadlines and outbox reminders are shortened there so
/// their deferred work lands inside the measured window; request counts do not depend on those delays.
/// </summary>
internal static class StorageStepsBenchmark
{
    private static readonly TimeSpan ReminderDelay = TimeSpan.FromSeconds(2);
    private const int TerminalTimeoutSeconds = 3;

    public static async Task RunAsync(BenchmarkOptions options)
    {
        using var counter = new StorageRequestCounter();
        var overrides = new Dictionary<string, string?>
        {
            ["Payments:TerminalTimeoutSeconds"] = TerminalTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["Storage:OutboxReminderDelay"] = ReminderDelay.ToString("c", CultureInfo.InvariantCulture),
        };
        await using var stack = await BenchmarkStack.StartAsync(options with { Terminals = 1 }, overrides, counter.ConnectorPolicy);
        var driver = new PaymentDriver(stack);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));

        // One unmeasured payment: first-use costs (table and queue creation, connection set-up) are not a payment's.
        await driver.PayAsync(0, timeout.Token);
        await Task.Delay(Settle, timeout.Token);

        var connector = new Dictionary<PaymentStep, long>();
        var terminal = new Dictionary<PaymentStep, long>();
        for (var i = 1; i <= options.Steps; i++)
        {
            var (lastConnector, lastTerminal) = (counter.Connector, counter.Terminal);
            void Meter(PaymentStep step)
            {
                var (nowConnector, nowTerminal) = (counter.Connector, counter.Terminal);
                if (StorageRequestCounter.Tracing)
                {
                    Console.Error.WriteLine($"TRACE ==== end of {step}");
                }

                connector[step] = connector.GetValueOrDefault(step) + (nowConnector - lastConnector).Work;
                terminal[step] = terminal.GetValueOrDefault(step) + (nowTerminal - lastTerminal).Work;
                (lastConnector, lastTerminal) = (nowConnector, nowTerminal);
            }

            var outcome = await driver.PayAsync(i, timeout.Token, Meter, options.Polls);
            if (!outcome.Approved)
            {
                Console.WriteLine($"FAIL: steps payment {outcome.PaymentId}: {outcome.Error ?? outcome.Status}");
                return;
            }

            await Task.Delay(Settle, timeout.Token);
            Meter(PaymentStep.Deferred);
        }

        Console.WriteLine();
        Console.WriteLine($"storage requests per approved payment with {options.Polls} polls (mean of {options.Steps}, sequential; empty queue polls counted as idle cost below)");
        foreach (var step in Enum.GetValues<PaymentStep>())
        {
            Console.WriteLine(FormattableString.Invariant(
                $"  {Describe(step),-44}connector {connector.GetValueOrDefault(step) / (double)options.Steps,5:F1}   virtual terminal {terminal.GetValueOrDefault(step) / (double)options.Steps,5:F1}"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"  {"total",-44}connector {connector.Values.Sum() / (double)options.Steps,5:F1}   virtual terminal {terminal.Values.Sum() / (double)options.Steps,5:F1}"));

        var idleWindow = TimeSpan.FromSeconds(10);
        var (idleConnector, idleTerminal) = (counter.Connector, counter.Terminal);
        await Task.Delay(idleWindow, timeout.Token);
        Console.WriteLine(FormattableString.Invariant(
            $"  {$"idle, nothing to do ({idleWindow.TotalSeconds:F0} s), per second",-44}connector {(counter.Connector - idleConnector).Total / idleWindow.TotalSeconds,5:F1}   virtual terminal {(counter.Terminal - idleTerminal).Total / idleWindow.TotalSeconds,5:F1}"));

        if (options.Sparse > 0)
        {
            await RunSparseAsync(driver, options.Sparse, timeout.Token);
        }
    }

    /// <summary>Real POS traffic is sparse: payments 1.5 to 4.5 s apart, so idle back-offs are part of the latency.</summary>
    private static async Task RunSparseAsync(PaymentDriver driver, int payments, CancellationToken ct)
    {
        var gaps = new Random(11);
        var outcomes = new List<PaymentOutcome>();
        for (var i = 0; i < payments; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1500 + gaps.Next(3000)), ct);
            outcomes.Add(await driver.PayAsync(1000 + i, ct));
        }

        Console.WriteLine($"{"terminal result -> callback, sparse",-46}{Percentiles.Of(outcomes.Select(o => o.ResultToCallbackMs).Where(double.IsFinite))}" +
            $"  ({outcomes.Count(o => o.Approved)}/{payments} approved, 1.5-4.5 s apart)");
    }

    /// <summary>Long enough for the shortened deadline and reminder to fire and be handled.</summary>
    private static TimeSpan Settle => TimeSpan.FromSeconds(TerminalTimeoutSeconds) + ReminderDelay + TimeSpan.FromSeconds(4);

    private static string Describe(PaymentStep step) => step switch
    {
        PaymentStep.FirstCreate => "first Create Payment (identify terminal)",
        PaymentStep.SubmitSerial => "submit serial",
        PaymentStep.RepeatCreate => "Create Payment after the serial (charge)",
        PaymentStep.Polls => "the wait app's polls (repeated Create Payment)",
        PaymentStep.ResultToCallback => "terminal result -> callback delivered",
        PaymentStep.Deferred => "deferred (reminders, deadline)",
        _ => step.ToString(),
    };
}
