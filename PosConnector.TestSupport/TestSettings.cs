namespace PosConnector.TestSupport;

/// <summary>The credentials and timings every end-to-end test host uses.</summary>
public static class TestSettings
{
    /// <summary>The merchant every test payment belongs to (the <c>merchantName</c> of <see cref="Payments.Create"/>).</summary>
    public const string MerchantName = "teststore";
    public const string MerchantAppKey = "vtexappkey-merchant";
    public const string MerchantAppToken = "merchant-app-token-0123456789";

    /// <summary>The same merchant's second live pair (key rotation).</summary>
    public const string RotatedAppKey = "vtexappkey-merchant-rotated";
    public const string RotatedAppToken = "merchant-rotated-app-token-0123456789";

    /// <summary>A second merchant served by the same deployment.</summary>
    public const string OtherMerchantName = "otherstore";
    public const string OtherAppKey = "vtexappkey-other";
    public const string OtherAppToken = "other-merchant-app-token-0123456789";
    public const string PartnerAppKey = "vtexappkey-partner";
    public const string PartnerAppToken = "partner-app-token-0123456789";
    public const string AdminKey = "test-admin-key-0123456789";
    public const string SubmitTokenSecret = "test-submit-token-secret-0123456789-abcdef";
    public const string SecretEncryptionKey = "dGVzdC10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM0NTY="; // 32 bytes
    public const int TerminalTimeoutSeconds = 3;
    public const int SecondsWaiting = 30;

    public static Dictionary<string, string?> Connector(string storageConnectionString, string prefix, string baseUrl) => new()
    {
        [$"Vtex:Merchants:{MerchantName}:Credentials:0:AppKey"] = MerchantAppKey,
        [$"Vtex:Merchants:{MerchantName}:Credentials:0:AppToken"] = MerchantAppToken,
        [$"Vtex:Merchants:{MerchantName}:Credentials:1:AppKey"] = RotatedAppKey,
        [$"Vtex:Merchants:{MerchantName}:Credentials:1:AppToken"] = RotatedAppToken,
        [$"Vtex:Merchants:{OtherMerchantName}:Credentials:0:AppKey"] = OtherAppKey,
        [$"Vtex:Merchants:{OtherMerchantName}:Credentials:0:AppToken"] = OtherAppToken,
        ["Vtex:AllowLoopbackCallbacks"] = "true",
        ["Vtex:CallbackAppKey"] = PartnerAppKey,
        ["Vtex:CallbackAppToken"] = PartnerAppToken,
        ["Vtex:AllowEmptyTestSuiteCredentials"] = "true",
        ["Connector:PublicBaseUrl"] = baseUrl,
        ["Connector:SubmitTokenSecret"] = SubmitTokenSecret,
        ["Connector:AdminKey"] = AdminKey,
        ["Connector:MaxRequestBodyBytes"] = "65536",
        ["Terminals:SecretEncryptionKey"] = SecretEncryptionKey,
        ["Storage:ConnectionString"] = storageConnectionString,
        ["Storage:Prefix"] = prefix,
        ["Storage:TerminalCommandsQueue"] = prefix + "-commands",
        ["Storage:OutboxReminderDelay"] = "00:00:02",
        ["Payments:SecondsWaiting"] = SecondsWaiting.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Payments:TerminalTimeoutSeconds"] = TerminalTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Payments:TestSuiteCallbackDelaySeconds"] = "1",
        ["Callbacks:FirstRetryDelay"] = "00:00:00.200",
        ["Callbacks:MaxRetryDelay"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Error",
    };

    public static Dictionary<string, string?> VirtualTerminal(string storageConnectionString, string prefix, string connectorUrl, params string[] serials)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:Prefix"] = prefix,
            ["Storage:TerminalCommandsQueue"] = prefix + "-commands",
            ["VirtualTerminal:ConnectorUrl"] = connectorUrl,
            ["VirtualTerminal:AdminKey"] = AdminKey,
            ["VirtualTerminal:MerchantName"] = MerchantName,
            ["VirtualTerminal:AnswerDelay"] = "00:00:00.100",
            ["VirtualTerminal:LateApprovalDelay"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Error",
        };
        for (var i = 0; i < serials.Length; i++)
        {
            settings[$"VirtualTerminal:Terminals:{i}:SerialNumber"] = serials[i];
            settings[$"VirtualTerminal:Terminals:{i}:Secret"] = SecretFor(serials[i]);
        }

        return settings;
    }

    public static string SecretFor(string serial) => $"secret-of-{serial}-0123456789";
}
