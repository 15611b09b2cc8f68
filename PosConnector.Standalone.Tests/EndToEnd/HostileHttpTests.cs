using System.Net;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Options;
using PosConnector.Core.Security;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Terminals;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>Hostile input over real HTTP against the real standalone host: every fault a PPP 4xx, nothing written, nothing logged as an error.</summary>
[Trait("Category", "EndToEnd")]
public sealed class HostileHttpTests(HostileWorld world) : IClassFixture<HostileWorld>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private PppClient Client => world.Client;

    private static string MerchantHead(string method, string path) =>
        $"{method} {path} HTTP/1.1\r\nX-VTEX-API-AppKey: {TestSettings.MerchantAppKey}\r\nX-VTEX-API-AppToken: {TestSettings.MerchantAppToken}\r\nContent-Type: application/json";

    private static void AssertPppError(Reply reply, HttpStatusCode status, string code)
    {
        Assert.True(reply.Status == status, $"Expected {status}, got {reply.Status}: {reply.Body}");
        var json = reply.Json;
        Assert.Equal(("error", code), ((string?)json["status"], (string?)json["code"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)json["message"]));
    }

    [Fact]
    public async Task MalformedChunkedBody_Answers400InPppShape()
    {
        var before = await world.SnapshotAsync(TestContext.Current.CancellationToken);
        var mark = world.Logs.Events.Count;

        var reply = await RawHttp.SendAsync(world.BaseUri, MerchantHead("POST", "/api/payments") + "\r\nTransfer-Encoding: chunked",
            s => s.WriteAsync("5\r\n{\"pay\r\nZZZ\r\nnot a chunk\r\n0\r\n\r\n"u8.ToArray()).AsTask(), Timeout);

        AssertPppError(reply, HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(before, await world.SnapshotAsync(TestContext.Current.CancellationToken));
        Assert.Empty(world.Logs.ErrorsSince(mark));
    }

    [Fact]
    public async Task BodySlowerThanTheMinimumRate_Answers408InPppShape()
    {
        var mark = world.Logs.Events.Count;
        var reply = await RawHttp.SendAsync(world.BaseUri, MerchantHead("POST", "/api/payments") + "\r\nContent-Length: 5000", async s =>
        {
            for (var i = 0; i < 60; i++)
            {
                await s.WriteAsync("{"u8.ToArray());
                await s.FlushAsync();
                await Task.Delay(500);
            }
        }, Timeout);

        AssertPppError(reply, HttpStatusCode.RequestTimeout, "body-timeout");
        Assert.Empty(world.Logs.ErrorsSince(mark));
    }

    [Fact]
    public async Task ClientAbortMidBody_IsNotLoggedAsAnError()
    {
        const string path = "/api/payments?abort=1";
        var mark = world.Logs.Events.Count;

        await RawHttp.AbortAsync(world.BaseUri, MerchantHead("POST", path) + "\r\nContent-Length: 5000", "{\"paymentId\":\"");
        await world.WaitForRequestFinishedAsync(path, Timeout);

        Assert.Empty(world.Logs.ErrorsSince(mark));
    }

    [Fact]
    public async Task BodyOverKestrelsLimit_Answers413InPppShape()
    {
        var body = Payments.Create(Payments.NewId(), 10m, world.CallbackUrl);
        body["padding"] = new string('x', HostileWorld.KestrelBodyLimit);

        var reply = await Client.PostAsync("/api/payments", body, PppClient.Merchant);

        AssertPppError(reply, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task ChunkedBodyOverOurLimit_Answers413InPppShape()
    {
        var chunk = new string(' ', 16 * 1024);
        var reply = await RawHttp.SendAsync(world.BaseUri, MerchantHead("POST", "/api/terminals/T-1/results") + "\r\nTransfer-Encoding: chunked", async s =>
        {
            for (var i = 0; i < 6; i++)
            {
                await s.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n{chunk}\r\n"));
            }

            await s.WriteAsync("0\r\n\r\n"u8.ToArray());
        }, Timeout);

        AssertPppError(reply, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/api")]
    [InlineData("POST", "/api/nothing-here")]
    [InlineData("POST", "/api/payments/P1/unknown")]
    [InlineData("GET", "/api/admin/nothing")]
    public async Task UnknownRoute_Answers404InPppShape(string method, string path)
    {
        var reply = await Client.SendRawAsync(new HttpMethod(method), path, "{}");

        AssertPppError(reply, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("GET", "/api/payments", "POST")]
    [InlineData("DELETE", "/api/manifest", "GET")]
    [InlineData("PUT", "/api/terminals/T-1/results", "POST")]
    [InlineData("PATCH", "/api/payments/P1/cancellations", "POST")]
    public async Task WrongMethod_Answers405InPppShapeNamingTheAllowedOne(string method, string path, string allowed)
    {
        var reply = await Client.SendRawAsync(new HttpMethod(method), path, "{}");

        AssertPppError(reply, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.EndsWith($"use {allowed}.", (string?)reply.Json["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task CreatePayment_BodyNotMarkedAsJson_Answers415SayingWhichHeaderIsMissing(string contentType)
    {
        var body = Payments.Create("MEDIA1", 10m, "https://gw.example/callback").ToString(Newtonsoft.Json.Formatting.None);
        var head = $"POST /api/payments HTTP/1.1\r\nX-VTEX-API-AppKey: {TestSettings.MerchantAppKey}\r\nX-VTEX-API-AppToken: {TestSettings.MerchantAppToken}"
            + $"\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}";

        var reply = await RawHttp.SendAsync(world.BaseUri, head, s => s.WriteAsync(Encoding.UTF8.GetBytes(body)).AsTask(), Timeout);

        AssertPppError(reply, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("Content-Type: application/json", (string?)reply.Json["message"], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> NonStrictBodies()
    {
        var valid = Payments.Create("STRICT1", 10m, "https://gw.example/callback").ToString(Newtonsoft.Json.Formatting.None);
        return new()
        {
            { valid.Replace("\"value\":10.0", "\"value\":NaN", StringComparison.Ordinal), "invalid start of a value" },
            { valid.Replace("\"value\":10.0", "\"value\":Infinity", StringComparison.Ordinal), "invalid start of a value" },
            { valid.Replace("{\"reference\"", "{/* hi */\"reference\"", StringComparison.Ordinal), "'/'" },
            { valid[..^1] + ",}", "trailing comma" },
            { valid[..^1] + ",\"paymentId\":\"OTHER\"}", "Duplicate property 'paymentId'" },
        };
    }

    [Theory]
    [MemberData(nameof(NonStrictBodies))]
    public async Task NonStrictJson_Answers400NamingTheProblemAndWritesNothing(string body, string mention)
    {
        var before = await world.SnapshotAsync(TestContext.Current.CancellationToken);

        var reply = await Client.PostAsync("/api/payments", body, PppClient.Merchant);

        AssertPppError(reply, HttpStatusCode.BadRequest, "invalid-json");
        Assert.Contains(mention, (string?)reply.Json["message"], StringComparison.Ordinal);
        Assert.Equal(before, await world.SnapshotAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("callbackUrl", 2049)]
    [InlineData("reference", 101)]
    [InlineData("orderId", 101)]
    [InlineData("transactionId", 65)]
    public async Task CreatePayment_FieldOverItsLimit_Answers400NamingIt(string field, int length)
    {
        var before = await world.SnapshotAsync(TestContext.Current.CancellationToken);
        var body = Payments.Create(Payments.NewId(), 10m, world.CallbackUrl);
        body[field] = field == "callbackUrl" ? "https://gw.example/" + new string('c', length - 19) : new string('x', length);

        var reply = await Client.CreatePaymentAsync(body);

        AssertPppError(reply, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains(field, (string?)reply.Json["message"], StringComparison.Ordinal);
        Assert.Equal(before, await world.SnapshotAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cancellation_RequestIdOverItsLimit_Answers400AndLeavesThePaymentAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        var rows = await world.RowsOfAsync(world.QuietPaymentId, ct);

        var reply = await Client.PostAsync($"/api/payments/{world.QuietPaymentId}/cancellations",
            Payments.Operation(world.QuietPaymentId, new string('r', 129), null), PppClient.Merchant);

        AssertPppError(reply, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains("requestId", (string?)reply.Json["message"], StringComparison.Ordinal);
        Assert.Equal(rows, await world.RowsOfAsync(world.QuietPaymentId, ct));
    }

    [Theory]
    [InlineData("label", 101)]
    [InlineData("merchantName", 101)]
    [InlineData("secret", 257)]
    public async Task TerminalRegistration_FieldOverItsLimit_Answers400NamingIt(string field, int length)
    {
        var before = await world.SnapshotAsync(TestContext.Current.CancellationToken);
        var body = new JObject { ["merchantName"] = TestSettings.MerchantName, ["label"] = "Counter", ["secret"] = TestSettings.SecretFor("T-NEW") };
        body[field] = new string('x', length);

        var reply = await Client.PutAsync("/api/admin/terminals/T-NEW", body, PppClient.Admin);

        AssertPppError(reply, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains(field, (string?)reply.Json["message"], StringComparison.Ordinal);
        Assert.Equal(before, await world.SnapshotAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("nsu", 65)]
    [InlineData("message", 201)]
    [InlineData("cardBrand", 33)]
    public async Task TerminalResult_FieldOverItsLimit_Answers400NamingIt(string field, int length)
    {
        var ct = TestContext.Current.CancellationToken;
        var rows = await world.RowsOfAsync(world.QuietPaymentId, ct);
        var result = new JObject
        {
            ["commandId"] = "C1", ["paymentId"] = world.QuietPaymentId, ["type"] = "charge", ["status"] = "approved", [field] = new string('x', length),
        };

        var reply = await Client.PostTerminalResultAsync(HostileWorld.Terminal, result);

        AssertPppError(reply, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains(field, (string?)reply.Json["message"], StringComparison.Ordinal);
        Assert.Equal(rows, await world.RowsOfAsync(world.QuietPaymentId, ct));
    }

    [Fact]
    public async Task TerminalSecret_IsEncryptedAtRestAndNeverReturned()
    {
        var ct = TestContext.Current.CancellationToken;
        var secret = TestSettings.SecretFor(HostileWorld.Terminal);

        var row = (await world.Storage.Terminals.GetEntityAsync<TableEntity>("terminal", HostileWorld.Terminal, cancellationToken: ct)).Value;
        var one = await Client.GetAsync($"/api/admin/terminals/{HostileWorld.Terminal}", PppClient.Admin);
        var all = await Client.GetAsync("/api/admin/terminals", PppClient.Admin);
        var signed = await Client.PostTerminalResultAsync(HostileWorld.Terminal, new JObject
        {
            ["commandId"] = "C1", ["paymentId"] = "NO-SUCH-PAYMENT", ["type"] = "charge", ["status"] = "approved",
        });

        Assert.False(row.ContainsKey("Secret"));
        Assert.StartsWith("v1.", row.GetString("SecretProtected"), StringComparison.Ordinal);
        Assert.All(row, p => Assert.DoesNotContain(secret, p.Value?.ToString() ?? "", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, one.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(row.GetString("SecretProtected"), one.Body + all.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, all.Body, StringComparison.Ordinal);
        AssertPppError(signed, HttpStatusCode.NotFound, "payment-not-found"); // the signature was verified with the decrypted secret
    }

    [Fact]
    public async Task PlainTextSecretRow_IsEncryptedWhenFirstRead()
    {
        var ct = TestContext.Current.CancellationToken;
        const string serial = "T-LEGACY";
        var secret = TestSettings.SecretFor(serial);
        await world.Storage.Terminals.UpsertEntityAsync(new TableEntity("terminal", serial)
        {
            ["MerchantName"] = "Store", ["Label"] = "Old", ["Secret"] = secret, ["Enabled"] = true, ["UpdatedAt"] = DateTimeOffset.UtcNow,
        }, TableUpdateMode.Replace, ct);

        var view = await Client.GetAsync($"/api/admin/terminals/{serial}", PppClient.Admin);
        var row = (await world.Storage.Terminals.GetEntityAsync<TableEntity>("terminal", serial, cancellationToken: ct)).Value;
        var signed = await Client.PostTerminalResultAsync(serial, new JObject
        {
            ["commandId"] = "C1", ["paymentId"] = "NO-SUCH-PAYMENT", ["type"] = "charge", ["status"] = "approved",
        });

        Assert.Equal(HttpStatusCode.OK, view.Status);
        Assert.Equal(("Store", "Old"), ((string?)view.Json["merchantName"], (string?)view.Json["label"]));
        Assert.False(row.ContainsKey("Secret"));
        Assert.StartsWith("v1.", row.GetString("SecretProtected"), StringComparison.Ordinal);
        AssertPppError(signed, HttpStatusCode.NotFound, "payment-not-found");
    }

    [Fact]
    public async Task RotatedKey_OldRowsOpenAndAreReencryptedWithTheNewKey()
    {
        var ct = TestContext.Current.CancellationToken;
        const string serial = "T-ROTATE";
        const string newKey = "YW5vdGhlci10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM=";
        var secret = TestSettings.SecretFor(serial);
        var oldRegistry = world.Connector.Services.GetRequiredService<TerminalRegistry>();
        await oldRegistry.UpsertAsync(new TerminalRecord(serial, "Store", "Counter", secret, true, DateTimeOffset.UtcNow), ct);
        var oldCipher = (await world.Storage.Terminals.GetEntityAsync<TableEntity>("terminal", serial, cancellationToken: ct)).Value.GetString("SecretProtected");
        var rotated = new TerminalRegistry(world.Storage, new TerminalSecretProtector(Options.Create(new TerminalSecretOptions
        {
            SecretEncryptionKey = newKey, PreviousSecretEncryptionKeys = [TestSettings.SecretEncryptionKey],
        })), NullLogger<TerminalRegistry>.Instance);

        var found = await rotated.FindAsync(serial, ct);
        var newCipher = (await world.Storage.Terminals.GetEntityAsync<TableEntity>("terminal", serial, cancellationToken: ct)).Value.GetString("SecretProtected");

        Assert.Equal(secret, found!.Secret);
        Assert.NotEqual(oldCipher!.Split('.')[1], newCipher!.Split('.')[1]);
        Assert.Null(await oldRegistry.FindAsync(serial, ct)); // the old key alone no longer opens it: unreadable is unregistered
        Assert.Equal(secret, (await rotated.FindAsync(serial, ct))!.Secret);
    }
}
