namespace PosConnector.Standalone.Apis;

// Documentation shapes of bodies Core builds as anonymous objects; ApiDocumentTests checks real answers against them.

public sealed record PaymentMethodList(IReadOnlyList<string> PaymentMethods);

public sealed record TerminalList(IReadOnlyList<Core.Handlers.TerminalView> Terminals);

public sealed record HealthStatus(string Status);

public sealed record PreflightAccepted(string Status);
