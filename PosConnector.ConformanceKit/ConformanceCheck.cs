namespace PosConnector.ConformanceKit;

/// <summary>One named check: the VTEX source it enforces and what it does against the deployment.</summary>
public sealed record ConformanceCheck(string Name, string Source, string Description, Func<CheckContext, Task> RunAsync);
