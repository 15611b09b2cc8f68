using Microsoft.DurableTask;
using Newtonsoft.Json;
using PosConnector.Core.Json;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// The Functions host's Durable data converter, for the in-process engine: the worker's serializer there is
/// NewtonsoftJsonObjectSerializer over PosConnectorJson.Settings (FunctionsServiceCollectionExtensions), so
/// orchestration inputs, activity payloads and outputs round-trip through the same settings here.
/// </summary>
public sealed class NewtonsoftDataConverter : DataConverter
{
    public override string? Serialize(object? value) => value is null ? null : PosConnectorJson.Serialize(value);

    public override object? Deserialize(string? data, Type targetType) =>
        data is null ? null : JsonConvert.DeserializeObject(data, targetType, PosConnectorJson.Settings);
}
