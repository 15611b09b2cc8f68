using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using static PosConnector.Standalone.Tests.Support.AnswerFault;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>For every conformance check, the defect it must catch: the rule it enforces, broken on the wire.</summary>
public static partial class KitFaults
{
    public static IReadOnlyDictionary<string, AnswerFault> ByCheck { get; } = new Dictionary<string, AnswerFault>
    {
        ["manifest"] = OnAnswer(r => PathOf(r) == "/api/manifest", a => EditJsonAsync(a, j => j["paymentMethods"]![1]!["name"] = "Venda Direta Débito")),
        ["payment-methods"] = OnAnswer(r => PathOf(r) == "/api/payment-methods", a => EditJsonAsync(a, j => j["paymentMethods"] = new JArray("Venda Direta Credito"))),
        ["credentials-missing"] = OnAnswer(IsCreate, a => Status(a, HttpStatusCode.Unauthorized, HttpStatusCode.OK)),
        ["credentials-wrong"] = OnAnswer(IsCreate, a => Status(a, HttpStatusCode.Unauthorized, HttpStatusCode.OK)),
        ["credentials-header-families"] = OnAnswer(r => r.Headers.Contains("X-PROVIDER-API-AppKey"), a => Status(a, a.StatusCode, HttpStatusCode.Unauthorized)),
        ["create-first"] = OnAnswer(IsCreate, a => EditJsonAsync(a, j =>
        {
            if (j["paymentAppData"]?["payload"] is { Type: JTokenType.String } p)
            {
                j["paymentAppData"]!["payload"] = JObject.Parse((string)p!);
            }
        })),
        ["create-repeated"] = NewTidEveryAnswer(),
        ["create-overlapping"] = NewTidEveryAnswer(),
        ["submiturl-cors"] = OnAnswer(_ => true, a =>
        {
            a.Headers.Remove("Access-Control-Allow-Origin");
            return Task.CompletedTask;
        }),
        ["submiturl-wrong-token"] = SerialRefusalsAccepted(),
        ["unknown-serial"] = SerialRefusalsAccepted(),
        ["testsuite-approved"] = StatusRewritten("approved", "undefined"),
        ["testsuite-denied"] = StatusRewritten("denied", "approved"),
        ["testsuite-async-approved"] = CallbackSignatureDropped(),
        ["testsuite-async-denied"] = CallbackSignatureDropped(),
        ["cancel"] = OnAnswer(r => PathOf(r).EndsWith("/cancellations", StringComparison.Ordinal), a => EditJsonAsync(a, j => j["cancellationId"] = null)),
        ["settle"] = OnAnswer(r => PathOf(r).EndsWith("/settlements", StringComparison.Ordinal), a => EditJsonAsync(a, j => j["settleId"] = Guid.NewGuid().ToString("N"))),
        ["refund"] = OnAnswer(r => PathOf(r).EndsWith("/refunds", StringComparison.Ordinal), a => EditJsonAsync(a, j => j["refundId"] = null)),
        ["hostile-input"] = OnAnswer(IsCreate, a => Status(a, HttpStatusCode.BadRequest, HttpStatusCode.InternalServerError)),
        ["pos-wait-app"] = OnAnswer(IsCreate, a => EditPayloadAsync(a, p => p["secondsWaiting"] = 0)),
        ["pos-approved"] = OnAnswer(IsCreate, a => EditJsonAsync(a, j => j.Remove("lastDigits"))),
        ["pos-declined"] = StatusRewritten("denied", "approved"),
        // The wait app would give up after 1 s, long before the host's 3 s terminal deadline.
        ["pos-timeout"] = OnAnswer(IsCreate, a => EditPayloadAsync(a, p =>
        {
            if (p.ContainsKey("secondsWaiting"))
            {
                p["secondsWaiting"] = 1;
            }
        })),
        ["pos-late-approval"] = OnAnswer(r => PathOf(r).EndsWith("/results", StringComparison.Ordinal), a => Status(a, HttpStatusCode.OK, HttpStatusCode.Conflict)),
        // Past the kit's default 5 s limit, which the fault runs keep.
        ["response-times"] = new(Request: async r =>
        {
            if (PathOf(r) == "/api/manifest")
            {
                await Task.Delay(TimeSpan.FromSeconds(5.5));
            }
        }),
    };

    private static AnswerFault OnAnswer(Func<HttpRequestMessage, bool> when, Func<HttpResponseMessage, Task> edit) =>
        new(Answer: (request, answer) => when(request) ? edit(answer) : Task.CompletedTask);

    private static Task Status(HttpResponseMessage answer, HttpStatusCode from, HttpStatusCode to)
    {
        if (answer.StatusCode == from)
        {
            answer.StatusCode = to;
        }

        return Task.CompletedTask;
    }

    private static AnswerFault NewTidEveryAnswer() => OnAnswer(IsCreate, a => EditJsonAsync(a, j => j["tid"] = Guid.NewGuid().ToString("N")));

    private static AnswerFault StatusRewritten(string from, string to) =>
        OnAnswer(IsCreate, a => EditJsonAsync(a, j =>
        {
            if ((string?)j["status"] == from)
            {
                j["status"] = to;
            }
        }));

    private static AnswerFault SerialRefusalsAccepted() =>
        OnAnswer(r => PathOf(r).StartsWith("/api/pos/", StringComparison.Ordinal), a =>
        {
            if ((int)a.StatusCode is >= 400 and < 500)
            {
                a.StatusCode = HttpStatusCode.OK;
                a.Content = new StringContent("{\"status\":\"accepted\"}", Encoding.UTF8, "application/json");
            }

            return Task.CompletedTask;
        });

    /// <summary>The callbackUrl reaches the host without its X-VTEX-signature, as if the connector had dropped it.</summary>
    private static AnswerFault CallbackSignatureDropped() => new(Request: async r =>
    {
        if (IsCreate(r) && r.Content is not null)
        {
            var body = await r.Content.ReadAsStringAsync();
            r.Content = new StringContent(SignatureQuery().Replace(body, ""), Encoding.UTF8, "application/json");
        }
    });

    [GeneratedRegex("&X-VTEX-signature=[^\"&]*")]
    private static partial Regex SignatureQuery();
}
