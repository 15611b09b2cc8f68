using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace PosConnector.Core.Json;

/// <summary>The one serializer configuration for PPP bodies, table payloads and queue messages.</summary>
public static class PosConnectorJson
{
    // Shared: a contract resolver caches what it learns of each type.
    private static readonly DomainContractResolver Resolver = new();

    public static JsonSerializerSettings Settings { get; } = Create();

    // One serializer for every call (it is thread-safe): JsonConvert would build a new one from Settings each time.
    private static readonly JsonSerializer Serializer = CreateSerializer();

    public static string Serialize(object? value)
    {
        var text = new StringWriter(new StringBuilder(256), CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text))
        {
            Serializer.Serialize(writer, value);
        }

        return text.ToString();
    }

    public static T Deserialize<T>(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        return Serializer.Deserialize<T>(reader) ?? throw new JsonSerializationException("The JSON document is empty (null).");
    }

    private static JsonSerializer CreateSerializer()
    {
        var serializer = JsonSerializer.Create(Settings);
        // As JsonConvert.DeserializeObject does: text after the document is an error, not ignored.
        serializer.CheckAdditionalContent = true;
        return serializer;
    }

    private static JsonSerializerSettings Create() => new()
    {
        ContractResolver = Resolver,
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
