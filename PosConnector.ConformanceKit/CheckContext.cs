using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PosConnector.Domain.Ppp;

namespace PosConnector.ConformanceKit;

/// <summary>What a check works with: the options, the client, the callback receiver, the terminal and the progress line.</summary>
public sealed class CheckContext(
    KitOptions options, ConnectorClient client, CallbackListener? callbacks, TerminalPlayer? terminal, Progress progress, TimeProvider time)
{
    public KitOptions Options { get; } = options;
    public ConnectorClient Client { get; } = client;
    public Progress Progress { get; } = progress;
    public TimeProvider Time { get; } = time;

    /// <summary>The receiver when the deployment accepted its callbackUrl; null otherwise.</summary>
    public CallbackListener? Callbacks { get; set; } = callbacks;

    /// <summary>Why callbacks cannot be observed, for the checks that need them.</summary>
    public string CallbacksUnavailable { get; set; } = "no callback receiver (--no-callback-listener)";

    /// <summary>The charge pos-wait-app left on the terminal, for pos-approved to finish.</summary>
    public PosCharge? WaitingCharge { get; set; }

    /// <summary>A remark the running check adds to its pass (what it could not observe); reset before each check.</summary>
    public string? Note { get; set; }

    /// <summary>The payment pos-timeout left denied, whose charge pos-late-approval then approves.</summary>
    public PosCharge? TimedOutCharge { get; set; }

    public TerminalPlayer RequirePlayedTerminal() =>
        terminal ?? throw new CheckSkippedException(Options.TerminalMode == TerminalMode.Manual
            ? "needs the kit to play the terminal (--admin-key and --terminal-secret, without --manual)"
            : "no terminal: give --admin-key, --terminal-serial and --terminal-secret to play it, or --manual");

    public void RequireTerminal()
    {
        if (Options.TerminalMode == TerminalMode.None)
        {
            throw new CheckSkippedException("no terminal: give --admin-key, --terminal-serial and --terminal-secret to play it, or --manual");
        }
    }

    public CallbackListener RequireCallbacks() => Callbacks ?? throw new CheckSkippedException(CallbacksUnavailable);

    /// <summary>The receiver's URL when usable, else one shaped as VTEX's own (its callbacks then go nowhere the kit sees).</summary>
    public string CallbackUrlFor(string paymentId) =>
        Callbacks?.CallbackUrlFor(paymentId)
        ?? $"https://{Options.VtexAccount}.vtexpayments.com.br/api/pvt/payment-provider/transactions/TX{paymentId}/payments/{paymentId}/callback?accountName={Options.VtexAccount}&X-VTEX-signature={CallbackListener.Signature(paymentId)}";

    public JObject NewPayment(string? cardNumber = null, string method = Manifest.CreditMethod, decimal? value = null)
    {
        var id = PaymentRequests.NewPaymentId();
        return PaymentRequests.Create(id, value ?? Options.Amount, CallbackUrlFor(id), Options.MerchantName, method, cardNumber);
    }

    public Task<Answer> CreateAsync(JObject body, bool testSuite = false) =>
        Client.PostAsync("/api/payments", body.ToString(Formatting.None),
            testSuite ? [.. Client.MerchantHeaders, (ConnectorClient.TestSuiteHeader, "true")] : Client.MerchantHeaders);

    public Task<Answer> OperationAsync(string paymentId, string operation, JObject body, bool testSuite = false) =>
        Client.PostAsync($"/api/payments/{paymentId}/{operation}", body.ToString(Formatting.None),
            testSuite ? [.. Client.MerchantHeaders, (ConnectorClient.TestSuiteHeader, "true")] : Client.MerchantHeaders);

    /// <summary>Polls <paramref name="probe"/> until it returns a value or <paramref name="limit"/> passes, showing the wait.</summary>
    public async Task<T?> WaitForAsync<T>(string what, TimeSpan limit, Func<Task<T?>> probe, TimeSpan? interval = null)
        where T : class
    {
        var started = Time.GetUtcNow();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            var elapsed = Time.GetUtcNow() - started;
            if (elapsed >= limit)
            {
                return null;
            }

            Progress.Waiting(what, elapsed, limit);
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(250), Time);
        }
    }
}
