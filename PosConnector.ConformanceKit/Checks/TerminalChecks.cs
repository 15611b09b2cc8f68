using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>
/// The POS flow end to end with a terminal: the wait app, approval, decline, the terminal's timeout and an approval that
/// comes too late [POS], and the connector's terminal contract (docs/terminal-integration.md). The kit plays the
/// terminal (--admin-key, --terminal-secret) or asks a person to act on a real one (--manual); the timeout and late
/// approval need the kit to play it, since a person cannot be asked to be late on cue.
/// </summary>
public static class TerminalChecks
{
    private static readonly TimeSpan CommandPatience = TimeSpan.FromSeconds(30);

    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("pos-wait-app", $"{Sources.Pos} (wait for confirmation app); {Sources.PayApp}",
            "after the serial, Create answers vtex.challenge-wait-for-confirmation with a string payload, 0 < secondsWaiting < delayToCancel; overlapping Creates then send one charge", WaitAppAsync),
        new("pos-approved", $"{Sources.Pos} (mandatory callback with cardBrand, firstDigits, lastDigits); {Sources.Oas} (callback)",
            "an approved charge answers approved with card brand and 6+4 digits, and calls back approved with them", ApprovedAsync),
        new("pos-declined", $"{Sources.Pos}; {Sources.Oas} (a decline is denied, not an HTTP error)",
            "a declined charge answers denied and calls back denied", DeclinedAsync),
        new("pos-timeout", $"{Sources.Pos} (secondsWaiting, delayToCancel); {Sources.Terminal} (abort)",
            "a terminal that never answers: the connector aborts the charge and answers denied before the wait app gives up, and calls back denied", TimeoutAsync),
        new("pos-late-approval", $"{Sources.Terminal} (an approval after the abort is voided); {Sources.Pos}",
            "an approval after the timeout is accepted, the payment stays denied and the connector voids the charge", LateApprovalAsync),
    ];

    private static string Serial(CheckContext context) => context.Options.TerminalSerial!;

    private static async Task WaitAppAsync(CheckContext context)
    {
        context.RequireTerminal();
        var charge = await PosFlow.StartChargeAsync(context, Serial(context));
        var delayToCancel = charge.WaitAnswer.Json?["delayToCancel"] is { Type: JTokenType.Integer or JTokenType.Float } d ? (decimal)d : 0;
        Expect.That(charge.SecondsWaiting > 0 && charge.SecondsWaiting < delayToCancel,
            $"expected 0 < secondsWaiting < delayToCancel, got secondsWaiting {charge.SecondsWaiting} and delayToCancel {delayToCancel}", charge.WaitAnswer);

        // The wait app and the gateway keep calling Create while the charge runs: one payment, one charge.
        var polls = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => context.CreateAsync(charge.Body)));
        Expect.That(polls.All(p => (string?)p.Json?["tid"] == (string?)charge.WaitAnswer.Json?["tid"]), "expected the same tid on every poll",
            polls.FirstOrDefault(p => (string?)p.Json?["tid"] != (string?)charge.WaitAnswer.Json?["tid"]));
        if (!string.IsNullOrEmpty(context.Options.AdminKey))
        {
            var view = await context.Client.GetAsync($"/api/admin/payments/{charge.PaymentId}", context.Client.AdminHeaders);
            var charges = (view.Json?["state"]?["commands"] as JArray)?.Count(c => (string?)c["type"] == "charge") ?? 0;
            Expect.That(charges == 1, $"expected exactly one charge command for the payment, found {charges}", view);
        }

        context.WaitingCharge = charge;
    }

    private static async Task ApprovedAsync(CheckContext context)
    {
        context.RequireTerminal();
        var charge = context.WaitingCharge ?? await PosFlow.StartChargeAsync(context, Serial(context));
        context.WaitingCharge = null;
        await AnswerChargeAsync(context, charge, "approved",
            $"pay {context.Options.Amount:0.00} on terminal {Serial(context)} with a card that approves");

        var final = await PosFlow.WaitForFinalAsync(context, charge, $"payment {charge.PaymentId} to be approved");
        var json = Expect.JsonObject(final);
        Expect.Equal("approved", (string?)json["status"], "status", final);
        Expect.That(!string.IsNullOrEmpty((string?)json["cardBrand"]) && ((string?)json["firstDigits"])?.Length == 6 && ((string?)json["lastDigits"])?.Length == 4,
            "expected cardBrand, firstDigits (6 digits) and lastDigits (4 digits) on the approved answer", final);
        await CallbackIfObservableAsync(context, charge.PaymentId, "approved", withCard: true);
    }

    private static async Task DeclinedAsync(CheckContext context)
    {
        context.RequireTerminal();
        var charge = await PosFlow.StartChargeAsync(context, Serial(context));
        await AnswerChargeAsync(context, charge, "declined",
            $"decline the charge of {context.Options.Amount:0.00} on terminal {Serial(context)} (cancel it on the terminal, or use a card that declines)");
        var final = await PosFlow.WaitForFinalAsync(context, charge, $"payment {charge.PaymentId} to be denied");
        Expect.Equal("denied", (string?)final.Json?["status"], "status", final);
        await CallbackIfObservableAsync(context, charge.PaymentId, "denied", withCard: false);
    }

    private static async Task TimeoutAsync(CheckContext context)
    {
        var terminal = context.RequirePlayedTerminal();
        var started = context.Time.GetUtcNow();
        var (charge, final) = await SilentChargeAsync(context);
        var took = context.Time.GetUtcNow() - started;
        Expect.That(took < TimeSpan.FromSeconds(charge.SecondsWaiting),
            $"expected denied before the wait app stops waiting ({charge.SecondsWaiting} s); took {took.TotalSeconds:0} s", final);

        var abort = await terminal.FindCommandAsync(context, charge.PaymentId, "abort", CommandPatience);
        Expect.That(abort is not null, "expected an abort command for the silent terminal's charge", final);
        var confirmed = await terminal.PostResultAsync(charge.PaymentId, abort!, "approved");
        Expect.Status(confirmed, 200, "the terminal confirms the abort");
        context.TimedOutCharge = charge;
        await CallbackIfObservableAsync(context, charge.PaymentId, "denied", withCard: false);
    }

    private static async Task LateApprovalAsync(CheckContext context)
    {
        var terminal = context.RequirePlayedTerminal();
        // Run alone (or after a failed pos-timeout), it makes its own timed-out payment first.
        var charge = context.TimedOutCharge ?? (await SilentChargeAsync(context)).Charge;

        var command = await terminal.FindCommandAsync(context, charge.PaymentId, "charge", CommandPatience);
        Expect.That(command is not null, "expected the charge command in the admin view", (Exchange?)null);
        var late = await terminal.PostResultAsync(charge.PaymentId, command!, "approved", withCard: true);
        Expect.Status(late, 200, "a late result is still accepted (the terminal must not retry it forever)");

        var after = await context.CreateAsync(charge.Body);
        Expect.Equal("denied", (string?)after.Json?["status"], "status after a late approval (VTEX was told denied)", after);
        var voided = await terminal.FindCommandAsync(context, charge.PaymentId, "void", CommandPatience);
        Expect.That(voided is not null, "expected a void command for the late approval", after);
        var done = await terminal.PostResultAsync(charge.PaymentId, voided!, "approved");
        Expect.Status(done, 200, "the terminal confirms the void");
    }

    /// <summary>A charge the terminal never answers, waited for as the wait app does until the connector ends it denied.</summary>
    private static async Task<(PosCharge Charge, Answer Final)> SilentChargeAsync(CheckContext context)
    {
        var charge = await PosFlow.StartChargeAsync(context, Serial(context));
        var final = await PosFlow.WaitForFinalAsync(context, charge, $"the connector to give up on the silent terminal ({charge.PaymentId})");
        Expect.Equal("denied", (string?)final.Json?["status"], "status after the terminal's timeout", final);
        return (charge, final);
    }

    /// <summary>The terminal's part: the kit posts the signed result, or a person is asked to act and the wait shows.</summary>
    private static async Task AnswerChargeAsync(CheckContext context, PosCharge charge, string status, string instruction)
    {
        if (context.Options.TerminalMode == TerminalMode.Manual)
        {
            context.Progress.Say($"ACTION: {instruction} (payment {charge.PaymentId})");
            return;
        }

        var terminal = context.RequirePlayedTerminal();
        var command = await terminal.FindCommandAsync(context, charge.PaymentId, "charge", CommandPatience);
        Expect.That(command is not null, "expected a charge command for the payment in the admin view", charge.WaitAnswer);
        var posted = await terminal.PostResultAsync(charge.PaymentId, command!, status, withCard: status == "approved");
        Expect.Status(posted, 200, "the connector accepts the terminal's signed result");
    }

    /// <summary>The callback, when the deployment calls back to the kit; else the final status alone was checked, as the report says.</summary>
    private static async Task CallbackIfObservableAsync(CheckContext context, string paymentId, string status, bool withCard)
    {
        if (context.Callbacks is null)
        {
            context.Note = $"callback not observed: {context.CallbacksUnavailable}";
            return;
        }

        await CallbackExpectations.ExpectCallbackAsync(context, paymentId, status, context.Options.CallbackPatience, withCard);
    }
}
