using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Handlers;
using PosConnector.Core.Json;
using PosConnector.Core.Observability;

namespace PosConnector.Functions.Http;

/// <summary>
/// Writes a host-neutral <see cref="HandlerResult"/> exactly as the standalone host does (Newtonsoft, the product's
/// serializer), and turns an unexpected failure into the PPP error body instead of the runtime's empty 500.
/// </summary>
public static class ActionResults
{
    public static IActionResult ToActionResult(this HandlerResult result) => new ContentResult
    {
        Content = PosConnectorJson.Serialize(result.Body),
        ContentType = "application/json; charset=utf-8",
        StatusCode = result.StatusCode,
    };

    public static async Task<IActionResult> ToActionResultAsync(this Task<HandlerResult> pending, HttpRequest request, ILogger logger)
    {
        try
        {
            return (await pending).ToActionResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Unhandled(logger, e, request.Path.ToString());
            return HandlerResult.Unexpected.ToActionResult();
        }
    }
}
