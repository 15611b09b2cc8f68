using System.Net;
using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using PosConnector.Domain.Terminals;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// Amounts and installments as VTEX really sends them, over real HTTP through the standalone host on Azurite: an amount
/// written as text is refused before anything is stored, installments 0 is one payment, a debit in installments and a
/// repeat asking for another amount are refused and change nothing. The terminal's queue is read directly.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AmountRulesTests(QueuedCommandsFixture fixture) : IClassFixture<QueuedCommandsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private QueuedCommandsWorld World => fixture.World;

    private PppClient Client => World.Client;

    public static TheoryData<string, string> AmountsAsText() => new()
    {
        { "value", "value" },
        { "referenceValue", "referenceValue" },
        { "installmentsValue", "installmentsValue" },
        { "miniCart.items[1].price", "miniCart.items[1].price" },
    };

    [Theory]
    [MemberData(nameof(AmountsAsText))]
    public async Task CreatePayment_AmountWrittenAsText_Answers400NamingTheFieldAndStoresNothing(string field, string path)
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 29.90m, World.Callbacks.CallbackUrlFor("TX1", id));
        body["installmentsValue"] = 29.90m;
        body["miniCart"] = new JObject { ["items"] = new JArray(new JObject { ["id"] = "1", ["price"] = 10m }, new JObject { ["id"] = "2", ["price"] = 19.90m }) };
        // The Brazilian way of writing 29.90: Newtonsoft would read it as 2990.
        body.SelectToken(field)!.Replace("29,90");

        var reply = await Client.CreatePaymentAsync(body);

        AssertPppError(reply, HttpStatusCode.BadRequest, "amount-not-a-number");
        Assert.StartsWith($"{path} must be a JSON number", (string?)reply.Json["message"], StringComparison.Ordinal);
        Assert.Equal(0, await RowsOfAsync(id));
    }

    [Theory]
    [InlineData("cancellations")]
    [InlineData("settlements")]
    [InlineData("refunds")]
    public async Task Operation_ValueWrittenAsText_Answers400AndChangesNothing(string operation)
    {
        var (id, _) = await World.IdentifiedPaymentAsync();
        var before = await Client.AdminPaymentAsync(id);
        var body = Payments.Operation(id, "REQ-" + operation, null);
        body["value"] = "12,34";

        var reply = await Client.PostAsync($"/api/payments/{id}/{operation}", body, PppClient.Merchant);

        AssertPppError(reply, HttpStatusCode.BadRequest, "amount-not-a-number");
        Assert.StartsWith("value must be a JSON number", (string?)reply.Json["message"], StringComparison.Ordinal);
        Assert.Equal(before.Body, (await Client.AdminPaymentAsync(id)).Body);
    }

    [Fact]
    public async Task CreatePayment_ZeroInstallments_IsOnePaymentStoredAndSentToTheTerminalAsOne()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 12.34m, World.Callbacks.CallbackUrlFor("TX1", id));
        body["installments"] = 0;

        await World.IdentifiedPaymentAsync(body);
        var second = await Client.CreatePaymentAsync(body);

        Assert.Equal((HttpStatusCode.OK, "undefined"), (second.Status, (string?)second.Json["status"]));
        var charge = Assert.Single(await World.CommandsForAsync(id, Ct));
        Assert.Equal((TerminalCommandType.Charge, 12.34m, 1), (charge.Type, charge.Amount, charge.Installments));
        Assert.Equal(1, (int)(await Client.AdminPaymentAsync(id)).Json["state"]!["order"]!["installments"]!);
    }

    [Fact]
    public async Task CreatePayment_DebitInThreeInstallments_Answers400AndStoresNothing()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 12.34m, World.Callbacks.CallbackUrlFor("TX1", id), method: "Venda Direta Debito");
        body["installments"] = 3;

        var reply = await Client.CreatePaymentAsync(body);

        AssertPppError(reply, HttpStatusCode.BadRequest, "debit-installments");
        Assert.Equal(0, await RowsOfAsync(id));
    }

    [Fact]
    public async Task CreatePayment_RepeatAskingForAnotherValue_Answers409AndSendsNoCharge_TheRealRepeatStillCharges()
    {
        var (id, body) = await World.IdentifiedPaymentAsync();
        var before = (await Client.AdminPaymentAsync(id)).Json;
        var other = (JObject)body.DeepClone();
        other["value"] = 1234m;

        var refused = await Client.CreatePaymentAsync(other);
        var after = (await Client.AdminPaymentAsync(id)).Json;
        var queuedAfterRefusal = await World.CommandsForAsync(id, Ct);
        var repeat = await Client.CreatePaymentAsync(body);

        AssertPppError(refused, HttpStatusCode.Conflict, "payment-amount-mismatch");
        Assert.Contains("12.34 BRL", (string?)refused.Json["message"], StringComparison.Ordinal);
        Assert.Empty(queuedAfterRefusal);
        Assert.True(JToken.DeepEquals(before["state"], after["state"]), $"The state changed: {after["state"]}");
        Assert.StartsWith("Rejected (payment-amount-mismatch)", (string?)after["history"]!.Last!["note"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.Equal(12.34m, Assert.Single(await World.CommandsForAsync(id, Ct)).Amount);
    }

    private static void AssertPppError(Reply reply, HttpStatusCode status, string code)
    {
        Assert.True(reply.Status == status, $"Expected {status}, got {reply.Status}: {reply.Body}");
        Assert.Equal(("error", code), ((string?)reply.Json["status"], (string?)reply.Json["code"]));
    }

    private async Task<int> RowsOfAsync(string paymentId)
    {
        var rows = 0;
        await foreach (var _ in World.Storage.Payments.QueryAsync<TableEntity>(e => e.PartitionKey == paymentId, select: ["RowKey"], cancellationToken: Ct))
        {
            rows++;
        }

        return rows;
    }
}
