using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PosConnector.Core.Observability;

public static class ConsoleLogging
{
    /// <summary>
    /// Development: readable single lines with a UTC timestamp (<see cref="ReadableConsoleFormatter"/>).
    /// Elsewhere: one flat JSON object per line, scope fields included, for log pipelines (<see cref="CompactJsonConsoleFormatter"/>).
    /// </summary>
    public static ILoggingBuilder AddPosConnectorConsole(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            logging.AddConsole(o => o.FormatterName = ReadableConsoleFormatter.FormatterName)
                .AddConsoleFormatter<ReadableConsoleFormatter, ConsoleFormatterOptions>();
            return logging;
        }

        return logging.AddConsole(o => o.FormatterName = CompactJsonConsoleFormatter.FormatterName)
            .AddConsoleFormatter<CompactJsonConsoleFormatter, ConsoleFormatterOptions>();
    }
}
