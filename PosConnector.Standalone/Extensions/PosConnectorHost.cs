using Microsoft.AspNetCore.Diagnostics;
using PosConnector.Core;
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
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);

        builder.Services.AddPosConnectorCore(builder.Configuration);
        builder.Services.AddSingleton<IPaymentEffectDispatcher, QueueEffectDispatcher>();
        builder.Services.AddTerminalCommandSender(builder.Configuration);
        builder.Services.AddHostedService<StorageInitializer>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddHostedService<DeadlineWorker>();
        builder.Services.AddHostedService<CallbackWorker>();
        builder.Services.AddHostedService<PaymentSweepWorker>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(WriteInternalErrorAsync));
        app.MapPppApi();
        app.MapPosApi();
        app.MapAdminApi();
        app.MapHealthApi();
        return app;
    }

    /// <summary>An unexpected failure answers in the PPP error shape, without a stack trace.</summary>
    private static Task WriteInternalErrorAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerPathFeature>();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PosConnector.Errors");
        if (error is not null)
        {
            Log.Unhandled(logger, error.Error, error.Path);
        }

        return HandlerResults.WriteAsync(context, Core.Handlers.HandlerResult.Unexpected);
    }
}
