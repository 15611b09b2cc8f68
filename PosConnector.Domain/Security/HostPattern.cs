namespace PosConnector.Domain.Security;

/// <summary>Host allow-list patterns: an exact host, or <c>*.example.com</c> for any subdomain (not example.com itself).</summary>
public static class HostPattern
{
    public static bool Matches(string pattern, string host)
    {
        pattern = pattern.Trim().TrimEnd('.');
        host = host.TrimEnd('.');
        return pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.Length > pattern.Length - 1 && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
    }
}
