using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace PosConnector.Functions.Tests.Infra;

/// <summary>
/// One resource of a compiled ARM template, with the template that declares it (modules compile to nested
/// deployments, each with its own parameters and variables).
/// </summary>
public sealed partial record ArmResource(JObject Json, JObject Template)
{
    public string Type => (string?)Json["type"] ?? "";

    /// <summary>True for <c>existing</c> references, which deploy nothing.</summary>
    public bool IsExisting => (bool?)Json["existing"] ?? false;

    /// <summary>True when the resource is deployed only if a condition holds.</summary>
    public bool IsConditional => Json["condition"] is not null;

    public JToken Properties => Json["properties"] ?? new JObject();

    /// <summary>Every resource in <paramref name="template"/>, including those of nested deployment templates.</summary>
    public static IEnumerable<ArmResource> EnumerateAll(JObject template)
    {
        foreach (var resource in ResourcesOf(template))
        {
            yield return new ArmResource(resource, template);

            foreach (var child in ResourcesOf(resource))
            {
                yield return new ArmResource(child, template);
            }

            if (resource["properties"]?["template"] is JObject nested)
            {
                foreach (var inner in EnumerateAll(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Every template: <paramref name="template"/> and each nested deployment template, depth first.</summary>
    public static IEnumerable<JObject> EnumerateTemplates(JObject template)
    {
        yield return template;
        foreach (var resource in ResourcesOf(template))
        {
            if (resource["properties"]?["template"] is JObject nested)
            {
                foreach (var inner in EnumerateTemplates(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Replaces each <c>variables('name')</c> that names a string variable with its quoted value.</summary>
    public string ResolveVariables(string expression) =>
        VariableReference().Replace(expression, match =>
            Template["variables"]?[match.Groups["name"].Value] is JValue { Type: JTokenType.String } value
                ? $"'{value}'"
                : match.Value);

    // languageVersion 2.0 (user-defined types) keys resources by symbolic name; 1.0 lists them in an array.
    private static IEnumerable<JObject> ResourcesOf(JToken owner) => owner["resources"] switch
    {
        JArray list => list.OfType<JObject>(),
        JObject bySymbolicName => bySymbolicName.Properties().Select(property => property.Value).OfType<JObject>(),
        _ => [],
    };

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();
}
