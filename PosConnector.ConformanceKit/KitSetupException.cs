namespace PosConnector.ConformanceKit;

/// <summary>The run could not start (the played terminal could not be registered): reported as a usage error, not as checks.</summary>
public sealed class KitSetupException(string message) : Exception(message);
