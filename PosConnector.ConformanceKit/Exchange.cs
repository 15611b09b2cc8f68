namespace PosConnector.ConformanceKit;

/// <summary>
/// One request to the deployment and its answer, as a report shows a failing check. Never holds a header: the
/// credentials travel there. Bodies are cut to keep a report readable.
/// </summary>
public sealed record Exchange(string Method, string Url, string? RequestBody, int Status, string ResponseBody, TimeSpan Elapsed)
{
    public const int MaxBodyChars = 2000;

    public static string Cut(string? text) =>
        text is null ? "" : text.Length <= MaxBodyChars ? text : string.Concat(text.AsSpan(0, MaxBodyChars), "…");

    public override string ToString() =>
        $"{Method} {Url}{(RequestBody is null ? "" : " " + RequestBody)} → {Status} in {Elapsed.TotalMilliseconds:0} ms: {ResponseBody}";
}
