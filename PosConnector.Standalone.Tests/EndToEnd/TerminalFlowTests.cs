using System.Net;
using Newtonsoft.Json.Linq;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// Charges through the real virtual terminal: each outcome rule, cancellations (partial ones too), settlements,
/// refunds (a declined one too), callback retries and hostile terminal results. The terminal timeout is <see cref="TestSettings.TerminalTimeoutSeconds"/>.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TerminalFlowTests(ConnectorWorld world) : IClassFixture<ConnectorWorld>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private PppClient Client => world.Client;

    [Fact]
    public async Task Charge_Approved_CallsBackWithCardFragmentsAndLaterCreatesAnswerApproved()
    {
        var id = await world.StartChargeAsync(31.90m);

        var callback = await world.Callbacks.WaitForAsync(id, Patience);
        var later = await Client.CreatePaymentAsync(Payments.Create(id, 31.90m, world.Callbacks.CallbackUrlFor("TX1", id)));

        Assert.Equal("approved", (string?)callback.Body["status"]);
        Assert.Equal("Visa", (string?)callback.Body["cardBrand"]);
        Assert.Equal("411111", (string?)callback.Body["firstDigits"]);
        Assert.Equal("1111", (string?)callback.Body["lastDigits"]);
        Assert.StartsWith("AUT-", (string?)callback.Body["authorizationId"], StringComparison.Ordinal);
        Assert.Equal("VirtualAcquirer", (string?)callback.Body["acquirer"]);
        Assert.Equal(600, (int)callback.Body["delayToCancel"]!);
        Assert.Equal(TestSettings.PartnerAppKey, callback.AppKey);
        Assert.Equal(TestSettings.PartnerAppToken, callback.AppToken);
        Assert.Equal("?accountName=teststore&X-VTEX-signature=sig" + id[..8], callback.Query);
        Assert.Equal("approved", (string?)later.Json["status"]);
        Assert.Equal((string?)callback.Body["authorizationId"], (string?)later.Json["authorizationId"]);
        Assert.Equal("1111", (string?)later.Json["lastDigits"]);
        await AssertCallbackSettledOnceAsync(id);
    }

    [Fact]
    public async Task Charge_Declined_CallsBackDenied()
    {
        var id = await world.StartChargeAsync(10.01m);

        var callback = await world.Callbacks.WaitForAsync(id, Patience);

        Assert.Equal("denied", (string?)callback.Body["status"]);
        Assert.Equal("terminal-declined", (string?)callback.Body["code"]);
        Assert.Equal("insufficient funds", (string?)callback.Body["message"]);
        Assert.Null(callback.Body["cardBrand"]);
    }

    [Fact]
    public async Task Charge_TerminalNeverAnswers_TimesOutAbortsAndDenies()
    {
        var id = await world.StartChargeAsync(10.02m);

        var callback = await world.Callbacks.WaitForAsync(id, Patience);
        var view = await Client.WaitForPaymentAsync(id, v => Commands(v).Any(c => (string?)c["type"] == "abort" && c["result"]!.Type != JTokenType.Null), Patience);

        Assert.Equal("denied", (string?)callback.Body["status"]);
        Assert.Equal("terminal-timeout", (string?)callback.Body["code"]);
        Assert.Equal(["charge", "abort"], Commands(view).Select(c => (string)c["type"]!).ToList());
        Assert.Equal("approved", (string?)Commands(view)[1]["result"]);
    }

    [Fact]
    public async Task Charge_ApprovedAfterTheDeadline_IsVoidedAndRecorded()
    {
        var id = await world.StartChargeAsync(10.03m);

        var callback = await world.Callbacks.WaitForAsync(id, Patience);
        var view = await Client.WaitForPaymentAsync(id, v => Commands(v).Any(c => (string?)c["type"] == "void" && c["result"]!.Type != JTokenType.Null), Patience);

        Assert.Equal("denied", (string?)callback.Body["status"]);
        Assert.Equal("denied", (string?)view["status"]);
        Assert.Equal(["charge", "abort", "void"], Commands(view).Select(c => (string)c["type"]!).ToList());
        Assert.Equal("approved", (string?)Commands(view)[0]["result"]);
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("Late approval", StringComparison.Ordinal));
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("Void ", StringComparison.Ordinal));
        Assert.Single(world.Callbacks.For(id));
    }

    [Fact]
    public async Task Charge_TerminalFails_CallsBackDenied()
    {
        var id = await world.StartChargeAsync(10.04m);

        var callback = await world.Callbacks.WaitForAsync(id, Patience);

        Assert.Equal("denied", (string?)callback.Body["status"]);
        Assert.Equal("terminal-failed", (string?)callback.Body["code"]);
    }

    [Fact]
    public async Task Cancellation_WhileAwaitingTheTerminal_AbortsWithARealCancellationId()
    {
        var id = await world.StartChargeAsync(20.02m);

        var reply = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "CANCEL-1", null), PppClient.Merchant);
        var view = await Client.WaitForPaymentAsync(id, v => Commands(v).Count == 2, Patience);
        var next = await Client.CreatePaymentAsync(Payments.Create(id, 20.02m, world.Callbacks.CallbackUrlFor("TX1", id)));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(string.IsNullOrEmpty((string?)reply.Json["cancellationId"]));
        Assert.Equal("abort", (string?)Commands(view)[1]["type"]);
        Assert.Equal("cancelled", (string?)view["phase"]);
        Assert.Equal("denied", (string?)next.Json["status"]);
    }

    [Fact]
    public async Task Cancellation_AfterApproval_AnswersACancellationIdOnlyOnceTheTerminalConfirmsTheVoid()
    {
        var id = await world.StartChargeAsync(40.00m);
        await world.Callbacks.WaitForAsync(id, Patience);

        var reply = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "CANCEL-2", null), PppClient.Merchant);
        var view = await Client.WaitForPaymentAsync(id, v => Commands(v).Any(c => (string?)c["type"] == "void" && c["result"]!.Type != JTokenType.Null), Patience);
        var again = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "CANCEL-2", null), PppClient.Merchant);
        var repeat = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "CANCEL-2", null), PppClient.Merchant);

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal(JTokenType.Null, reply.Json["cancellationId"]!.Type);
        Assert.Equal("cancel-pending", (string?)reply.Json["code"]);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.False(string.IsNullOrEmpty((string?)again.Json["cancellationId"]));
        Assert.Equal(again.Body, repeat.Body);
        Assert.Single(Commands(view), c => (string?)c["type"] == "void");
        Assert.True((bool)view["state"]!["voided"]!);
    }

    [Fact]
    public async Task Refund_AnswersPendingUntilTheTerminalConfirmsThenTheSameRequestIdAnswers200()
    {
        var id = await world.StartChargeAsync(80.00m);
        await world.Callbacks.WaitForAsync(id, Patience);
        var settle = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 80m), PppClient.Merchant);

        var first = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-1", 30m), PppClient.Merchant);
        await Client.WaitForPaymentAsync(id, v => Commands(v).Any(c => (string?)c["type"] == "refund" && c["result"]!.Type != JTokenType.Null), Patience);
        var final = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-1", 30m), PppClient.Merchant);

        Assert.Equal(HttpStatusCode.OK, settle.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal(JTokenType.Null, first.Json["refundId"]!.Type);
        Assert.Equal("refund-pending", (string?)first.Json["code"]);
        Assert.Equal(HttpStatusCode.OK, final.Status);
        Assert.Equal(30m, (decimal)final.Json["value"]!);
        Assert.False(string.IsNullOrEmpty((string?)final.Json["refundId"]));
    }

    [Fact]
    public async Task Cancellation_PartialAfterApproval_RefundsExactlyThatAmountAndTheRestCanStillBeSettled()
    {
        var id = await world.StartChargeAsync(31.90m);
        await world.Callbacks.WaitForAsync(id, Patience);

        // value in cents, as the OpenAPI documents it: 1250 = 12.50 (1250.00 is more than the sale, so not a reading).
        var reply = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "PC-1", 1250m), PppClient.Merchant);
        var view = await Client.WaitForPaymentAsync(id, v => Commands(v).Any(c => (string?)c["type"] == "refund" && c["result"]!.Type != JTokenType.Null), Patience);
        var again = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "PC-1", 1250m), PppClient.Merchant);
        var tooMuch = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 19.41m), PppClient.Merchant);
        var rest = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-2", 19.40m), PppClient.Merchant);

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal(("cancel-pending", JTokenType.Null), ((string?)reply.Json["code"], reply.Json["cancellationId"]!.Type));
        Assert.Equal(["charge", "refund"], Commands(view).Select(c => (string)c["type"]!).ToList());
        Assert.Equal((12.50m, "approved"), ((decimal)Commands(view)[1]["amount"]!, (string?)Commands(view)[1]["result"]));
        Assert.Equal((12.50m, false), ((decimal)view["state"]!["cancelledAmount"]!, (bool)view["state"]!["voided"]!));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.False(string.IsNullOrEmpty((string?)again.Json["cancellationId"]));
        Assert.Equal((HttpStatusCode.InternalServerError, "settle-exceeds-authorized"), (tooMuch.Status, (string?)tooMuch.Json["code"]));
        Assert.Equal((HttpStatusCode.OK, 19.40m), (rest.Status, (decimal)rest.Json["value"]!));
    }

    [Fact]
    public async Task Cancellation_PartialTheTerminalDeclines_AnswersCancelManuallyAndNeverVoids()
    {
        var id = await world.StartChargeAsync(41.90m);
        await world.Callbacks.WaitForAsync(id, Patience);

        // 12.05: the virtual terminal declines refunds ending in 05, so only a refund of exactly 12.05 is declined.
        await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "PC-1", 1205m), PppClient.Merchant);
        var view = await Client.WaitForPaymentAsync(id, v => Commands(v).Any(c => (string?)c["type"] == "refund" && c["result"]!.Type != JTokenType.Null), Patience);
        var again = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "PC-1", 1205m), PppClient.Merchant);

        Assert.Equal(["charge", "refund"], Commands(view).Select(c => (string)c["type"]!).ToList());
        Assert.Equal((12.05m, "declined"), ((decimal)Commands(view)[1]["amount"]!, (string?)Commands(view)[1]["result"]));
        Assert.Equal((HttpStatusCode.NotImplemented, "cancel-manually"), (again.Status, (string?)again.Json["code"]));
        Assert.Equal(JTokenType.Null, again.Json["cancellationId"]!.Type);
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("OPERATOR ALERT: refund", StringComparison.Ordinal));
        Assert.Equal("approved", (string?)view["status"]);
    }

    [Fact]
    public async Task Cancellation_AmbiguousOrImpossibleValue_SendsNothingToTheTerminal()
    {
        var id = await world.StartChargeAsync(31.90m);
        await world.Callbacks.WaitForAsync(id, Patience);

        var ambiguous = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "PC-1", 10m), PppClient.Merchant);
        var impossible = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "PC-2", 5000m), PppClient.Merchant);
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal((HttpStatusCode.NotImplemented, "cancel-manually"), (ambiguous.Status, (string?)ambiguous.Json["code"]));
        Assert.Contains("0.10 or 10.00", (string?)ambiguous.Json["message"], StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "error", "cancel-exceeds-authorized"),
            (impossible.Status, (string?)impossible.Json["status"], (string?)impossible.Json["code"]));
        Assert.Equal(["charge"], Commands(view).Select(c => (string)c["type"]!).ToList());
    }

    [Fact]
    public async Task Refund_DeclinedByTheTerminal_Answers500RefundDeclinedAndIsListedForAttention()
    {
        var id = await world.StartChargeAsync(60.00m);
        await world.Callbacks.WaitForAsync(id, Patience);
        await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 60m), PppClient.Merchant);

        // The virtual terminal declines refunds ending in 05.
        await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-1", 10.05m), PppClient.Merchant);
        await Client.WaitForPaymentAsync(id, v => Commands(v).Any(c => (string?)c["type"] == "refund" && c["result"]!.Type != JTokenType.Null), Patience);
        var retry = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-1", 10.05m), PppClient.Merchant);
        var attention = await Client.GetAsync("/api/admin/attention", PppClient.Admin);
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal(HttpStatusCode.InternalServerError, retry.Status);
        Assert.Equal(("refund-declined", JTokenType.Null, 0m), ((string?)retry.Json["code"], retry.Json["refundId"]!.Type, (decimal)retry.Json["value"]!));
        Assert.Contains("nothing was returned to the card", (string?)retry.Json["message"], StringComparison.Ordinal);
        Assert.Equal(["charge", "refund"], Commands(view).Select(c => (string)c["type"]!).ToList());
        Assert.Contains(attention.Json["items"]!, i => (string?)i["paymentId"] == id && (string?)i["why"] == "refundDeclined");
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("OPERATOR ALERT: refund R-1 of 10.05 was declined", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Settlement_Partial_IsListedForAttentionUntilTheRestIsSettled()
    {
        var id = await world.StartChargeAsync(50.00m);
        await world.Callbacks.WaitForAsync(id, Patience);

        var partial = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 20m), PppClient.Merchant);
        var listed = await Client.GetAsync("/api/admin/attention?olderThanSeconds=0", PppClient.Admin);
        var rest = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-2", 30m), PppClient.Merchant);
        var after = await Client.GetAsync("/api/admin/attention?olderThanSeconds=0", PppClient.Admin);
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (partial.Status, rest.Status));
        var item = Assert.Single(listed.Json["items"]!, i => (string?)i["paymentId"] == id && (string?)i["why"] == "unsettledRemainder");
        Assert.Contains("30.00", (string?)item["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain(after.Json["items"]!, i => (string?)i["paymentId"] == id && (string?)i["why"] == "unsettledRemainder");
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).Contains("OPERATOR ALERT: 30.00 of 50.00 captured at the terminal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_ReceiverDownForAWhile_IsRetriedAndDeliveredOnce()
    {
        world.Callbacks.FailNext(3);
        var id = await world.StartChargeAsync(15.00m);

        var callback = await world.Callbacks.WaitForAsync(id, Patience);

        Assert.Equal("approved", (string?)callback.Body["status"]);
        // The receiver is shared: another payment's late callback can take some of the three failures.
        var refused = world.Callbacks.RefusedFor(id);
        Assert.InRange(refused, 1, 3);
        await AssertCallbackSettledOnceAsync(id);
        var view = (await Client.AdminPaymentAsync(id)).Json;
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith($"Callback delivered after {refused + 1} attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TerminalResult_ForgedSignature_IsRefusedAndChangesNothing()
    {
        var id = await world.StartChargeAsync(11.02m);
        var commandId = (string)Commands((await Client.AdminPaymentAsync(id)).Json)[0]["commandId"]!;

        var forged = await Client.PostTerminalResultAsync(ConnectorWorld.Terminal, Approval(id, commandId), secret: "not-the-terminal-secret-000");
        var stale = await Client.PostTerminalResultAsync(ConnectorWorld.Terminal, Approval(id, commandId), at: DateTimeOffset.UtcNow.AddMinutes(-6));
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
        Assert.Contains("expired", (string?)stale.Json["message"], StringComparison.Ordinal);
        Assert.Equal("awaitingTerminal", (string?)view["phase"]);
    }

    [Fact]
    public async Task TerminalResult_FromAnotherTerminalOrForAnUnknownCommand_IsRejectedWithoutChange()
    {
        var id = await world.StartChargeAsync(12.02m);
        var commandId = (string)Commands((await Client.AdminPaymentAsync(id)).Json)[0]["commandId"]!;

        var otherTerminal = await Client.PostTerminalResultAsync(ConnectorWorld.OtherTerminal, Approval(id, commandId));
        var unknownCommand = await Client.PostTerminalResultAsync(ConnectorWorld.Terminal, Approval(id, commandId + "9"));
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal(HttpStatusCode.Conflict, otherTerminal.Status);
        Assert.Equal("wrong-terminal", (string?)otherTerminal.Json["code"]);
        Assert.Equal(HttpStatusCode.Conflict, unknownCommand.Status);
        Assert.Equal("unknown-command", (string?)unknownCommand.Json["code"]);
        Assert.Equal("awaitingTerminal", (string?)view["phase"]);
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("Rejected (wrong-terminal)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TerminalResult_DuplicatedAndThenContradicted_KeepsTheFirstOutcome()
    {
        var id = await world.StartChargeAsync(13.02m);
        var commandId = (string)Commands((await Client.AdminPaymentAsync(id)).Json)[0]["commandId"]!;

        var first = await Client.PostTerminalResultAsync(ConnectorWorld.Terminal, Approval(id, commandId));
        var duplicate = await Client.PostTerminalResultAsync(ConnectorWorld.Terminal, Approval(id, commandId));
        var contradiction = await Client.PostTerminalResultAsync(ConnectorWorld.Terminal, Approval(id, commandId, "declined"));
        await world.Callbacks.WaitForAsync(id, Patience);
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False((bool)first.Json["duplicate"]!);
        Assert.True((bool)duplicate.Json["duplicate"]!);
        Assert.True((bool)contradiction.Json["duplicate"]!);
        Assert.Equal("approved", (string?)view["status"]);
        await AssertCallbackSettledOnceAsync(id);
    }

    [Fact]
    public async Task TerminalResult_BeforeTheChargeAndForAnUnknownPayment_AreRejected()
    {
        var early = await Client.PostTerminalResultAsync(ConnectorWorld.Terminal, Approval("NOPE999", "NOPE999-1"));
        var unregistered = await Client.PostTerminalResultAsync("T-UNKNOWN", Approval("NOPE999", "NOPE999-1"));

        Assert.Equal(HttpStatusCode.NotFound, early.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, unregistered.Status);
    }

    private async Task AssertCallbackSettledOnceAsync(string id)
    {
        var view = await Client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", Patience);
        await Task.Delay(500);
        Assert.Single(world.Callbacks.For(id));
        Assert.Equal("delivered", (string?)view["callback"]);
    }

    private static List<JToken> Commands(JObject view) => [.. view["state"]!["commands"]!];

    private static JObject Approval(string paymentId, string commandId, string status = "approved") => new()
    {
        ["commandId"] = commandId, ["paymentId"] = paymentId, ["type"] = "charge", ["status"] = status,
        ["authorizationId"] = "AUT-1", ["nsu"] = "N1", ["tid"] = "T1", ["acquirer"] = "Acq",
        ["cardBrand"] = "Visa", ["firstDigits"] = "411111", ["lastDigits"] = "1111", ["message"] = "ok",
    };

}
