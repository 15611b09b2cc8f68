using System.ComponentModel.DataAnnotations;

namespace PosConnector.Core.Options;

/// <summary>Payment timings in seconds, copied into each payment's terms on its first answer.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    /// <summary>How long the wait-for-confirmation app polls.</summary>
    [Range(30, 3600)]
    public int SecondsWaiting { get; init; } = 180;

    /// <summary>How long the connector waits for the terminal before aborting; below SecondsWaiting.</summary>
    [Range(1, 3600)]
    public int TerminalTimeoutSeconds { get; init; } = 150;

    /// <summary>VTEX's minimum is 600 s; must be at least SecondsWaiting.</summary>
    [Range(600, 2_592_000)]
    public int DelayToCancelSeconds { get; init; } = 600;

    [Range(0, 604_800)]
    public int DelayToAutoSettleSeconds { get; init; } = 21_600;

    [Range(0, 604_800)]
    public int DelayToAutoSettleAfterAntifraudSeconds { get; init; } = 1_800;

    /// <summary>Test Suite async cards: seconds until the callback (VTEX expects about 15).</summary>
    [Range(0, 60)]
    public int TestSuiteCallbackDelaySeconds { get; init; } = 5;

    public static string? Validate(PaymentOptions o) =>
        o.TerminalTimeoutSeconds >= o.SecondsWaiting
            ? "Payments:TerminalTimeoutSeconds must be below Payments:SecondsWaiting, so the connector aborts before Sales App gives up."
            : o.DelayToCancelSeconds < o.SecondsWaiting
                ? "Payments:DelayToCancelSeconds must be at least Payments:SecondsWaiting (VTEX POS rule)."
                : null;
}
