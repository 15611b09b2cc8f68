using System.Security.Cryptography;
using System.Text;

namespace PosConnector.Domain.Security;

public static class SecretComparer
{
    /// <summary>Constant-time comparison (timing does not reveal how much of a secret matched).</summary>
    public static bool AreEqual(string? presented, string expected)
    {
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? ""));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b) && presented is not null;
    }
}
