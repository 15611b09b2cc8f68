namespace PosConnector.VirtualTerminal;

/// <summary>The terminal page has no authentication, so it may only listen on a loopback address.</summary>
public static class PageAddress
{
    public static bool IsLoopbackHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && (uri.IsLoopback || uri.Host == "localhost");
}
