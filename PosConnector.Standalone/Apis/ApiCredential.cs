using Microsoft.OpenApi;
using PosConnector.Core.Http;

namespace PosConnector.Standalone.Apis;

/// <summary>How a caller proves who it is, as an OpenAPI security scheme.</summary>
public sealed record ApiCredential(string Scheme, string Name, ParameterLocation In, string Description)
{
    public static ApiCredential VtexAppKey { get; } = new("VtexAppKey", "X-VTEX-API-AppKey", ParameterLocation.Header,
        "The merchant's AppKey as configured in VTEX (Vtex:Merchants). The Test Suite may send it empty with X-VTEX-API-Is-TestSuite: true.");

    public static ApiCredential VtexAppToken { get; } = new("VtexAppToken", "X-VTEX-API-AppToken", ParameterLocation.Header,
        "The AppToken paired with the AppKey.");

    public static ApiCredential SubmitToken { get; } = new("SubmitToken", "token", ParameterLocation.Query,
        "The signed token inside the submitUrl the connector returned in paymentAppData.payload; use the URL as given.");

    public static ApiCredential TerminalSignature { get; } = new("TerminalSignature", Domain.Terminals.TerminalSignature.HeaderName,
        ParameterLocation.Header, "t=<unix seconds>,v1=<hex HMAC-SHA256(terminal secret, \"<t>.<raw body>\")>; the timestamp must be within 5 minutes.");

    public static ApiCredential AdminKey { get; } = new("AdminKey", AdminEndpoints.AdminKeyHeader, ParameterLocation.Header,
        "The operator key (Connector:AdminKey).");

    public static IReadOnlyList<ApiCredential> All { get; } = [VtexAppKey, VtexAppToken, SubmitToken, TerminalSignature, AdminKey];

    public OpenApiSecurityScheme ToSecurityScheme() =>
        new() { Type = SecuritySchemeType.ApiKey, Name = Name, In = In, Description = Description };
}

/// <summary>Endpoint metadata: every credential in the set is required together.</summary>
public sealed record ApiCredentialSet(params ApiCredential[] Credentials);
