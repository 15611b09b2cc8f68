using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PosConnector.Core.Observability;

public static class ConsoleLogging
{
    /// <summary>
    /// Development: readable single lines with a UTC timestamp (<see cref="ReadableConsoleFormatter"/>).
    /// Elsewhere: one JSON object per line with scopes, for log pipelines.
    /// </summary>
    public static ILoggingBuilder AddPosConnectorConsole(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            logging.AddConsole(o => o.FormatterName = ReadableConsoleFormatter.FormatterName)
                .AddConsoleFormatter<ReadableConsoleFormatter, ConsoleFormatterOptions>();
            return logging;
        }

        return logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            // Log lines are not HTML: keep '>' and quotes readable instead of \u003E.
            o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
    }
}
