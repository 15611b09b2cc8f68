using PosConnector.Domain.Ppp;

namespace PosConnector.Core.Json;

/// <summary>The amount paths of one request type as a tree, walked in step with the JSON reader.</summary>
public sealed class AmountFields
{
    private readonly Dictionary<string, AmountFields> _members = new(StringComparer.OrdinalIgnoreCase);

    private AmountFields()
    {
    }

    /// <summary>No amount anywhere: only the strict syntax check runs.</summary>
    public static AmountFields None { get; } = new();

    /// <summary>This node's value must be a JSON number.</summary>
    public bool IsAmount { get; private set; }

    /// <summary>The node for each element when this node is an array.</summary>
    public AmountFields? Element { get; private set; }

    /// <summary>The amount fields <typeparamref name="T"/> declares with <see cref="AmountFieldsAttribute"/>, built once.</summary>
    public static AmountFields For<T>() => Cache<T>.Fields;

    public static AmountFields Of(params string[] paths)
    {
        var root = new AmountFields();
        foreach (var path in paths)
        {
            var node = root;
            foreach (var segment in path.Split('.'))
            {
                var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
                var name = isArray ? segment[..^2] : segment;
                if (!node._members.TryGetValue(name, out var child))
                {
                    node._members[name] = child = new AmountFields();
                }

                node = isArray ? child.Element ??= new AmountFields() : child;
            }

            node.IsAmount = true;
        }

        return root;
    }

    /// <summary>The node for member <paramref name="name"/> of this object, or null when no amount lies under it.</summary>
    public AmountFields? Member(string name) => _members.Count == 0 ? null : _members.GetValueOrDefault(name);

    private static class Cache<T>
    {
        public static readonly AmountFields Fields =
            typeof(T).GetCustomAttributes(typeof(AmountFieldsAttribute), inherit: false) is [AmountFieldsAttribute a, ..]
                ? Of([.. a.Paths])
                : None;
    }
}
