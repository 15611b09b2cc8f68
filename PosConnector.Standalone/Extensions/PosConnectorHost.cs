using Microsoft.AspNetCore.Diagnostics;
using OpenTelemetry.Trace;
using PosConnector.Core;
using PosConnector.Core.Http;
using PosConnector.Core.Observability;
using PosConnector.Core.Payments;
using PosConnector.Core.Terminals;
using PosConnector.Standalone.Apis;
using PosConnector.Standalone.Effects;
using PosConnector.Standalone.Workers;

namespace PosConnector.Standalone.Extensions;

/// <summary>Builds the standalone host; tests build the same host on a loopback port with their own settings.</summary>
public static class PosConnectorHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
        builder.Logging.AddPosConnectorConsole(builder.Environment);

        builder.Services.AddPosConnectorCore(builder.Configuration);
        // The same names as the Functions host; here each request's server span is the parent of its payment step.
        builder.Services.AddPosConnectorTelemetry(builder.Configuration, "PosConnector.Standalone")
            .WithTracing(t => t.AddAspNetCoreInstrumentation());
        builder.Services.AddKeyedSingleton<QueueSignal>(QueueSignal.Callbacks);
        builder.Services.AddKeyedSingleton<QueueSignal>(QueueSignal.Deadlines);
        builder.Services.AddSingleton<DeadlineTimers>();
        builder.Services.AddSingleton<IEffectPlanner, QueueEffectPlanner>();
        builder.Services.AddSingleton<IPaymentEffectDispatcher, QueueEffectDispatcher>();
        builder.Services.AddTerminalCommandSender(builder.Configuration);
        builder.Services.AddHostedService<StorageInitializer>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddHostedService<DeadlineWorker>();
        builder.Services.AddHostedService<CallbackWorker>();
        builder.Services.AddApiDocument();
        builder.Services.AddHostedService<PaymentSweepWorker>();
        // Last, so it stops first: shutdown waits for first callback attempts in flight.
        builder.Services.AddFirstCallbackAttempts();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(WriteInternalErrorAsync));
        // Unknown routes (404), wrong methods (405) and any other body-less 4xx get a PPP error body.
        app.UseStatusCodePages(WriteStatusAnswerAsync);
        app.MapPppApi();
        app.MapPosApi();
        app.MapAdminApi();
        app.MapHealthApi();
        app.MapApiDocument();
        return app;
    }

    /// <summary>
    /// An unexpected failure answers in the PPP error shape, without a stack trace. Kestrel's bad-request
    /// exceptions are client faults, answered with their own 4xx. (A client abort never gets here: the
    /// middleware logs it at Debug and answers 499 to nobody.)
    /// </summary>
    private static Task WriteInternalErrorAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerPathFeature>();
        if (error?.Error is BadHttpRequestException bad)
        {
            return HandlerResults.WriteAsync(context, HttpEdge.BadRequest(bad.StatusCode));
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PosConnector.Errors");
        if (error is not null)
        {
            Log.Unhandled(logger, error.Error, error.Path);
        }

        return HandlerResults.WriteAsync(context, Core.Handlers.HandlerResult.Unexpected);
    }

    private static Task WriteStatusAnswerAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var code = context.Response.StatusCode;
        return code is >= 400 and < 500 and not StatusCodes.Status499ClientClosedRequest
            ? HandlerResults.WriteAsync(context, StatusAnswers.For(code, context.Request.Method, context.Response.Headers.Allow.ToString()))
            : Task.CompletedTask;
    }
}
