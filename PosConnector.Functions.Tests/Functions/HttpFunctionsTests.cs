using Newtonsoft.Json.Linq;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// Every HTTP function of the Functions host, called with a real ASP.NET Core request (DefaultHttpContext with a
/// body) over Azurite: status codes and body shapes, including the PPP error shape and X-Admin-Key on admin routes.
/// </summary>
[Collection(FunctionsHostGroup.Name)]
[Trait("Category", "Functions")]
public sealed class HttpFunctionsTests(FunctionsWorld world)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManifestPaymentMethodsAndHealth_AnswerJson()
    {
        var manifest = FunctionReply.From(Http.PppFunctions.GetManifest(HttpRequests.Get("/api/manifest")));
        var methods = FunctionReply.From(Http.PppFunctions.GetPaymentMethods(HttpRequests.Get("/api/payment-methods")));
        var health = FunctionReply.From(await world.Health.GetHealth(HttpRequests.Get("/api/health"), Ct));

        Assert.Equal(200, manifest.Status);
        Assert.StartsWith("application/json", manifest.ContentType, StringComparison.Ordinal);
        Assert.Contains(manifest.Json["paymentMethods"]!, m => (string?)m["name"] == "Venda Direta Credito");
        Assert.Equal(200, methods.Status);
        Assert.Contains("Venda Direta Debito", methods.Json["paymentMethods"]!.Values<string>());
        Assert.Equal(200, health.Status);
    }

    [Fact]
    public async Task CreatePayment_AnswersUndefinedWithTheTerminalApp_AndRefusesBadInputInThePppErrorShape()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 12.34m, world.Callbacks.CallbackUrlFor("TX", id));

        var created = await world.CreateAsync(body);
        var unauthorized = FunctionReply.From(await world.Ppp.CreatePayment(HttpRequests.Post("/api/payments", body), Ct));
        var malformed = FunctionReply.From(await world.Ppp.CreatePayment(
            HttpRequests.Create("POST", "/api/payments", "{\"paymentId\":", FunctionsWorld.Merchant), Ct));

        Assert.Equal(200, created.Status);
        Assert.Equal(id, (string?)created.Json["paymentId"]);
        Assert.Equal("undefined", (string?)created.Json["status"]);
        Assert.NotNull(created.Json["paymentAppData"]?["payload"]);
        AssertPppError(unauthorized, 401);
        AssertPppError(malformed, 400, "invalid-json");
    }

    [Fact]
    public async Task CreatePaymentAndSettle_AmountWrittenAsText_AreRefusedLikeInTheStandaloneHost()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 12.34m, world.Callbacks.CallbackUrlFor("TX", id));
        body["value"] = "12,34";
        var settle = Payments.Operation(id, "S-TEXT", null);
        settle["value"] = "12,34";

        var created = await world.CreateAsync(body);
        var settled = FunctionReply.From(await world.Ppp.SettlePayment(
            HttpRequests.Post($"/api/payments/{id}/settlements", settle, FunctionsWorld.Merchant), id, Ct));
        var view = FunctionReply.From(await world.Admin.GetPayment(HttpRequests.Get($"/api/admin/payments/{id}", FunctionsWorld.AdminKey), id, Ct));

        AssertPppError(created, 400, "amount-not-a-number");
        Assert.StartsWith("value must be a JSON number", (string?)created.Json["message"], StringComparison.Ordinal);
        AssertPppError(settled, 400, "amount-not-a-number");
        AssertPppError(view, 404);
    }

    [Fact]
    public async Task CancelSettleRefundAndInbound_AnswerEachOperation()
    {
        var id = await world.StartChargeAsync(20m);
        var charge = await world.TakeCommandAsync(id, TerminalCommandType.Charge);
        await world.PostResultAsync(charge, "approved");
        await world.Callbacks.WaitForAsync(id, FunctionsWorld.Patience);

        var settled = FunctionReply.From(await world.Ppp.SettlePayment(
            HttpRequests.Post($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 20m), FunctionsWorld.Merchant), id, Ct));
        var refund = FunctionReply.From(await world.Ppp.RefundPayment(
            HttpRequests.Post($"/api/payments/{id}/refunds", Payments.Operation(id, "R-1", 5m), FunctionsWorld.Merchant), id, Ct));
        var cancelled = FunctionReply.From(await world.Ppp.CancelPayment(
            HttpRequests.Post($"/api/payments/{id}/cancellations", Payments.Operation(id, "C-1", null), FunctionsWorld.Merchant), id, Ct));
        var inbound = FunctionReply.From(await world.Ppp.InboundRequest(
            HttpRequests.Post($"/api/payments/{id}/inbound/status", new JObject { ["requestId"] = "I-1", ["paymentId"] = id }, FunctionsWorld.Merchant),
            id, "status", Ct));
        var legacy = FunctionReply.From(await world.Ppp.InboundRequestLegacy(
            HttpRequests.Post($"/api/payments/{id}/inbound-request/status", new JObject { ["requestId"] = "I-2", ["paymentId"] = id }, FunctionsWorld.Merchant),
            id, "status", Ct));
        var unknown = FunctionReply.From(await world.Ppp.SettlePayment(
            HttpRequests.Post("/api/payments/NOPE/settlements", Payments.Operation("NOPE", "S-2", 1m), FunctionsWorld.Merchant), "NOPE", Ct));

        Assert.Equal(200, settled.Status);
        Assert.Equal(20m, (decimal)settled.Json["value"]!);
        Assert.Equal("S-1", (string?)settled.Json["requestId"]);
        Assert.Equal("R-1", (string?)refund.Json["requestId"]);
        Assert.Equal("C-1", (string?)cancelled.Json["requestId"]);
        Assert.Equal(inbound.Status, legacy.Status);
        Assert.True(inbound.Status is 200 or 400 or 404 or 422 or 501, $"inbound answered {inbound.Status}");
        // An unknown payment is refused in the settlement's own failure shape with VTEX's failure status, as in the standalone host.
        Assert.Equal((500, "payment-not-found"), (unknown.Status, (string?)unknown.Json["code"]));
        Assert.Equal(JTokenType.Null, unknown.Json["settleId"]!.Type);
        Assert.False(string.IsNullOrEmpty((string?)unknown.Json["message"]));
    }

    [Fact]
    public async Task SubmitSerialAndTerminalResult_RefuseBadTokensAndSignatures()
    {
        var id = Payments.NewId();
        await world.CreateAsync(Payments.Create(id, 5m, world.Callbacks.CallbackUrlFor("TX", id)));
        var result = new JObject { ["commandId"] = "X", ["paymentId"] = id, ["type"] = "charge", ["status"] = "approved" }
            .ToString(Newtonsoft.Json.Formatting.None);

        var badToken = FunctionReply.From(await world.Pos.SubmitSerial(
            HttpRequests.Post($"/api/pos/payments/{id}/serial?token=forged", new JObject { ["serialNumber"] = FunctionsWorld.Terminal }), id, Ct));
        var unsigned = FunctionReply.From(await world.Pos.ReceiveTerminalResult(
            HttpRequests.Create("POST", $"/api/terminals/{FunctionsWorld.Terminal}/results", result), FunctionsWorld.Terminal, Ct));
        var forged = FunctionReply.From(await world.Pos.ReceiveTerminalResult(
            HttpRequests.Create("POST", $"/api/terminals/{FunctionsWorld.Terminal}/results", result,
                (TerminalSignature.HeaderName, TerminalSignature.Create("not-the-secret-0123456789", DateTimeOffset.UtcNow, result))),
            FunctionsWorld.Terminal, Ct));

        Assert.True(badToken.Status is 401 or 403, $"a forged token got {badToken.Status}");
        Assert.Equal("error", (string?)badToken.Json["status"]);
        AssertPppError(unsigned, 401);
        AssertPppError(forged, 401);
    }

    [Fact]
    public async Task AdminRoutes_RequireXAdminKey_LikeTheStandaloneHost()
    {
        var id = await world.StartChargeAsync(7m);
        var terminalPath = $"/api/admin/terminals/{FunctionsWorld.Terminal}";

        var payment = FunctionReply.From(await world.Admin.GetPayment(HttpRequests.Get($"/api/admin/payments/{id}", FunctionsWorld.AdminKey), id, Ct));
        var terminal = FunctionReply.From(await world.Admin.GetTerminal(HttpRequests.Get(terminalPath, FunctionsWorld.AdminKey), FunctionsWorld.Terminal, Ct));
        var list = FunctionReply.From(await world.Admin.ListTerminals(HttpRequests.Get("/api/admin/terminals", FunctionsWorld.AdminKey), Ct));
        var missing = FunctionReply.From(await world.Admin.GetPayment(HttpRequests.Get($"/api/admin/payments/{id}"), id, Ct));
        var wrong = FunctionReply.From(await world.Admin.ListTerminals(HttpRequests.Get("/api/admin/terminals", ("X-Admin-Key", "wrong-key-0123456789")), Ct));
        var upsert = FunctionReply.From(await world.Admin.UpsertTerminal(
            HttpRequests.Create("PUT", "/api/admin/terminals/F-9", "{\"secret\":\"s\"}"), "F-9", Ct));
        var notFound = FunctionReply.From(await world.Admin.GetPayment(
            HttpRequests.Get("/api/admin/payments/NOPE", FunctionsWorld.AdminKey), "NOPE", Ct));

        Assert.Equal(200, payment.Status);
        Assert.Equal("awaitingTerminal", (string?)payment.Json["phase"]);
        Assert.Equal(200, terminal.Status);
        Assert.Null(terminal.Json["secret"]);
        Assert.Equal(200, list.Status);
        Assert.Contains(list.Json.SelectTokens("$..serialNumber"), s => (string?)s == FunctionsWorld.Terminal);
        AssertPppError(missing, 401, "unauthorized");
        AssertPppError(wrong, 401, "unauthorized");
        AssertPppError(upsert, 401, "unauthorized");
        AssertPppError(notFound, 404);
    }

    [Fact]
    public async Task SearchPaymentsAndOperatorConsole_AnswerLikeTheStandaloneHost()
    {
        var id = await world.StartChargeAsync(8m);

        var byId = FunctionReply.From(await world.Admin.SearchPayments(HttpRequests.Get($"/api/admin/payments?paymentId={id}", FunctionsWorld.AdminKey), Ct));
        var byOrder = FunctionReply.From(await world.Admin.SearchPayments(HttpRequests.Get("/api/admin/payments?orderId=NONE", FunctionsWorld.AdminKey), Ct));
        var badStatus = FunctionReply.From(await world.Admin.SearchPayments(HttpRequests.Get("/api/admin/payments?status=paid", FunctionsWorld.AdminKey), Ct));
        var anonymous = FunctionReply.From(await world.Admin.SearchPayments(HttpRequests.Get($"/api/admin/payments?paymentId={id}"), Ct));
        var consoleRequest = HttpRequests.Get("/api/admin/console");
        var page = FunctionReply.From(world.Admin.OperatorConsole(consoleRequest));

        Assert.Equal(200, byId.Status);
        Assert.Equal(id, (string?)byId.Json["payments"]![0]!["paymentId"]);
        Assert.Equal("undefined", (string?)byId.Json["payments"]![0]!["status"]);
        Assert.Equal(200, byOrder.Status);
        Assert.Empty(byOrder.Json["payments"]!);
        AssertPppError(badStatus, 400, "invalid-request");
        AssertPppError(anonymous, 401, "unauthorized");
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        Assert.Contains("X-Admin-Key", page.Body, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", consoleRequest.HttpContext.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    private static void AssertPppError(FunctionReply reply, int status, string? code = null)
    {
        Assert.Equal(status, reply.Status);
        Assert.Equal("error", (string?)reply.Json["status"]);
        Assert.False(string.IsNullOrEmpty((string?)reply.Json["message"]));
        if (code is not null)
        {
            Assert.Equal(code, (string?)reply.Json["code"]);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty((string?)reply.Json["code"]));
        }
    }
}
