using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace PosConnector.Core.Json;

/// <summary>The one serializer configuration for PPP bodies, table payloads and queue messages.</summary>
public static class PosConnectorJson
{
    public static JsonSerializerSettings Settings { get; } = Create();

    public static string Serialize(object? value) => JsonConvert.SerializeObject(value, Settings);

    public static T Deserialize<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings)
        ?? throw new JsonSerializationException("The JSON document is empty (null).");

    private static JsonSerializerSettings Create() => new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver
        {
            NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false },
        },
        Converters = { new StringEnumConverter(new CamelCaseNamingStrategy()) },
        // Money must never pass through double.
        FloatParseHandling = FloatParseHandling.Decimal,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        NullValueHandling = NullValueHandling.Include,
        MaxDepth = 32,
        TypeNameHandling = TypeNameHandling.None,
    };
}
