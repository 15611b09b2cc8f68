namespace PosConnector.Benchmarks;

/// <summary>The benchmark's stand-ins (callback sink, bare endpoint): a slim, silent ASP.NET app on a free loopback port.</summary>
internal static class LoopbackApp
{
    public static (WebApplication App, string BaseUrl) Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var baseUrl = $"http://127.0.0.1:{Azurite.FreePort()}";
        builder.WebHost.UseUrls(baseUrl);
        return (builder.Build(), baseUrl);
    }
}
