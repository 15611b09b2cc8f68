using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit;

/// <summary>Reads text that should be a JSON object; a wrong shape is null, for the check to report, never an exception.</summary>
public static class JsonText
{
    public static JObject? TryParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JToken.Parse(text) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
