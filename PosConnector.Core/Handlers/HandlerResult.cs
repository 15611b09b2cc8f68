using PosConnector.Core.Ppp;

namespace PosConnector.Core.Handlers;

/// <summary>A host-neutral answer: an HTTP status and a body the host serializes with PosConnectorJson.</summary>
public sealed record HandlerResult(int StatusCode, object Body)
{
    public static HandlerResult Ok(object body) => new(200, body);

    public static HandlerResult Error(int statusCode, string code, string message) => new(statusCode, new PppError(code, message));
}
