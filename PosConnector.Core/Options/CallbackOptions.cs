using System.ComponentModel.DataAnnotations;

namespace PosConnector.Core.Options;

/// <summary>Backoff for callbacks to VTEX; they stop at the payment's delayToCancel.</summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callbacks";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; init; } = 2.0;

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
