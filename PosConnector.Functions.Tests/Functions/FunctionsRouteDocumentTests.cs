using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Newtonsoft.Json.Linq;
using PosConnector.Functions.Http;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// The Functions host's HTTP triggers against the committed docs/openapi.json (which the standalone host generates and
/// EndToEnd/ApiDocumentTests keeps true): every documented path and method has a trigger, and every trigger is
/// documented. Nothing is left out on either side: the document omits only the standalone host's own /openapi and
/// /scalar pages, which the Functions host does not serve, and the Functions runtime's built-in /admin and /runtime
/// routes are not [Function] triggers.
/// </summary>
[Trait("Category", "Functions")]
public sealed class FunctionsRouteDocumentTests
{
    private static readonly string RepositoryRoot = TestEnvironment.RepositoryRoot;

    [Fact]
    public void HttpTriggers_AreExactlyTheDocumentedRoutesAndMethods()
    {
        var document = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "openapi.json")));
        var documented = ((JObject)document["paths"]!).Properties()
            .SelectMany(path => ((JObject)path.Value).Properties().Select(method => Operation(method.Name, path.Name)))
            .ToHashSet(StringComparer.Ordinal);

        var triggered = Triggers().ToList();

        Assert.True(triggered.Count >= 16, $"Only {triggered.Count} trigger routes found.");
        Assert.Equal(triggered.Count, triggered.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(documented.Except(triggered));
        Assert.Empty(triggered.Except(documented));
    }

    [Fact]
    public void HostJson_RoutePrefix_IsEmpty_SoTriggerRoutesAreThePublicPaths()
    {
        var host = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "host.json")));

        Assert.Equal("", (string?)host.SelectToken("extensions.http.routePrefix"));
    }

    /// <summary>"GET /api/payments/{paymentId}" for each method of each [HttpTrigger] of a [Function].</summary>
    private static IEnumerable<string> Triggers() =>
        from type in typeof(PppFunctions).Assembly.GetTypes()
        from method in type.GetMethods()
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where trigger is not null
        from verb in trigger.Methods ?? []
        select Operation(verb, "/" + trigger.Route);

    private static string Operation(string method, string path) => $"{method.ToUpperInvariant()} {path}";
}
