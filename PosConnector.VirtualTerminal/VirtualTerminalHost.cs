using PosConnector.Core.Options;
using PosConnector.Core.Storage;

namespace PosConnector.VirtualTerminal;

/// <summary>Builds the virtual terminal process; tests build the same host in-process.</summary>
public static class VirtualTerminalHost
{
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddOptions<VirtualTerminalOptions>().Bind(builder.Configuration.GetSection(VirtualTerminalOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StorageClients>();
        builder.Services.AddHttpClient<ResultPoster>();
        builder.Services.AddHttpClient<TerminalRegistrar>();
        builder.Services.AddHostedService<RegistrationService>();
        builder.Services.AddHostedService<VirtualTerminalWorker>();
        configure?.Invoke(builder);
        // After configure: tests replace the configuration there, and the transport is read from it.
        builder.Services.AddCommandSource(builder.Configuration);
        return builder.Build();
    }
}
