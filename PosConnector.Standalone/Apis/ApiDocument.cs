using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Newtonsoft.Json.Serialization;
using PosConnector.Core.Json;
using Scalar.AspNetCore;

namespace PosConnector.Standalone.Apis;

/// <summary>
/// The OpenAPI document of every route (/openapi/v1.json) and an interactive page (/scalar/v1), Development only.
/// Bodies are written by Newtonsoft (<see cref="PosConnectorJson"/>), but schemas come from System.Text.Json type
/// info, so <see cref="MirrorNewtonsoft"/> makes that type info use Newtonsoft's names and drop what it ignores.
/// </summary>
public static partial class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        // Only the schema generator reads these options: every route writes its body with Newtonsoft.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // Newtonsoft writes numbers as numbers; STJ's web default would document "number or string".
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(MirrorNewtonsoft);
        });
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "PosConnector",
                    Version = "v1",
                    Description = "VTEX Payment Provider Protocol connector for in-store POS terminals. "
                        + "PPP routes are called by the VTEX Gateway, the submit route by the terminal-connector app, "
                        + "the results route by terminals, the admin routes by operators.",
                };
                // The document is committed (docs/openapi.json): no host- or port-specific servers.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = ApiCredential.All.ToDictionary(
                    c => c.Scheme, c => (IOpenApiSecurityScheme)c.ToSecurityScheme());
                return Task.CompletedTask;
            });
            // Core's XML comments cite the protocol digest's sections, which users do not have.
            o.AddSchemaTransformer((schema, _, _) =>
            {
                schema.Description = schema.Description is { } d ? DigestCitation().Replace(d, "") : null;
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var credentials = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiCredentialSet>().LastOrDefault();
                if (credentials is not null)
                {
                    var requirement = new OpenApiSecurityRequirement();
                    foreach (var c in credentials.Credentials)
                    {
                        requirement[new OpenApiSecuritySchemeReference(c.Scheme, context.Document)] = [];
                    }

                    operation.Security = [requirement];
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static void MapApiDocument(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        // The page's script is served from the package itself (no CDN); fonts, telemetry and the AI agent would call out: off.
        app.MapScalarApiReference(o => o.WithTitle("PosConnector API")
            .DisableDefaultFonts().DisableTelemetry().DisableAgent().HideDeveloperTools());
    }

    [GeneratedRegex(@"\s*\(spec §[0-9.]+\)")]
    private static partial Regex DigestCitation();

    /// <summary>Uses Newtonsoft's property names (camelCase, [JsonProperty]) and drops what Newtonsoft ignores.</summary>
    private static void MirrorNewtonsoft(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object
            || PosConnectorJson.Settings.ContractResolver?.ResolveContract(info.Type) is not JsonObjectContract contract)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var member = (info.Properties[i].AttributeProvider as MemberInfo)?.Name;
            var match = contract.Properties.FirstOrDefault(p => p.UnderlyingName == member && !p.Ignored);
            if (match?.PropertyName is { } name)
            {
                info.Properties[i].Name = name;
            }
            else
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
