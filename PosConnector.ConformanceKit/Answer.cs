using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit;

/// <summary>An answer from the deployment, with the exchange a failing check reports.</summary>
public sealed record Answer(int Status, string Body, IReadOnlyDictionary<string, string> Headers, Exchange Exchange)
{
    /// <summary>The body as a JSON object, or null when it is not one (the checks then fail on the shape).</summary>
    public JObject? Json => JsonText.TryParseObject(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
