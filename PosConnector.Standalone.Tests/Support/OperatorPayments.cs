using System.Net;
using Newtonsoft.Json.Linq;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>Payments the operator-facing tests (attention list, search) set up over real HTTP.</summary>
public static class OperatorPayments
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A Test Suite payment decided by its card number (docs/protocol.md §6); no terminal involved.</summary>
    public static async Task<string> TestSuiteAsync(PppClient client, CallbackReceiver callbacks, string card, string? orderId = null)
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 10m, callbacks.CallbackUrlFor("TX", id), cardNumber: card);
        if (orderId is not null)
        {
            body["orderId"] = orderId;
        }

        var reply = await client.PostAsync("/api/payments", body, [.. PppClient.Merchant, ("X-VTEX-API-Is-TestSuite", "true")]);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return id;
    }

    /// <summary>Charged on <paramref name="terminal"/> (registered by the caller) and approved by it: the test signs the approval.</summary>
    public static async Task<(string PaymentId, JObject Body)> ApprovedOnTerminalAsync(
        PppClient client, CallbackReceiver callbacks, string terminal, decimal value, string? orderId = null)
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, value, callbacks.CallbackUrlFor("TX", id));
        if (orderId is not null)
        {
            body["orderId"] = orderId;
        }

        Assert.Equal(HttpStatusCode.OK, (await client.SubmitSerialAsync(await client.CreatePaymentAsync(body), terminal)).Status);
        await client.CreatePaymentAsync(body);
        var charge = await client.WaitForPaymentAsync(id, v => v["state"]!["commands"]!.Any(), Patience);
        var approval = await client.PostTerminalResultAsync(terminal, new JObject
        {
            ["commandId"] = charge["state"]!["commands"]![0]!["commandId"], ["paymentId"] = id, ["type"] = "charge", ["status"] = "approved",
            ["authorizationId"] = "AUT-1", ["nsu"] = "N1", ["tid"] = "T1", ["acquirer"] = "Acq",
            ["cardBrand"] = "Visa", ["firstDigits"] = "411111", ["lastDigits"] = "1111", ["message"] = "ok",
        });
        Assert.Equal(HttpStatusCode.OK, approval.Status);
        return (id, body);
    }
}
