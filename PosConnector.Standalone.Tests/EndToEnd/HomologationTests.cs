using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// What homologation against VTEX's pages asks for, over real HTTP and Azurite: CORS on the submitUrl, callbacks only
/// to VTEX, the provider's tid, cancellation by confirmed void, merchant isolation, store-bound terminals and messages.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HomologationTests(ConnectorWorld world) : IClassFixture<ConnectorWorld>, IAsyncLifetime
{
    private const string VtexOrigin = "https://mystore.myvtex.com";
    private const string StoreDomain = "https://www.mystore.com.br";
    private const string FastStoreHost = "https://mystore.vtex.app";
    private const string HandTerminal = "T-HAND";
    private const string OtherMerchantTerminal = "O-1";
    private const string StoreTerminal = "S-LOJA1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly (string Name, string Value)[] OtherMerchant =
        [("X-VTEX-API-AppKey", TestSettings.OtherAppKey), ("X-VTEX-API-AppToken", TestSettings.OtherAppToken)];

    private PppClient Client => world.Client;

    public async ValueTask InitializeAsync()
    {
        await Register(HandTerminal, TestSettings.MerchantName);
        await Register(OtherMerchantTerminal, TestSettings.OtherMerchantName);
        await Register(StoreTerminal, TestSettings.MerchantName, storeCode: "LOJA1");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(VtexOrigin)]
    [InlineData(StoreDomain)]
    [InlineData(FastStoreHost)]
    public async Task SubmitUrl_BrowserPreflightFromAnyStoreDomain_IsAnsweredWithCorsHeaders(string origin)
    {
        var (submitUrl, _) = await NewPaymentAsync();

        using var reply = await PreflightAsync(submitUrl, origin, "content-type, x-requested-with");

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(origin, Header(reply, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(reply, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Equal("content-type, x-requested-with", Header(reply, "Access-Control-Allow-Headers"));
        Assert.Contains("Origin", Header(reply, "Vary"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreDomain)]
    [InlineData(FastStoreHost)]
    public async Task SubmitUrl_PostFromTheStoresOwnDomain_IsAcceptedAndReadableByTheBrowser(string origin)
    {
        var (submitUrl, id) = await NewPaymentAsync();

        using var reply = await PostSerialAsync(submitUrl, await IdleTerminalAsync(), origin);
        var body = JObject.Parse(await reply.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(origin, Header(reply, "Access-Control-Allow-Origin"));
        Assert.Equal(("accepted", id), ((string?)body["status"], (string?)body["paymentId"]));
    }

    [Theory]
    [InlineData(StoreDomain)]
    [InlineData(FastStoreHost)]
    public async Task SubmitUrl_WrongTokenFromAStoreDomain_IsRefusedAndNothingChanges(string origin)
    {
        var (submitUrl, id) = await NewPaymentAsync();
        var (otherSubmitUrl, _) = await NewPaymentAsync();
        var forged = submitUrl[..submitUrl.IndexOf("?token=", StringComparison.Ordinal)] + otherSubmitUrl[otherSubmitUrl.IndexOf("?token=", StringComparison.Ordinal)..];

        using var reply = await PostSerialAsync(forged, HandTerminal, origin);
        var body = JObject.Parse(await reply.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
        Assert.Equal("invalid-token", (string?)body["code"]);
        Assert.Equal(origin, Header(reply, "Access-Control-Allow-Origin"));
        Assert.Equal("identifyingTerminal", (string?)(await Client.AdminPaymentAsync(id)).Json["phase"]);
    }

    [Fact]
    public async Task SubmitUrl_OriginTheOperatorDenied_GetsNoCorsHeadersButTheTokenStillDecides()
    {
        await using var connector = await ConnectorApp.StartAsync(world.StorageConnectionString, world.Prefix, configure: b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cors:DeniedOrigins:0"] = "https://*.attacker.example" }));
        using var client = new PppClient(connector.BaseUrl);
        var id = Payments.NewId();
        var created = await client.CreatePaymentAsync(Payments.Create(id, 10m, world.Callbacks.CallbackUrlFor("TX", id)));
        var submitUrl = (string)JObject.Parse((string)created.Json["paymentAppData"]!["payload"]!)["submitUrl"]!;

        using var preflight = await PreflightAsync(submitUrl, "https://www.attacker.example", "content-type");
        using var denied = await PostSerialAsync(submitUrl, await IdleTerminalAsync(), "https://www.attacker.example");
        using var store = await PreflightAsync(submitUrl, StoreDomain, "content-type");

        Assert.Equal(HttpStatusCode.Forbidden, preflight.StatusCode);
        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(Header(denied, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, store.StatusCode);
        Assert.Equal(StoreDomain, Header(store, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task CreatePayment_ForeignCallbackUrlWithTestSuiteAndNoCredentials_Answers400AndNothingIsPosted()
    {
        var id = Payments.NewId();

        var reply = await Client.PostAsync("/api/payments", Payments.Create(id, 10m, "https://attacker.example/steal", cardNumber: "4222222222222224"),
            ("X-VTEX-API-Is-TestSuite", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("callback-url-not-allowed", (string?)reply.Json["code"]);
        Assert.Contains("attacker.example", (string?)reply.Json["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.AdminPaymentAsync(id)).Status);
    }

    [Theory]
    [InlineData("https://attacker.example/cb")]
    [InlineData("http://gatewayqa.vtexpayments.com.br/cb")]
    public async Task CreatePayment_ForeignCallbackUrlWithValidCredentials_Answers400(string callbackUrl)
    {
        var reply = await Client.CreatePaymentAsync(Payments.Create(Payments.NewId(), 10m, callbackUrl));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("callback-url-not-allowed", (string?)reply.Json["code"]);
    }

    [Fact]
    public async Task Tid_IsOursFirstThenTheTerminalsInTheCallbackAndLaterAnswers()
    {
        var id = await world.StartChargeAsync(31.90m);
        var view = (await Client.AdminPaymentAsync(id)).Json;

        var callback = await world.Callbacks.WaitForAsync(id, Patience);
        var later = await Client.CreatePaymentAsync(Payments.Create(id, 31.90m, world.Callbacks.CallbackUrlFor("TX1", id)));

        var terminalTid = (string?)callback.Body["tid"];
        Assert.StartsWith("VT-", terminalTid, StringComparison.Ordinal);
        Assert.Equal(terminalTid, (string?)later.Json["tid"]);
        Assert.NotEqual(id, terminalTid);
        Assert.Contains(view["history"]!, h => ((string?)h["note"])!.StartsWith("Charge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelApproved_EightDigitBinAndVoidFailsOnTheTerminal_FirstSixThenCancelManuallyAndAnOperatorAlert()
    {
        var id = await ChargeOnHandTerminalAsync(25.00m);
        await Client.PostTerminalResultAsync(HandTerminal, Result(id, $"{id}-1", "charge", "approved"));
        var callback = await world.Callbacks.WaitForAsync(id, Patience);

        var pending = await Cancel(id, "C-VOID");
        await Client.PostTerminalResultAsync(HandTerminal, Result(id, $"{id}-2", "void", "failed"));
        var failed = await Cancel(id, "C-VOID");
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal(("411111", "TID-H"), ((string?)callback.Body["firstDigits"], (string?)callback.Body["tid"]));
        Assert.Equal((HttpStatusCode.InternalServerError, "cancel-pending"), (pending.Status, (string?)pending.Json["code"]));
        Assert.Equal((HttpStatusCode.NotImplemented, "cancel-manually"), (failed.Status, (string?)failed.Json["code"]));
        Assert.Equal(JTokenType.Null, failed.Json["cancellationId"]!.Type);
        Assert.False((bool)view["state"]!["voided"]!);
        Assert.Contains(view["history"]!, h => ((string?)h["note"])!.StartsWith("OPERATOR ALERT: void", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merchants_AnotherMerchantsSerial_IsRefusedLikeAnUnknownOne()
    {
        var (submitUrl, id) = await NewPaymentAsync(OtherMerchant);
        var (unknownUrl, _) = await NewPaymentAsync(OtherMerchant);

        var foreign = await Client.PostAsync(new Uri(submitUrl).PathAndQuery, new JObject { ["serialNumber"] = ConnectorWorld.Terminal });
        var unknown = await Client.PostAsync(new Uri(unknownUrl).PathAndQuery, new JObject { ["serialNumber"] = "NEVER-REGISTERED" });
        var callback = await world.Callbacks.WaitForAsync(id, Patience);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "terminal-unknown"), (foreign.Status, (string?)foreign.Json["code"]));
        Assert.Equal(((string?)unknown.Json["message"])!.Replace("NEVER-REGISTERED", "X", StringComparison.Ordinal),
            ((string?)foreign.Json["message"])!.Replace(ConnectorWorld.Terminal, "X", StringComparison.Ordinal));
        Assert.Equal("denied", (string?)callback.Body["status"]);
        Assert.Empty(((JArray)(await Client.AdminPaymentAsync(id)).Json["state"]!["commands"]!));
    }

    [Fact]
    public async Task Merchants_OwnTerminal_ChargesAndTheOtherMerchantCannotOperateThePayment()
    {
        var (submitUrl, id) = await NewPaymentAsync(OtherMerchant);
        var accepted = await Client.PostAsync(new Uri(submitUrl).PathAndQuery, new JObject { ["serialNumber"] = OtherMerchantTerminal });

        var settleByAnother = await Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S-X", 1m), PppClient.Merchant);
        var cancelByAnother = await Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, "C-X", null), PppClient.Merchant);
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(TestSettings.OtherMerchantName, (string?)view["state"]!["order"]!["merchantName"]);
        Assert.Equal((HttpStatusCode.InternalServerError, "payment-not-found"), (settleByAnother.Status, (string?)settleByAnother.Json["code"]));
        Assert.Equal((HttpStatusCode.InternalServerError, "payment-not-found"), (cancelByAnother.Status, (string?)cancelByAnother.Json["code"]));
        Assert.Equal("terminalIdentified", (string?)view["phase"]);
    }

    [Fact]
    public async Task Merchants_RotatedSecondPair_IsAcceptedForTheSameMerchant()
    {
        var id = Payments.NewId();

        var reply = await Client.PostAsync("/api/payments", Payments.Create(id, 10m, world.Callbacks.CallbackUrlFor("TX", id)),
            ("X-VTEX-API-AppKey", TestSettings.RotatedAppKey), ("X-VTEX-API-AppToken", TestSettings.RotatedAppToken));
        var view = (await Client.AdminPaymentAsync(id)).Json;

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(TestSettings.MerchantName, (string?)view["state"]!["order"]!["merchantName"]);
    }

    [Fact]
    public async Task Admin_TerminalForAnUnconfiguredMerchant_IsRefused()
    {
        var reply = await Client.PutAsync("/api/admin/terminals/T-TYPO", new JObject
        {
            ["merchantName"] = "Test Store", ["label"] = "x", ["secret"] = TestSettings.SecretFor("T-TYPO"),
        }, PppClient.Admin);

        Assert.Equal((HttpStatusCode.BadRequest, "unknown-merchant"), (reply.Status, (string?)reply.Json["code"]));
    }

    [Theory]
    [InlineData("LOJA1", HttpStatusCode.OK, null)]
    [InlineData("loja2", HttpStatusCode.UnprocessableEntity, "terminal-other-store")]
    [InlineData(null, HttpStatusCode.UnprocessableEntity, "terminal-other-store")]
    public async Task StoreCode_AStoreBoundTerminal_ChargesOnlyThatStoresPayments(string? storeCode, HttpStatusCode status, string? code)
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 10m, world.Callbacks.CallbackUrlFor("TX", id));
        if (storeCode is not null)
        {
            body["merchantSettings"] = new JArray(new JObject { ["name"] = "Store code", ["value"] = storeCode });
        }

        var first = await Client.CreatePaymentAsync(body);
        var submitted = await Client.SubmitSerialAsync(first, StoreTerminal);

        Assert.Equal(status, submitted.Status);
        Assert.Equal(code, (string?)submitted.Json["code"]);
    }

    [Fact]
    public async Task Serial_RepeatedAfterTheTerminalDeclined_SaysThePaymentEndedInsteadOfPromisingToStart()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 10.01m, world.Callbacks.CallbackUrlFor("TX", id));
        var first = await Client.CreatePaymentAsync(body);
        await world.SubmitSerialAsync(first, ConnectorWorld.Terminal);
        await Client.CreatePaymentAsync(body);
        await world.Callbacks.WaitForAsync(id, Patience);

        var repeat = await Client.SubmitSerialAsync(first, ConnectorWorld.Terminal);

        Assert.Equal((HttpStatusCode.Conflict, "payment-ended"), (repeat.Status, (string?)repeat.Json["code"]));
        Assert.DoesNotContain("will start", repeat.Body, StringComparison.Ordinal);
    }

    private async Task<(string SubmitUrl, string PaymentId)> NewPaymentAsync((string Name, string Value)[]? credentials = null)
    {
        var id = Payments.NewId();
        var reply = await Client.PostAsync("/api/payments", Payments.Create(id, 10m, world.Callbacks.CallbackUrlFor("TX", id)),
            credentials ?? PppClient.Merchant);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var payload = JObject.Parse((string)reply.Json["paymentAppData"]!["payload"]!);
        return ((string)payload["submitUrl"]!, id);
    }

    /// <summary>
    /// A terminal of the test's own: the payment stays identified on it (no next Create Payment), and so holds it
    /// (one live charge per terminal), which must not keep the hand terminal from the other tests.
    /// </summary>
    private async Task<string> IdleTerminalAsync()
    {
        var serial = "T-IDLE-" + Payments.NewId()[..8];
        await Register(serial, TestSettings.MerchantName);
        return serial;
    }

    private async Task<string> ChargeOnHandTerminalAsync(decimal value)
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, value, world.Callbacks.CallbackUrlFor("TX", id));
        var first = await Client.CreatePaymentAsync(body);
        Assert.Equal(HttpStatusCode.OK, (await Client.SubmitSerialAsync(first, HandTerminal)).Status);
        await Client.CreatePaymentAsync(body);
        return id;
    }

    private Task<Reply> Cancel(string id, string requestId) =>
        Client.PostAsync($"/api/payments/{id}/cancellations", Payments.Operation(id, requestId, null), PppClient.Merchant);

    private static async Task<HttpResponseMessage> PreflightAsync(string submitUrl, string origin, string requestedHeaders)
    {
        using var http = new HttpClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, submitUrl);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", requestedHeaders);
        var reply = await http.SendAsync(preflight, TestContext.Current.CancellationToken);
        await reply.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return reply;
    }

    private static async Task<HttpResponseMessage> PostSerialAsync(string submitUrl, string serial, string origin)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, submitUrl)
        {
            Content = new StringContent(new JObject { ["serialNumber"] = serial }.ToString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        var reply = await http.SendAsync(request, TestContext.Current.CancellationToken);
        await reply.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return reply;
    }

    private Task<Reply> Register(string serial, string merchant, string? storeCode = null) =>
        Client.PutAsync($"/api/admin/terminals/{serial}", new JObject
        {
            ["merchantName"] = merchant, ["label"] = serial, ["secret"] = TestSettings.SecretFor(serial), ["storeCode"] = storeCode,
        }, PppClient.Admin);

    private static JObject Result(string paymentId, string commandId, string type, string status) => new()
    {
        ["commandId"] = commandId, ["paymentId"] = paymentId, ["type"] = type, ["status"] = status,
        ["authorizationId"] = "AUT-H", ["nsu"] = "N-H", ["tid"] = "TID-H", ["acquirer"] = "Acq",
        ["cardBrand"] = "Visa", ["firstDigits"] = "41111122", ["lastDigits"] = "1111",
    };

    private static string? Header(HttpResponseMessage reply, string name) =>
        reply.Headers.TryGetValues(name, out var values) || reply.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
