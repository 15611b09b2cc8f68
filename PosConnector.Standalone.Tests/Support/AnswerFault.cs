using System.Text;
using Newtonsoft.Json.Linq;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>
/// One deliberate defect between the conformance kit and the real host: a rewrite of the kit's request or of the host's
/// answer, so a check can be shown to fail when exactly the rule it enforces is broken.
/// </summary>
public sealed record AnswerFault(Func<HttpRequestMessage, Task>? Request = null, Func<HttpRequestMessage, HttpResponseMessage, Task>? Answer = null)
{
    public static string PathOf(HttpRequestMessage request) => request.RequestUri!.AbsolutePath;

    public static bool IsCreate(HttpRequestMessage request) => request.Method == HttpMethod.Post && PathOf(request) == "/api/payments";

    /// <summary>Edits a JSON object answer in place (other bodies are left alone).</summary>
    public static async Task EditJsonAsync(HttpResponseMessage response, Action<JObject> edit)
    {
        var text = await response.Content.ReadAsStringAsync();
        JObject json;
        try
        {
            json = JObject.Parse(text);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            response.Content = new StringContent(text, Encoding.UTF8, "application/json");
            return;
        }

        edit(json);
        response.Content = new StringContent(json.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
    }

    /// <summary>Edits the wait app's payload (a string of JSON inside the answer).</summary>
    public static Task EditPayloadAsync(HttpResponseMessage response, Action<JObject> edit) =>
        EditJsonAsync(response, json =>
        {
            if (json["paymentAppData"]?["payload"] is { Type: JTokenType.String } payload && JObject.Parse((string)payload!) is var inner)
            {
                edit(inner);
                json["paymentAppData"]!["payload"] = inner.ToString(Newtonsoft.Json.Formatting.None);
            }
        });
}
