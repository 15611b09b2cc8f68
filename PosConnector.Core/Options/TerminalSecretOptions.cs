namespace PosConnector.Core.Options;

/// <summary>
/// The keys that encrypt terminal secrets at rest (AES-256-GCM). In Azure both settings are Key Vault references.
/// Rotation: put the new key in <see cref="SecretEncryptionKey"/> and the old one in <see cref="PreviousSecretEncryptionKeys"/>;
/// rows are re-encrypted with the new key when next read.
/// </summary>
public sealed class TerminalSecretOptions
{
    public const string SectionName = "Terminals";

    /// <summary>Base64 of 32 random bytes. Required outside Development and Testing (which fall back to a public development key).</summary>
    public string SecretEncryptionKey { get; init; } = "";

    /// <summary>Retired keys (base64, 32 bytes each), accepted for decryption only.</summary>
    public IList<string> PreviousSecretEncryptionKeys { get; init; } = [];
}
