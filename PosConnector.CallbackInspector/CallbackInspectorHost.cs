using System.Text;
using PosConnector.Core.Json;
using PosConnector.Core.Observability;

namespace PosConnector.CallbackInspector;

/// <summary>
/// Stands in for the VTEX Gateway's callback endpoint on a developer machine: accepts a POST on any path,
/// records it, logs one line and shows the list on a page (default http://127.0.0.1:7073).
/// </summary>
public static class CallbackInspectorHost
{
    private const int MaxBodyChars = 64 * 1024;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddPosConnectorConsole(builder.Environment);
        builder.Services.AddSingleton<CallbackStore>();
        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Build();

        var page = ReadPage();
        app.MapGet("/", () => Results.Content(page, "text/html", Encoding.UTF8));
        app.MapGet("/callbacks", (string? paymentId, CallbackStore store) =>
            Results.Content(PosConnectorJson.Serialize(store.List(paymentId)), "application/json", Encoding.UTF8));
        app.MapPost("/{**path}", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, CallbackStore store, TimeProvider time, ILogger<CallbackStore> logger)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        var body = new string(buffer, 0, read);
        var (paymentId, status) = CallbackParsing.Summary(body);
        var answered = CallbackParsing.AnswerStatus(context.Request.Query["answer"]);
        var appKey = context.Request.Headers["X-VTEX-API-AppKey"].ToString();
        var path = context.Request.Path.ToString();
        store.Add(new ReceivedCallback(time.GetUtcNow(), path, paymentId, status, appKey,
            context.Request.Headers.ContainsKey("X-VTEX-API-AppToken"), answered, body) { Query = context.Request.QueryString.Value ?? "" });
        InspectorLog.Received(logger, paymentId ?? "(none)", status ?? "(none)", path, appKey, answered);
        return Results.Content("{}", "application/json", Encoding.UTF8, answered);
    }

    private static string ReadPage()
    {
        using var stream = typeof(CallbackInspectorHost).Assembly.GetManifestResourceStream("PosConnector.CallbackInspector.Page.index.html")
            ?? throw new InvalidOperationException("The inspector page is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
