using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Security;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;
using PosConnector.Domain.Security;
using PosConnector.Domain.Terminals;
using Xunit;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>The rules at the edge: request validation, credentials, submit tokens and option cross-checks.</summary>
public sealed class EdgeRulesTests
{
    private static CreatePaymentRequest Valid() => new()
    {
        PaymentId = "PAY-1", TransactionId = "TX1", Reference = "R1", OrderId = "O1", PaymentMethod = "Venda Direta Credito",
        MerchantName = "store", Value = 31.90m, Currency = "BRL", Installments = 3, CallbackUrl = "https://gw.example/cb?X-VTEX-signature=s",
    };

    [Fact]
    public void CreatePaymentValidator_ValidRequest_BuildsTheOrder()
    {
        var (order, error) = CreatePaymentValidator.Validate(Valid(), null);

        Assert.Null(error);
        Assert.Equal(new PaymentOrder("TX1", "R1", "O1", 31.90m, "BRL", 3, CardType.Credit, "https://gw.example/cb?X-VTEX-signature=s", "store"), order);
    }

    [Fact]
    public void CreatePaymentValidator_MissingOptionalFields_DefaultsThem()
    {
        var (order, _) = CreatePaymentValidator.Validate(Valid() with { Installments = null, Reference = null, OrderId = null, MerchantName = null, PaymentMethod = "Venda Direta Debito" }, null);

        Assert.Equal((1, "", "", "", CardType.Debit), (order!.Installments, order.Reference, order.OrderId, order.MerchantName, order.CardType));
    }

    public static TheoryData<CreatePaymentRequest, string> Invalid() => new()
    {
        { Valid() with { PaymentId = null }, "paymentId" },
        { Valid() with { PaymentId = "has space" }, "paymentId" },
        { Valid() with { PaymentId = new string('a', 65) }, "paymentId" },
        { Valid() with { TransactionId = " " }, "transactionId" },
        { Valid() with { TransactionId = new string('t', 65) }, "transactionId" },
        { Valid() with { Value = null }, "value" },
        { Valid() with { Value = 0m }, "value" },
        { Valid() with { Value = 1_000_000_000.01m }, "value" },
        { Valid() with { Value = 1.00001m }, "decimal places" },
        { Valid() with { Currency = "brl" }, "currency" },
        { Valid() with { Currency = null }, "currency" },
        { Valid() with { Installments = -1 }, "installments" },
        { Valid() with { Installments = 100 }, "installments" },
        { Valid() with { CallbackUrl = "ftp://x.example/cb" }, "callbackUrl" },
        { Valid() with { CallbackUrl = "/relative" }, "callbackUrl" },
        { Valid() with { CallbackUrl = "https://gw.example/" + new string('c', 2030) }, "callbackUrl is longer than 2048" },
        { Valid() with { Reference = new string('r', 101) }, "reference is longer than 100" },
        { Valid() with { OrderId = new string('o', 101) }, "orderId is longer than 100" },
        { Valid() with { PaymentMethod = null }, "paymentMethod" },
        { Valid() with { PaymentMethod = "Visa" }, "not supported" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void CreatePaymentValidator_InvalidField_NamesIt(CreatePaymentRequest request, string mention)
    {
        var (order, error) = CreatePaymentValidator.Validate(request, null);

        Assert.Null(order);
        Assert.Equal(CreatePaymentValidator.InvalidRequest, error!.Code);
        Assert.Contains(mention, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Venda Direta Credito", 0, 1)]
    [InlineData("Venda Direta Debito", 0, 1)]
    [InlineData("Venda Direta Debito", 1, 1)]
    [InlineData("Venda Direta Credito", 12, 12)]
    public void CreatePaymentValidator_ZeroInstallments_IsOneSinglePayment(string method, int installments, int stored)
    {
        var (order, error) = CreatePaymentValidator.Validate(Valid() with { PaymentMethod = method, Installments = installments }, null);

        Assert.Null(error);
        Assert.Equal(stored, order!.Installments);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(99)]
    public void CreatePaymentValidator_DebitInInstallments_IsRefusedWithItsOwnCode(int installments)
    {
        var (order, error) = CreatePaymentValidator.Validate(Valid() with { PaymentMethod = "Venda Direta Debito", Installments = installments }, null);

        Assert.Null(order);
        Assert.Equal(CreatePaymentValidator.DebitInstallments, error!.Code);
        Assert.Contains($"{installments} installments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePaymentValidator_BoundaryValues_AreAccepted()
    {
        var edges = new[]
        {
            Valid() with { TransactionId = new string('t', 64), PaymentId = new string('p', 64) },
            Valid() with { Value = 1_000_000_000m },
            Valid() with { Value = 0.0001m },
            Valid() with { Installments = 1 },
            Valid() with { Installments = 99 },
        };

        Assert.All(edges, r => Assert.Null(CreatePaymentValidator.Validate(r, null).Error));
    }

    [Fact]
    public void CreatePaymentValidator_TextsAtTheirLimits_AreKeptWhole()
    {
        var (order, error) = CreatePaymentValidator.Validate(Valid() with
        {
            Reference = new string('r', FieldLimits.OrderText), OrderId = new string('o', FieldLimits.OrderText),
            CallbackUrl = "https://gw.example/" + new string('c', FieldLimits.CallbackUrl - 19),
        }, null);

        Assert.Null(error);
        Assert.Equal((100, 100, 2048), (order!.Reference.Length, order.OrderId.Length, order.CallbackUrl.Length));
    }

    [Fact]
    public void CreatePaymentValidator_LongMerchantName_IsClippedTo100Characters()
    {
        var (order, _) = CreatePaymentValidator.Validate(Valid() with { MerchantName = new string('m', 150) }, null);

        Assert.Equal(new string('m', 100), order!.MerchantName);
    }

    [Fact]
    public void CreatePaymentValidator_TestSuiteFlow_AcceptsCardMethods()
    {
        var (order, error) = CreatePaymentValidator.Validate(Valid() with { PaymentMethod = "Visa" }, TestSuiteFlow.Approved);

        Assert.Null(error);
        Assert.Equal(CardType.Credit, order!.CardType);
    }

    [Theory]
    [InlineData("X-VTEX-API-AppKey", "X-VTEX-API-AppToken")]
    [InlineData("X-PROVIDER-API-AppKey", "X-PROVIDER-API-AppToken")]
    public void VtexCredentialVerifier_EitherHeaderFamily_MatchesAnyConfiguredPair(string keyHeader, string tokenHeader)
    {
        var verifier = Verifier(allowEmptyTestSuite: false);

        Assert.True(verifier.IsAuthorized(Headers((keyHeader, "k2"), (tokenHeader, "t2")), isTestSuite: false));
        Assert.False(verifier.IsAuthorized(Headers((keyHeader, "k1"), (tokenHeader, "t2")), isTestSuite: false));
        Assert.False(verifier.IsAuthorized(Headers((keyHeader, "k2")), isTestSuite: false));
        Assert.False(verifier.IsAuthorized(Headers((tokenHeader, "t2")), isTestSuite: false));
    }

    [Fact]
    public void VtexCredentialVerifier_EmptyCredentials_OnlyForTheTestSuiteWhenAllowed()
    {
        var empty = Headers(("X-VTEX-API-AppKey", ""), ("X-VTEX-API-AppToken", ""));

        Assert.True(Verifier(allowEmptyTestSuite: true).IsAuthorized(empty, isTestSuite: true));
        Assert.False(Verifier(allowEmptyTestSuite: true).IsAuthorized(empty, isTestSuite: false));
        Assert.False(Verifier(allowEmptyTestSuite: false).IsAuthorized(empty, isTestSuite: true));
        Assert.False(Verifier(allowEmptyTestSuite: true).IsAuthorized(Headers(("X-VTEX-API-AppKey", "k1")), isTestSuite: true));
    }

    [Fact]
    public void SecretComparer_AreEqual_ComparesWholeValues()
    {
        Assert.True(SecretComparer.AreEqual("secret", "secret"));
        Assert.False(SecretComparer.AreEqual("secre", "secret"));
        Assert.False(SecretComparer.AreEqual("secret2", "secret"));
        Assert.False(SecretComparer.AreEqual(null, ""));
        Assert.True(SecretComparer.AreEqual("", ""));
    }

    [Fact]
    public void SubmitUrlSigner_Token_IsBoundToThePaymentAndTheSecret()
    {
        var signer = Signer("first-secret-0123456789-0123456789");
        var other = Signer("other-secret-0123456789-0123456789");
        var token = signer.TokenFor("PAY-1");

        Assert.True(signer.IsValid("PAY-1", token));
        Assert.False(signer.IsValid("PAY-2", token));
        Assert.False(other.IsValid("PAY-1", token));
        Assert.False(signer.IsValid("PAY-1", null));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal($"https://pos.example/api/pos/payments/PAY-1/serial?token={token}", signer.SubmitUrlFor("PAY-1"));
    }

    [Theory]
    [InlineData(150, 180, 600, null)]
    [InlineData(180, 180, 600, "TerminalTimeoutSeconds")]
    [InlineData(150, 700, 600, "DelayToCancelSeconds")]
    public void PaymentOptions_Validate_KeepsTheTimeoutsInOrder(int terminal, int waiting, int cancel, string? mention)
    {
        var error = PaymentOptions.Validate(new PaymentOptions { TerminalTimeoutSeconds = terminal, SecondsWaiting = waiting, DelayToCancelSeconds = cancel });

        if (mention is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(mention, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("T-1", true)]
    [InlineData("SN.0001_a", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("slash/no", false)]
    public void Identifiers_IsSerialNumber_AcceptsTableSafeSerials(string serial, bool expected) =>
        Assert.Equal(expected, Identifiers.IsSerialNumber(serial));

    [Fact]
    public void Identifiers_IsRequestId_RefusesControlCharactersAndLongValues()
    {
        Assert.True(Identifiers.IsRequestId("2019-02-04T22:53:42-40000"));
        Assert.False(Identifiers.IsRequestId("a\nb"));
        Assert.False(Identifiers.IsRequestId(new string('r', 129)));
        Assert.True(Identifiers.IsRequestId(new string('r', 128)));
        Assert.False(Identifiers.IsRequestId(null));
    }

    private static VtexCredentialVerifier Verifier(bool allowEmptyTestSuite) => new(Options.Create(new VtexOptions
    {
        Merchants = new() { ["0"] = new() { AppKey = "k1", AppToken = "t1" }, ["1"] = new() { AppKey = "k2", AppToken = "t2" } },
        CallbackAppKey = "p", CallbackAppToken = "p",
        AllowEmptyTestSuiteCredentials = allowEmptyTestSuite,
    }));

    private static SubmitUrlSigner Signer(string secret) =>
        new(Options.Create(new ConnectorOptions { PublicBaseUrl = "https://pos.example/", SubmitTokenSecret = secret }));

    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
