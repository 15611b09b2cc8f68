namespace PosConnector.Domain.Ppp;

public sealed record Manifest(
    IReadOnlyList<ManifestPaymentMethod> PaymentMethods,
    IReadOnlyList<ManifestCustomField> CustomFields,
    ManifestAutoSettleDelay AutoSettleDelay)
{
    public const string CreditMethod = "Venda Direta Credito";
    public const string DebitMethod = "Venda Direta Debito";

    public static Manifest Default { get; } = new(
        [new(CreditMethod, "disabled"), new(DebitMethod, "disabled")],
        [new("Store code", "text")],
        new("0", "168"));
}

public sealed record ManifestPaymentMethod(string Name, string AllowsSplit);

public sealed record ManifestCustomField(string Name, string Type);

/// <summary>Whole hours, as strings (docs/protocol.md §3.1).</summary>
public sealed record ManifestAutoSettleDelay(string Minimum, string Maximum);
