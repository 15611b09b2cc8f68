using System.Text;
using PosConnector.Core.Handlers;
using PosConnector.Core.Json;

namespace PosConnector.VirtualTerminal;

/// <summary>
/// The browser terminal: one HTML page (embedded, no build step) and the small JSON API it polls and posts to.
/// </summary>
public static class TerminalPage
{
    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(TerminalPage).Assembly.GetManifestResourceStream("PosConnector.VirtualTerminal.Page.index.html")
            ?? throw new InvalidOperationException("The terminal page is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static void MapTerminalPage(this WebApplication app)
    {
        app.MapGet("/", () => Results.Content(Html.Value, "text/html", Encoding.UTF8));
        app.MapGet("/api/board", (TerminalBoard board) => Json(HandlerResult.Ok(board.View())));
        app.MapPost("/api/terminals/{serialNumber}/mode/{mode}", SetMode);
        app.MapPost("/api/charges/{commandId}/{choice}", Press);
    }

    private static IResult SetMode(string serialNumber, string mode, TerminalBoard board, ILogger<TerminalBoard> logger)
    {
        if (mode is not ("manual" or "automatic"))
        {
            return Json(HandlerResult.Error(404, "unknown-mode", "The mode is 'manual' or 'automatic'."));
        }

        if (!board.SetManual(serialNumber, mode == "manual"))
        {
            return Json(HandlerResult.Error(404, "unknown-terminal", $"This virtual terminal does not simulate '{serialNumber}'."));
        }

        VirtualTerminalLog.ModeChanged(logger, serialNumber, mode);
        return Json(HandlerResult.Ok(new { serialNumber, mode }));
    }

    private static IResult Press(
        string commandId, string choice, TerminalBoard board, ResultPoster poster, IHostApplicationLifetime lifetime, ILogger<TerminalBoard> logger)
    {
        if (!Enum.TryParse<ManualChoice>(choice, ignoreCase: true, out var pressed) || !Enum.IsDefined(pressed))
        {
            return Json(HandlerResult.Error(404, "unknown-choice", "The choice is approve, decline, fail or timeout."));
        }

        var answer = board.Answer(commandId, pressed);
        switch (answer.Kind)
        {
            case ManualAnswerKind.UnknownCharge:
                return Json(HandlerResult.Error(404, "unknown-charge", $"No manual terminal holds charge '{commandId}'."));
            case ManualAnswerKind.AlreadyAnswered:
                return Json(HandlerResult.Error(409, "already-answered", ManualChoices.AlreadyAnswered(commandId, answer.Earlier!.Value)));
        }

        VirtualTerminalLog.Pressed(logger, answer.Terminal!.SerialNumber, commandId, pressed);
        if (answer.Result is { } result)
        {
            // Posted in the background: the connector may be down and the poster retries; the page shows the outcome.
            _ = PostAsync(poster, answer.Terminal, result, lifetime.ApplicationStopping);
        }

        return Json(new HandlerResult(202, new { commandId, choice = pressed }));
    }

    private static async Task PostAsync(ResultPoster poster, SimulatedTerminal terminal, Domain.Terminals.TerminalResult result, CancellationToken ct)
    {
        try
        {
            await poster.PostAsync(terminal, result, ct);
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
    }

    private static IResult Json(HandlerResult result) =>
        Results.Content(PosConnectorJson.Serialize(result.Body), "application/json", Encoding.UTF8, result.StatusCode);
}
