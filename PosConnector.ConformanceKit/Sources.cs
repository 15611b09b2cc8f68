namespace PosConnector.ConformanceKit;

/// <summary>The VTEX pages the checks enforce, tagged as in docs/protocol.md §1 so a report line leads to its rule.</summary>
public static class Sources
{
    public const string Oas = "OAS https://developers.vtex.com/docs/api-reference/payment-provider-protocol";
    public const string Pos = "POS https://developers.vtex.com/docs/guides/payments-integration-ppp-applied-to-pos";
    public const string PayApp = "PAYAPP https://developers.vtex.com/docs/guides/payments-integration-payment-app";
    public const string Homol = "HOMOL https://developers.vtex.com/docs/guides/payments-integration-payment-provider-homologation";
    public const string HelpCenter = "HC https://help.vtex.com/en/docs/tutorials/payment-provider-protocol";
    public const string Flows = "FLOWS https://developers.vtex.com/docs/guides/payments-integration-purchase-flows";
    public const string Signature = "SIG https://help.vtex.com/en/announcements/2024-05-03-callback-url-signature-authentication-token";
    public const string Terminal = "docs/terminal-integration.md (the connector's terminal contract)";
}
