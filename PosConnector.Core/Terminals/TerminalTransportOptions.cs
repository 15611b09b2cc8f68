using System.ComponentModel.DataAnnotations;

namespace PosConnector.Core.Terminals;

/// <summary>
/// Which channel carries terminal commands. The connector and the virtual terminal read the same setting, so one
/// value in local settings switches both.
/// </summary>
public sealed class TerminalTransportOptions
{
    public const string SectionName = "Terminals";

    /// <summary>
    /// <see cref="TerminalTransport.StorageQueue"/> by default, so a local run needs nothing but Azurite; the Bicep
    /// in infra/ sets <see cref="TerminalTransport.ServiceBus"/> for Azure.
    /// </summary>
    [EnumDataType(typeof(TerminalTransport), ErrorMessage = "Terminals:Transport must be StorageQueue or ServiceBus.")]
    public TerminalTransport Transport { get; init; } = TerminalTransport.StorageQueue;
}
