using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>A result this process posted and the connector's HTTP status (null when it never got through).</summary>
public sealed record PostedResult(DateTimeOffset At, string SerialNumber, TerminalResult Result, int? ConnectorStatus);
