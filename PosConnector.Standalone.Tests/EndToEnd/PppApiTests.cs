using System.Net;
using Newtonsoft.Json.Linq;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>The PPP surface over real HTTP: routes, auth, payloads, errors and the identify-terminal sequence.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PppApiTests(ConnectorWorld world) : IClassFixture<ConnectorWorld>
{
    private PppClient Client => world.Client;

    [Fact]
    public async Task Manifest_WithoutCredentials_ListsBothPosMethods()
    {
        var reply = await Client.GetAsync("/api/manifest");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var names = reply.Json["paymentMethods"]!.Select(m => (string)m["name"]!).ToList();
        Assert.Equal(["Venda Direta Credito", "Venda Direta Debito"], names);
        Assert.All(reply.Json["paymentMethods"]!, m => Assert.NotNull((string?)m["allowsSplit"]));
        Assert.NotEmpty(reply.Json["customFields"]!);
        Assert.Null(reply.Json["autoSettleDelay"]);
    }

    [Fact]
    public async Task PaymentMethods_WithoutCredentials_ListsMethodNames()
    {
        var reply = await Client.GetAsync("/api/payment-methods");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["Venda Direta Credito", "Venda Direta Debito"], reply.Json["paymentMethods"]!.Select(m => (string)m!).ToList());
    }

    public static TheoryData<string> ProtectedRoutes() =>
    [
        "/api/payments",
        "/api/payments/ABC/cancellations",
        "/api/payments/ABC/settlements",
        "/api/payments/ABC/refunds",
        "/api/payments/ABC/inbound/hooks",
        "/api/payments/ABC/inbound-request/hooks",
    ];

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task ProtectedRoute_WithoutCredentials_Answers401InPppShape(string path)
    {
        var reply = await Client.PostAsync(path, "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("error", (string?)reply.Json["status"]);
        Assert.Equal("unauthorized", (string?)reply.Json["code"]);
        Assert.False(string.IsNullOrEmpty((string?)reply.Json["message"]));
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task ProtectedRoute_WithWrongToken_Answers401(string path)
    {
        var reply = await Client.PostAsync(path, "{}", ("X-VTEX-API-AppKey", TestSettings.MerchantAppKey), ("X-VTEX-API-AppToken", "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Fact]
    public async Task CreatePayment_ProviderHeadersInOddCase_AreAccepted()
    {
        var id = Payments.NewId();
        var reply = await Client.PostAsync("/api/payments", Payments.Create(id, 10m, world.Callbacks.CallbackUrlFor("TX", id)),
            ("x-provider-api-appkey", TestSettings.MerchantAppKey), ("X-PROVIDER-API-APPTOKEN", TestSettings.MerchantAppToken));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("undefined", (string?)reply.Json["status"]);
    }

    [Fact]
    public async Task CreatePayment_FirstCall_AsksSalesAppToIdentifyTheTerminal()
    {
        var id = Payments.NewId();

        var reply = await Client.CreatePaymentAsync(Payments.Create(id, 31.90m, world.Callbacks.CallbackUrlFor("TX", id)));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var json = reply.Json;
        Assert.Equal(id, (string?)json["paymentId"]);
        Assert.Equal("undefined", (string?)json["status"]);
        Assert.False(string.IsNullOrEmpty((string?)json["tid"]));
        Assert.NotEqual(id, (string?)json["tid"]);
        Assert.Equal(JTokenType.Null, json["authorizationId"]!.Type);
        Assert.Equal(600, (int)json["delayToCancel"]!);
        Assert.True((int)json["delayToCancel"]! >= TestSettings.SecondsWaiting);
        Assert.Equal("vtex.terminal-connector-app", (string?)json["paymentAppData"]!["appName"]);
        var payload = JObject.Parse((string)json["paymentAppData"]!["payload"]!);
        Assert.StartsWith($"{world.Connector.BaseUrl}/api/pos/payments/{id}/serial?token=", (string)payload["submitUrl"]!);
    }

    [Fact]
    public async Task IdentifySequence_RegisteredSerial_NextCreateAnswersWaitAppWithStableFields()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 57.00m, world.Callbacks.CallbackUrlFor("TX", id));
        var first = await Client.CreatePaymentAsync(body);

        var submitted = await world.SubmitSerialAsync(first, ConnectorWorld.Terminal);
        var second = await Client.CreatePaymentAsync(body);
        var third = await Client.CreatePaymentAsync(body);

        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Equal("accepted", (string?)submitted.Json["status"]);
        Assert.Equal("vtex.challenge-wait-for-confirmation", (string?)second.Json["paymentAppData"]!["appName"]);
        Assert.Equal(TestSettings.SecondsWaiting, (int)JObject.Parse((string)second.Json["paymentAppData"]!["payload"]!)["secondsWaiting"]!);
        Assert.Equal("undefined", (string?)second.Json["status"]);
        Assert.Equal(second.Json["tid"], first.Json["tid"]);
        Assert.Equal(JToken.FromObject(second.Json["delayToCancel"]!), first.Json["delayToCancel"]);
        Assert.Equal(second.Body, third.Body);
    }

    [Fact]
    public async Task IdentifySequence_UnknownSerial_RefusedAndNextCreateIsDeniedWithTheReason()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 20m, world.Callbacks.CallbackUrlFor("TX", id));
        var first = await Client.CreatePaymentAsync(body);

        var submitted = await Client.SubmitSerialAsync(first, "NO-SUCH-TERMINAL");
        var next = await Client.CreatePaymentAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.Status);
        Assert.Equal("terminal-unknown", (string?)submitted.Json["code"]);
        Assert.Equal(
            "Terminal NO-SUCH-TERMINAL is not registered with this connector, so this payment is now denied: start the sale again and scan a registered terminal of this store.",
            (string?)submitted.Json["message"]);
        Assert.Equal("denied", (string?)next.Json["status"]);
        Assert.Equal("terminal-unknown", (string?)next.Json["code"]);
        Assert.Contains("not registered", (string?)next.Json["message"], StringComparison.Ordinal);
        var callback = await world.Callbacks.WaitForAsync(id, TimeSpan.FromSeconds(10));
        Assert.Equal("denied", (string?)callback.Body["status"]);
    }

    [Fact]
    public async Task IdentifySequence_DisabledSerial_NextCreateIsDenied()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 20m, world.Callbacks.CallbackUrlFor("TX", id));
        var first = await Client.CreatePaymentAsync(body);

        var submitted = await Client.SubmitSerialAsync(first, ConnectorWorld.DisabledTerminal);
        var next = await Client.CreatePaymentAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.Status);
        Assert.Equal("terminal-disabled", (string?)next.Json["code"]);
        Assert.Equal("denied", (string?)next.Json["status"]);
    }

    [Fact]
    public async Task SubmitSerial_TokenOfAnotherPayment_Answers401AndChangesNothing()
    {
        var id = Payments.NewId();
        await Client.CreatePaymentAsync(Payments.Create(id, 20m, world.Callbacks.CallbackUrlFor("TX", id)));

        var reply = await Client.PostAsync($"/api/pos/payments/{id}/serial?token=forged", new JObject { ["serialNumber"] = ConnectorWorld.Terminal });
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("identifyingTerminal", (string?)view["phase"]);
    }

    [Fact]
    public async Task CreatePayment_FiftyOverlappingCalls_CreateOnePaymentAndSendOneCharge()
    {
        var id = Payments.NewId();
        // The terminal never answers cents 02, so the payment stays awaiting while we count.
        var body = Payments.Create(id, 12.02m, world.Callbacks.CallbackUrlFor("TX", id));

        var firstWave = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Client.CreatePaymentAsync(body)));
        await world.SubmitSerialAsync(firstWave[0], ConnectorWorld.Terminal);
        var secondWave = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Client.CreatePaymentAsync(body)));
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.All(firstWave, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(firstWave.Select(r => r.Body).Distinct());
        // On a loaded machine the 3 s terminal timeout can pass mid-wave: then the answer is the timeout's denial.
        Assert.All(secondWave, r => Assert.True(
            (string?)r.Json["paymentAppData"]?["appName"] == "vtex.challenge-wait-for-confirmation" || (string?)r.Json["code"] == "terminal-timeout",
            r.Body));
        var history = view["history"]!.ToList();
        Assert.Single(history, h => (string?)h["event"] == "CreatePaymentCalled" && h["from"]!.Type == JTokenType.Null);
        Assert.Single(history, h => ((string?)h["note"])!.StartsWith("Charge ", StringComparison.Ordinal));
        Assert.Single(view["state"]!["commands"]!, c => (string?)c["type"] == "charge");
    }

    [Fact]
    public async Task Operations_RepeatedRequestId_ReturnIdenticalBodies()
    {
        var id = await ApprovedTestSuitePaymentAsync(100m);

        var settle1 = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 60m), PppClient.Merchant);
        var settle1Again = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 60m), PppClient.Merchant);
        var refund1 = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-1", 20m), PppClient.Merchant);
        var refund1Again = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-1", 20m), PppClient.Merchant);

        Assert.Equal(HttpStatusCode.OK, settle1.Status);
        Assert.Equal(settle1.Body, settle1Again.Body);
        Assert.Equal(60m, (decimal)settle1.Json["value"]!);
        Assert.NotNull((string?)settle1.Json["settleId"]);
        Assert.Equal(HttpStatusCode.OK, refund1.Status);
        Assert.Equal(refund1.Body, refund1Again.Body);
        Assert.NotNull((string?)refund1.Json["refundId"]);
    }

    [Fact]
    public async Task Refunds_TwoPartialsOfTheSameValue_BothSucceedAndAnOverRefundFailsCleanly()
    {
        var id = await ApprovedTestSuitePaymentAsync(50m);
        await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 50m), PppClient.Merchant);

        var first = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-1", 20m), PppClient.Merchant);
        var second = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-2", 20m), PppClient.Merchant);
        var tooMuch = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R-3", 10.01m), PppClient.Merchant);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual((string?)first.Json["refundId"], (string?)second.Json["refundId"]);
        Assert.Equal(HttpStatusCode.InternalServerError, tooMuch.Status);
        Assert.Equal(JTokenType.Null, tooMuch.Json["refundId"]!.Type);
        Assert.Equal(0m, (decimal)tooMuch.Json["value"]!);
        Assert.Equal("refund-exceeds-settled", (string?)tooMuch.Json["code"]);
        Assert.Equal("R-3", (string?)tooMuch.Json["requestId"]);
    }

    [Fact]
    public async Task Settlements_PartialThenMore_NeverExceedTheAuthorizedAmount()
    {
        var id = await ApprovedTestSuitePaymentAsync(30m);

        var partial = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-1", 10m), PppClient.Merchant);
        var rest = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-2", 20m), PppClient.Merchant);
        var over = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-3", 0.01m), PppClient.Merchant);

        Assert.Equal(HttpStatusCode.OK, partial.Status);
        Assert.Equal(HttpStatusCode.OK, rest.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, over.Status);
        Assert.Equal("settle-exceeds-authorized", (string?)over.Json["code"]);
        Assert.Equal(JTokenType.Null, over.Json["settleId"]!.Type);
        Assert.Equal(0m, (decimal)over.Json["value"]!);
    }

    public static TheoryData<string, string> MalformedCreateBodies() => new()
    {
        { "{not json", "invalid-json" },
        { "[1,2,3]", "invalid-json" },
        { "{\"paymentId\":\"P1\"}", "invalid-request" },
        { "{\"paymentId\":\"P1\",\"transactionId\":\"T\",\"value\":\"abc\",\"currency\":\"BRL\"}", "amount-not-a-number" },
        { "{\"paymentId\":\"P1\",\"transactionId\":\"T\",\"value\":-5,\"currency\":\"BRL\",\"callbackUrl\":\"https://x.example/cb\",\"paymentMethod\":\"Venda Direta Credito\"}", "invalid-request" },
        { "{\"paymentId\":\"P1\",\"transactionId\":\"T\",\"value\":5,\"currency\":\"BRL\",\"callbackUrl\":\"https://x.example/cb\",\"paymentMethod\":\"Visa\"}", "invalid-request" },
        { "{\"paymentId\":\"P/1\",\"transactionId\":\"T\",\"value\":5,\"currency\":\"BRL\",\"callbackUrl\":\"https://x.example/cb\",\"paymentMethod\":\"Venda Direta Credito\"}", "invalid-request" },
    };

    [Theory]
    [MemberData(nameof(MalformedCreateBodies))]
    public async Task CreatePayment_MalformedBody_Answers400AndWritesNothing(string body, string code)
    {
        var reply = await Client.PostAsync("/api/payments", body, PppClient.Merchant);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(code, (string?)reply.Json["code"]);
        Assert.Equal("error", (string?)reply.Json["status"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.AdminPaymentAsync("P1")).Status);
    }

    [Fact]
    public async Task CreatePayment_OversizedBody_Answers413InPppShape()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 10m, world.Callbacks.CallbackUrlFor("TX", id));
        body["padding"] = new string('x', 70_000);

        var reply = await Client.CreatePaymentAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("body-too-large", (string?)reply.Json["code"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.AdminPaymentAsync(id)).Status);
    }

    [Theory]
    [InlineData("cancellations")]
    [InlineData("settlements")]
    [InlineData("refunds")]
    public async Task Operation_UnknownPayment_AnswersTheOperationsFailureShape(string operation)
    {
        var reply = await Client.PostAsync($"/api/payments/NOPE123/{operation}", Payments.Operation("NOPE123", "X-1", 1m), PppClient.Merchant);

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("payment-not-found", (string?)reply.Json["code"]);
        Assert.Equal(("NOPE123", "X-1"), ((string?)reply.Json["paymentId"], (string?)reply.Json["requestId"]));
        var id = operation switch { "cancellations" => "cancellationId", "settlements" => "settleId", _ => "refundId" };
        Assert.Equal(JTokenType.Null, reply.Json[id]!.Type);
        Assert.Null(reply.Json["status"]);
    }

    [Fact]
    public async Task Operation_MissingRequestId_Answers400()
    {
        var id = await ApprovedTestSuitePaymentAsync(10m);

        var reply = await Client.PostAsync($"/api/payments/{id}/settlements", new JObject { ["value"] = 5m }, PppClient.Merchant);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("requestId", (string?)reply.Json["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4444333322221111", "approved")]
    [InlineData("4444333322221112", "denied")]
    public async Task TestSuite_SynchronousCards_AnswerTheirStatus(string card, string status)
    {
        var id = Payments.NewId();

        var reply = await CreateTestSuitePaymentAsync(id, 10m, card);

        Assert.Equal(status, (string?)reply.Json["status"]);
    }

    [Theory]
    [InlineData("4222222222222224", "approved")]
    [InlineData("4222222222222225", "denied")]
    public async Task TestSuite_AsyncCards_AnswerUndefinedThenCallBackWithTheFinalBody(string card, string status)
    {
        var id = Payments.NewId();

        var reply = await CreateTestSuitePaymentAsync(id, 10m, card);
        var callback = await world.Callbacks.WaitForAsync(id, TimeSpan.FromSeconds(15));

        Assert.Equal("undefined", (string?)reply.Json["status"]);
        Assert.Equal(status, (string?)callback.Body["status"]);
        Assert.Equal(id, (string?)callback.Body["paymentId"]);
        Assert.Equal(TestSettings.PartnerAppKey, callback.AppKey);
        Assert.Equal(TestSettings.PartnerAppToken, callback.AppToken);
        Assert.Contains("X-VTEX-signature=", callback.Query, StringComparison.Ordinal);
        Assert.NotNull(callback.Body["delayToAutoSettle"]);
        var later = await CreateTestSuitePaymentAsync(id, 10m, card);
        Assert.Equal(status, (string?)later.Json["status"]);
    }

    [Fact]
    public async Task TestSuite_CancellationOfApprovedPayment_AnswersACancellationId()
    {
        var id = await ApprovedTestSuitePaymentAsync(10m);

        var reply = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "C-1", null), PppClient.Merchant);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(string.IsNullOrEmpty((string?)reply.Json["cancellationId"]));
        Assert.Equal("C-1", (string?)reply.Json["requestId"]);
    }

    [Theory]
    [InlineData("inbound")]
    [InlineData("inbound-request")]
    public async Task Inbound_BothPaths_Answer200WithResponseData(string path)
    {
        var reply = await Client.PostAsync($"/api/payments/P1/{path}/hooks", new JObject { ["requestId"] = "IN-1", ["paymentId"] = "P1" }, PppClient.Merchant);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(404, (int)reply.Json["responseData"]!["statusCode"]!);
        Assert.Equal("IN-1", (string?)reply.Json["requestId"]);
    }

    [Fact]
    public async Task Admin_WithoutKey_Answers401()
    {
        var reply = await Client.GetAsync("/api/admin/terminals");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Fact]
    public async Task Admin_Terminals_NeverReturnTheSecret()
    {
        var one = await Client.GetAsync($"/api/admin/terminals/{ConnectorWorld.Terminal}", PppClient.Admin);
        var all = await Client.GetAsync("/api/admin/terminals", PppClient.Admin);

        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal(ConnectorWorld.Terminal, (string?)one.Json["serialNumber"]);
        Assert.DoesNotContain(TestSettings.SecretFor(ConnectorWorld.Terminal), one.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSettings.SecretFor(ConnectorWorld.Terminal), all.Body, StringComparison.Ordinal);
        Assert.Contains(all.Json["terminals"]!, t => (string?)t["serialNumber"] == ConnectorWorld.DisabledTerminal && !(bool)t["enabled"]!);
    }

    [Fact]
    public async Task Health_StorageUp_AnswersHealthy()
    {
        var reply = await Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("healthy", (string?)reply.Json["status"]);
    }


    private Task<Reply> CreateTestSuitePaymentAsync(string id, decimal value, string card) =>
        Client.PostAsync("/api/payments", Payments.Create(id, value, world.Callbacks.CallbackUrlFor("TX", id), cardNumber: card),
            [.. PppClient.Merchant, ("X-VTEX-API-Is-TestSuite", "true")]);

    private async Task<string> ApprovedTestSuitePaymentAsync(decimal value)
    {
        var id = Payments.NewId();
        var reply = await CreateTestSuitePaymentAsync(id, value, "4444333322221111");
        Assert.Equal("approved", (string?)reply.Json["status"]);
        return id;
    }
}
