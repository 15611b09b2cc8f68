namespace PosConnector.Domain.Ppp;

/// <summary>
/// Declares where a request body carries money, as paths such as <c>value</c> or <c>miniCart.items[].price</c>
/// (<c>[]</c> = every element of an array). The HTTP edge's strict JSON check refuses any of them that is not a JSON number
/// (or null), because Newtonsoft would otherwise read <c>"29,90"</c> as 2990. Names match case-insensitively, as
/// Newtonsoft binds them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AmountFieldsAttribute(params string[] paths) : Attribute
{
    public IReadOnlyList<string> Paths { get; } = paths;
}
