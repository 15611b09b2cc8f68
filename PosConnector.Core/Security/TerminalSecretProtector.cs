using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;

namespace PosConnector.Core.Security;

/// <summary>
/// Encrypts terminal secrets at rest with AES-256-GCM: <c>v1.&lt;key id&gt;.&lt;base64url(nonce | tag | ciphertext)&gt;</c>.
/// The serial number is associated data, so a ciphertext copied to another terminal's row does not decrypt.
/// The key id (a hash of the key, not the key) says which configured key decrypts a row, so keys can rotate.
/// </summary>
public sealed class TerminalSecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Used only in Development and Testing when no key is configured (the options validator refuses it elsewhere).
    // It is public knowledge: anything it protects is not secret.
    private static readonly byte[] DevelopmentKey = SHA256.HashData("PosConnector development terminal secret key"u8);

    private readonly byte[] _current;
    private readonly string _currentId;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public TerminalSecretProtector(IOptions<TerminalSecretOptions> options)
    {
        var o = options.Value;
        _current = o.SecretEncryptionKey.Length == 0 ? DevelopmentKey : Convert.FromBase64String(o.SecretEncryptionKey.Trim());
        _currentId = KeyId(_current);
        _keys[_currentId] = _current;
        foreach (var previous in o.PreviousSecretEncryptionKeys)
        {
            var key = Convert.FromBase64String(previous.Trim());
            _keys.TryAdd(KeyId(key), key);
        }
    }

    public static bool IsValidKey(string? base64)
    {
        var buffer = new byte[48];
        return base64 is not null && Convert.TryFromBase64String(base64.Trim(), buffer, out var length) && length == 32;
    }

    public string Protect(string serialNumber, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBox = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBox.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current, TagSize);
        aes.Encrypt(nonce, plain, sealedBox.AsSpan(NonceSize + TagSize), sealedBox.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(serialNumber));
        return $"{Version}.{_currentId}.{Base64Url.EncodeToString(sealedBox)}";
    }

    /// <summary>
    /// The secret, and whether its row should be re-encrypted (it used a previous key); null when no configured
    /// key opens it or the value was tampered with or moved to another serial number.
    /// </summary>
    public (string Secret, bool Stale)? Unprotect(string serialNumber, string stored)
    {
        var parts = stored.Split('.');
        if (parts is not [Version, var keyId, var box] || !_keys.TryGetValue(keyId, out var key))
        {
            return null;
        }

        try
        {
            var sealedBox = Base64Url.DecodeFromChars(box);
            if (sealedBox.Length < NonceSize + TagSize)
            {
                return null;
            }

            var plain = new byte[sealedBox.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBox.AsSpan(0, NonceSize), sealedBox.AsSpan(NonceSize + TagSize), sealedBox.AsSpan(NonceSize, TagSize),
                plain, Encoding.UTF8.GetBytes(serialNumber));
            return (Encoding.UTF8.GetString(plain), keyId != _currentId);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>A short public name for a key: the first 8 bytes of a domain-separated SHA-256, in hex.</summary>
    private static string KeyId(byte[] key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "PosConnector terminal secret key id:"u8, .. key]))[..16];
}
