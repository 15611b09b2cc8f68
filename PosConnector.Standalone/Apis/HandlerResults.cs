using System.Text;
using PosConnector.Core.Handlers;
using PosConnector.Core.Json;

namespace PosConnector.Standalone.Apis;

/// <summary>Writes a host-neutral <see cref="HandlerResult"/> as JSON with Newtonsoft (the product's serializer).</summary>
public static class HandlerResults
{
    public static IResult ToResult(this HandlerResult result) =>
        Results.Content(PosConnectorJson.Serialize(result.Body), "application/json", Encoding.UTF8, result.StatusCode);

    public static async Task<IResult> ToResult(this Task<HandlerResult> result) => (await result).ToResult();

    public static Task WriteAsync(HttpContext context, HandlerResult result) => result.ToResult().ExecuteAsync(context);
}
