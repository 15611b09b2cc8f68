using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace PosConnector.Core.Observability;

/// <summary>
/// Development console lines: <c>09:12:03.481 info PaymentEngine: message [paymentId=P1]</c>. One line per entry
/// (an exception follows on its own lines); the payment id comes from the log scope when the message lacks it.
/// Request and trace scopes are left out: they made every line several hundred characters long.
/// </summary>
public sealed class ReadableConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "posconnector-readable";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var paymentId = PaymentIdFromScopes(scopeProvider);
        textWriter.Write(DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(LevelName(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(ShortCategory(logEntry.Category));
        textWriter.Write(": ");
        textWriter.Write(message.ReplaceLineEndings(" "));
        if (paymentId is not null && !message.Contains(paymentId, StringComparison.Ordinal))
        {
            textWriter.Write(" [paymentId=");
            textWriter.Write(paymentId);
            textWriter.Write(']');
        }

        textWriter.WriteLine();
        if (logEntry.Exception is not null)
        {
            textWriter.WriteLine(logEntry.Exception.ToString());
        }
    }

    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "FAIL",
        LogLevel.Critical => "CRIT",
        _ => "    ",
    };

    /// <summary>The class name: "PosConnector.Core.Payments.PaymentEngine" → "PaymentEngine".</summary>
    public static string ShortCategory(string category) => category[(category.LastIndexOf('.') + 1)..];

    private static string? PaymentIdFromScopes(IExternalScopeProvider? scopes)
    {
        string? found = null;
        scopes?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
            {
                foreach (var pair in pairs)
                {
                    if (pair.Key == "PaymentId" && pair.Value is string id)
                    {
                        found = id;
                    }
                }
            }
        }, (object?)null);
        return found;
    }
}
