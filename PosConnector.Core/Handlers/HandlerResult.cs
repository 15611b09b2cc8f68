using PosConnector.Domain.Ppp;

namespace PosConnector.Core.Handlers;

/// <summary>A host-neutral answer: an HTTP status and a body the host serializes with PosConnectorJson.</summary>
public sealed record HandlerResult(int StatusCode, object Body)
{
    /// <summary>An unexpected failure, in the PPP error shape and without details (they go to the log).</summary>
    public static HandlerResult Unexpected { get; } =
        Error(500, "internal-error", "The connector could not process the request; retry later.");

    public static HandlerResult Ok(object body) => new(200, body);

    public static HandlerResult Error(int statusCode, string code, string message) => new(statusCode, new PppError(code, message));
}
