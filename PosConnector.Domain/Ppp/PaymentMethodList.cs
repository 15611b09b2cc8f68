namespace PosConnector.Domain.Ppp;

/// <summary>The List Payment Methods answer: the names the manifest declares.</summary>
public sealed record PaymentMethodList(IReadOnlyList<string> PaymentMethods)
{
    public static PaymentMethodList Default { get; } = new([.. Manifest.Default.PaymentMethods.Select(m => m.Name)]);
}
