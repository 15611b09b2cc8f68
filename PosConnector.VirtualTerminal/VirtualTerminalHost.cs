using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;

namespace PosConnector.VirtualTerminal;

/// <summary>Builds the virtual terminal process (command consumer + terminal page); tests build the same host in-process.</summary>
public static class VirtualTerminalHost
{
    public static IHost Build(string[] args, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddPosConnectorConsole(builder.Environment);
        builder.Services.AddOptions<VirtualTerminalOptions>().Bind(builder.Configuration.GetSection(VirtualTerminalOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => PageAddress.IsLoopbackHttp(o.PageUrl), "VirtualTerminal:PageUrl must be an http URL on 127.0.0.1, [::1] or localhost.")
            .ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StorageClients>();
        builder.Services.AddSingleton<TerminalBoard>();
        builder.Services.AddSingleton<CommandListener>();
        builder.Services.AddHttpClient<ResultPoster>();
        builder.Services.AddHttpClient<TerminalRegistrar>();
        builder.Services.AddHostedService<RegistrationService>();
        builder.Services.AddHostedService<VirtualTerminalWorker>();
        configure?.Invoke(builder);

        // After configure: tests replace the configuration sources, and the page URL and the transport are read from them.
        builder.Services.AddCommandSource(builder.Configuration);
        var pageUrl = builder.Configuration[$"{VirtualTerminalOptions.SectionName}:{nameof(VirtualTerminalOptions.PageUrl)}"];
        builder.WebHost.UseUrls(string.IsNullOrEmpty(pageUrl) ? VirtualTerminalOptions.DefaultPageUrl : pageUrl);

        var app = builder.Build();
        app.MapTerminalPage();
        return app;
    }
}
