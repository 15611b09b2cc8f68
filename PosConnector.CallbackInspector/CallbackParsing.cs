using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PosConnector.CallbackInspector;

/// <summary>Reads paymentId and status from a callback body, tolerating anything that is not JSON.</summary>
public static class CallbackParsing
{
    public static (string? PaymentId, string? Status) Summary(string body)
    {
        try
        {
            return JToken.Parse(body) is JObject o ? (o.Value<string>("paymentId"), o.Value<string>("status")) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>The status to answer: <c>?answer=503</c> on the callbackUrl simulates a failing Gateway; default 200.</summary>
    public static int AnswerStatus(string? answer) =>
        int.TryParse(answer, out var status) && status is >= 200 and <= 599 ? status : StatusCodes.Status200OK;
}
