namespace PosConnector.Core.Storage;

/// <summary>
/// How long a worker waits before trying storage again after a failure: doubling from half a second, capped so it
/// notices within seconds that an outage of any length is over.
/// </summary>
public static class StorageBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    public static TimeSpan Next(TimeSpan previous) =>
        previous < First ? First : previous * 2 > Max ? Max : previous * 2;
}
