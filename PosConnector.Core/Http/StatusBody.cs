namespace PosConnector.Core.Http;

/// <summary>A one-word answer: the health probe's "healthy", an accepted CORS preflight's "ok".</summary>
public sealed record StatusBody(string Status)
{
    public static StatusBody Healthy { get; } = new("healthy");

    public static StatusBody Ok { get; } = new("ok");
}
