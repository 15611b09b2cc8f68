using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using Stj = System.Text.Json.Serialization;

namespace PosConnector.Core.Json;

/// <summary>
/// Camel-case names, plus the BCL's System.Text.Json attributes the pure domain uses instead of Newtonsoft's (it has no
/// package references): <c>[JsonPropertyName]</c> names a member, and admits a non-public one (an alias setter such as
/// <c>sandboxMode</c> beside <c>sandBoxMode</c>; System.Text.Json itself, as the OpenAPI generator uses it, leaves such a
/// member out, so the two names never collide there); <c>[JsonIgnore]</c> leaves one out, always or when null.
/// </summary>
public sealed class DomainContractResolver : DefaultContractResolver
{
    public DomainContractResolver() => NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false };

    protected override List<MemberInfo> GetSerializableMembers(Type objectType)
    {
        var members = base.GetSerializableMembers(objectType);
        members.AddRange(objectType
            .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(p => p.IsDefined(typeof(Stj.JsonPropertyNameAttribute)) && !members.Contains(p)));
        return members;
    }

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (member.GetCustomAttribute<Stj.JsonPropertyNameAttribute>() is { } name)
        {
            property.PropertyName = name.Name;
        }

        if (member is PropertyInfo { SetMethod: { IsPublic: false } } && member.IsDefined(typeof(Stj.JsonPropertyNameAttribute)))
        {
            property.Writable = true;
        }

        switch (member.GetCustomAttribute<Stj.JsonIgnoreAttribute>()?.Condition)
        {
            case Stj.JsonIgnoreCondition.Always:
                property.Ignored = true;
                break;
            case Stj.JsonIgnoreCondition.WhenWritingNull:
                property.NullValueHandling = NullValueHandling.Ignore;
                break;
        }

        return property;
    }
}
