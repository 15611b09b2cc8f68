using Microsoft.Extensions.Options;

namespace PosConnector.VirtualTerminal;

/// <summary>At start, registers the terminals when an admin key is configured, retrying until the connector is up.</summary>
public sealed class RegistrationService(TerminalRegistrar registrar, IOptions<VirtualTerminalOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.AdminKey))
        {
            return;
        }

        for (var attempt = 1; attempt <= 120 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await registrar.RegisterAllAsync(stoppingToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
            }
        }
    }
}
