using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>Cancel, Settle and Refund: their answer shapes, and idempotency by requestId [OAS], [HOMOL].</summary>
public static class OperationChecks
{
    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("cancel", $"{Sources.Oas} (Cancel Payment); {Sources.Homol} (Cancellation case)",
            "cancelling an approved payment answers a non-null cancellationId, and the same one again for the same requestId", CancelAsync),
        new("settle", $"{Sources.Oas} (Settle Payment)",
            "settling answers a non-null settleId and the value, the same for the same requestId; an unknown payment gets 500 with settleId null", SettleAsync),
        new("refund", $"{Sources.Oas} (Refund Payment)",
            "refunding a settled payment answers a non-null refundId and the value, the same for the same requestId", RefundAsync),
    ];

    private static async Task CancelAsync(CheckContext context)
    {
        var (id, _) = await TestSuiteChecks.ApprovedPaymentAsync(context);
        var request = PaymentRequests.Operation(id, "CK-C-" + Guid.NewGuid().ToString("N")[..8], null);
        var first = await OperateAsync(context, id, "cancellations", request, "cancellationId");
        var again = await OperateAsync(context, id, "cancellations", request, "cancellationId");
        Expect.Equal((string?)first.Json["cancellationId"], (string?)again.Json["cancellationId"], "the same cancellationId for the same requestId", again.Answer);
    }

    private static async Task SettleAsync(CheckContext context)
    {
        var (id, _) = await TestSuiteChecks.ApprovedPaymentAsync(context);
        var request = PaymentRequests.Operation(id, "CK-S-" + Guid.NewGuid().ToString("N")[..8], context.Options.Amount);
        var first = await OperateAsync(context, id, "settlements", request, "settleId");
        var again = await OperateAsync(context, id, "settlements", request, "settleId");
        Expect.Equal((string?)first.Json["settleId"], (string?)again.Json["settleId"], "the same settleId for the same requestId", again.Answer);

        var unknown = PaymentRequests.NewPaymentId();
        var refused = await context.OperationAsync(unknown, "settlements", PaymentRequests.Operation(unknown, "CK-S-UNKNOWN", 1m), testSuite: true);
        Expect.Status(refused, 500, "a settlement of an unknown payment fails in the Settle shape");
        var json = Expect.JsonObject(refused);
        Expect.That(json.ContainsKey("settleId") && json["settleId"]!.Type == JTokenType.Null, "expected settleId: null for an unknown payment", refused);
    }

    private static async Task RefundAsync(CheckContext context)
    {
        var (id, _) = await TestSuiteChecks.ApprovedPaymentAsync(context);
        await OperateAsync(context, id, "settlements", PaymentRequests.Operation(id, "CK-S-" + Guid.NewGuid().ToString("N")[..8], context.Options.Amount), "settleId");
        var request = PaymentRequests.Operation(id, "CK-R-" + Guid.NewGuid().ToString("N")[..8], context.Options.Amount);
        var first = await OperateAsync(context, id, "refunds", request, "refundId");
        var again = await OperateAsync(context, id, "refunds", request, "refundId");
        Expect.Equal((string?)first.Json["refundId"], (string?)again.Json["refundId"], "the same refundId for the same requestId", again.Answer);
    }

    /// <summary>Posts one operation and expects 200 with the payment's id, the requestId echoed and a non-null <paramref name="idName"/>.</summary>
    private static async Task<(JObject Json, Answer Answer)> OperateAsync(CheckContext context, string paymentId, string operation, JObject request, string idName)
    {
        var answer = await context.OperationAsync(paymentId, operation, request, testSuite: true);
        Expect.Status(answer, 200, $"{operation} of an approved Test Suite payment");
        var json = Expect.JsonObject(answer);
        Expect.Equal(paymentId, (string?)json["paymentId"], "paymentId", answer);
        Expect.Equal((string?)request["requestId"], (string?)json["requestId"], "requestId echoed", answer);
        Expect.Text(json, idName, answer);
        if (request["value"] is { Type: not JTokenType.Null } value)
        {
            Expect.That(Expect.Number(json, "value", answer) == (decimal)value, $"expected value {value}", answer);
        }

        return (json, answer);
    }
}
