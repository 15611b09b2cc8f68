namespace PosConnector.Domain.Ppp;

/// <summary>The PPP error body: <c>{"status":"error","code":"...","message":"..."}</c>.</summary>
public sealed record PppError(string Code, string Message)
{
    public string Status { get; } = "error";
}
