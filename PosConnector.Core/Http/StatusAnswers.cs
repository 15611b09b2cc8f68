using PosConnector.Core.Handlers;

namespace PosConnector.Core.Http;

/// <summary>A PPP error body for a status the framework answered without one (unknown route, wrong method, ...).</summary>
public static class StatusAnswers
{
    public static HandlerResult For(int statusCode, string method, string? allow) => statusCode switch
    {
        404 => HandlerResult.Error(404, "not-found", "No route matches this path."),
        405 => HandlerResult.Error(405, "method-not-allowed",
            string.IsNullOrEmpty(allow) ? $"{Clip(method)} is not allowed on this route." : $"{Clip(method)} is not allowed on this route; use {allow}."),
        _ => HttpEdge.BadRequest(statusCode),
    };

    private static string Clip(string method) => method.Length <= 16 ? method : method[..16];
}
