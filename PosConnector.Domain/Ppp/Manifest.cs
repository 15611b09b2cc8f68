namespace PosConnector.Domain.Ppp;

/// <summary>
/// The provider manifest: the two POS methods and the Store code field. It declares no <c>autoSettleDelay</c>, whose
/// capture choices (such as capture when invoiced) mean nothing for a sale the terminal captured (docs/protocol.md §3.1).
/// </summary>
public sealed record Manifest(
    IReadOnlyList<ManifestPaymentMethod> PaymentMethods,
    IReadOnlyList<ManifestCustomField> CustomFields)
{
    public const string CreditMethod = "Venda Direta Credito";
    public const string DebitMethod = "Venda Direta Debito";

    public static Manifest Default { get; } = new(
        [new(CreditMethod, "disabled"), new(DebitMethod, "disabled")],
        [new("Store code", "text")]);
}

public sealed record ManifestPaymentMethod(string Name, string AllowsSplit);

public sealed record ManifestCustomField(string Name, string Type);
