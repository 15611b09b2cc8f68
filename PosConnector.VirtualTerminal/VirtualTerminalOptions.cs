using System.ComponentModel.DataAnnotations;

namespace PosConnector.VirtualTerminal;

/// <summary>The simulated terminals and where their results go. A class: it holds terminal secrets.</summary>
public sealed class VirtualTerminalOptions
{
    public const string SectionName = "VirtualTerminal";

    /// <summary>Base URL of the connector, e.g. http://127.0.0.1:7071.</summary>
    [Required, Url]
    public string ConnectorUrl { get; init; } = "";

    /// <summary>If set, the terminals are registered through the connector's admin API at start.</summary>
    public string AdminKey { get; init; } = "";

    /// <summary>The merchant (VTEX account, as configured under Vtex:Merchants) the terminals belong to.</summary>
    public string MerchantName { get; init; } = "localstore";

    /// <summary>If set, the terminals are restricted to this store (the manifest's "Store code").</summary>
    public string StoreCode { get; init; } = "";

    [MinLength(1)]
    public List<SimulatedTerminal> Terminals { get; init; } = [];

    /// <summary>Delay before an ordinary approval ("within a second").</summary>
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long after a charge's expiry a late approval (cents 03) arrives.</summary>
    public TimeSpan LateApprovalDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Where the terminal page listens. Loopback only: its buttons settle charges without authentication.
    /// Port 0 picks a free port (tests).
    /// </summary>
    [Required]
    public string PageUrl { get; init; } = DefaultPageUrl;

    public const string DefaultPageUrl = "http://127.0.0.1:0";

    /// <summary>
    /// Print every command as it arrives (its JSON), including those left on the queue for serials not simulated
    /// here: <see cref="CommandListener"/>.
    /// </summary>
    public bool Listen { get; init; }

    /// <summary>A result the connector cannot take (down, 5xx) is re-posted for this long.</summary>
    public TimeSpan DeliveryPatience { get; init; } = TimeSpan.FromMinutes(5);
}

public sealed class SimulatedTerminal
{
    [Required]
    public string SerialNumber { get; init; } = "";

    [Required, MinLength(16)]
    public string Secret { get; init; } = "";

    public string Label { get; init; } = "";

    /// <summary>Manual terminals hold each charge for a button on the terminal page instead of the cents rules.</summary>
    public bool Manual { get; init; }
}
