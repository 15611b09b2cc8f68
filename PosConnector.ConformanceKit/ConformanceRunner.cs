using System.Diagnostics;

namespace PosConnector.ConformanceKit;

/// <summary>
/// Runs the checks against one deployment: starts the callback receiver, finds out whether the deployment accepts its
/// callbackUrl, registers the played terminal if asked, then runs each check in order and records what it found.
/// </summary>
public sealed class ConformanceRunner(HttpClient http, TimeProvider time, Progress progress)
{
    public async Task<RunReport> RunAsync(KitOptions options, IReadOnlyList<ConformanceCheck>? checks = null)
    {
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var client = new ConnectorClient(http, options);
        var terminal = options.TerminalMode == TerminalMode.Play ? new TerminalPlayer(client, options, time) : null;
        await using var listener = options.ListenForCallbacks ? await CallbackListener.StartAsync(options.CallbackListenUrl, options.CallbackPublicUrl) : null;
        var context = new CheckContext(options, client, listener, terminal, progress, time);
        var callbacks = await ProbeCallbacksAsync(context);

        if (options.RegisterTerminal && terminal is not null)
        {
            var registered = await terminal.RegisterAsync();
            if (registered.Status != 200)
            {
                throw new KitSetupException($"Registering terminal {terminal.Serial} failed (check --admin-key and --merchant): {registered.Exchange}");
            }
        }

        var selected = (checks ?? CheckCatalog.All)
            .Where(c => options.Only.Count == 0 || options.Only.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var results = new List<CheckResult>();
        for (var i = 0; i < selected.Count; i++)
        {
            progress.Check(i + 1, selected.Count, selected[i].Name);
            results.Add(await RunOneAsync(selected[i], context));
        }

        return new RunReport(options.BaseUrl, started, clock.Elapsed, options.TerminalMode, callbacks, results);
    }

    private async Task<CheckResult> RunOneAsync(ConformanceCheck check, CheckContext context)
    {
        var clock = Stopwatch.StartNew();
        context.Note = null;
        try
        {
            await check.RunAsync(context);
            return new CheckResult(check.Name, check.Source, Outcome.Pass, context.Note ?? "", null, clock.Elapsed);
        }
        catch (CheckSkippedException e)
        {
            return new CheckResult(check.Name, check.Source, Outcome.Skip, e.Message, null, clock.Elapsed);
        }
        catch (CheckFailedException e)
        {
            return new CheckResult(check.Name, check.Source, Outcome.Fail, e.Message, e.Exchange, clock.Elapsed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A crash inside a check is the kit's bug or a deployment answer it did not foresee: a failure either way, named as such.
            var last = context.Client.Exchanges.LastOrDefault();
            progress.Say($"{check.Name}: unexpected {e.GetType().Name}: {e.Message}");
            return new CheckResult(check.Name, check.Source, Outcome.Fail, $"unexpected {e.GetType().Name}: {e.Message}", last, clock.Elapsed);
        }
    }

    /// <summary>
    /// One Create with the receiver's callbackUrl: a deployment that may only call back to VTEX's hosts refuses it
    /// (400 callback-url-not-allowed), and then every payment uses a VTEX-shaped callbackUrl and the callback checks skip.
    /// </summary>
    private static async Task<string> ProbeCallbacksAsync(CheckContext context)
    {
        if (context.Callbacks is null)
        {
            return "off (--no-callback-listener): callback checks skipped";
        }

        var probe = await context.CreateAsync(context.NewPayment());
        if (probe.Status == 400 && (string?)probe.Json?["code"] == "callback-url-not-allowed")
        {
            var host = new Uri(context.CallbackUrlFor("P")).Authority;
            context.CallbacksUnavailable = $"the deployment does not call back to {host} (Vtex:CallbackHosts); give --callback-public-url with a host it allows";
            context.Callbacks = null;
            return "refused by the deployment: callback checks skipped";
        }

        return $"received on {new Uri(context.CallbackUrlFor("P")).GetLeftPart(UriPartial.Authority)}";
    }
}
