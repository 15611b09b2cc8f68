using PosConnector.Standalone.Extensions;

var app = PosConnectorHost.Build(args, builder =>
    builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost));

// Taken before running: RunAsync disposes the host (and its service provider) when it returns.
var workers = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
await app.RunAsync();

// A worker that died stopped the host: a zero exit code would read as a clean stop to the supervisor.
return workers.Any(s => s.ExecuteTask is { IsFaulted: true }) ? 1 : Environment.ExitCode;
