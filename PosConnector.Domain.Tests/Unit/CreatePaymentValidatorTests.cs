using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;
using PosConnector.Domain.Terminals;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Create Payment validation: what a request must hold, the defaults and the limits.</summary>
public sealed class CreatePaymentValidatorTests
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

    [Fact]
    public void CreatePaymentValidator_ReferenceAndOrderIdBothTooLong_NamesTheReference()
    {
        var (_, error) = CreatePaymentValidator.Validate(Valid() with
        {
            Reference = new string('r', FieldLimits.OrderText + 1), OrderId = new string('o', FieldLimits.OrderText + 1),
        }, null);

        Assert.Equal($"reference is longer than {FieldLimits.OrderText} characters.", error!.Message);
    }

    [Theory]
    [InlineData("http://gw.example/cb")]
    [InlineData("https://gw.example/cb")]
    public void CreatePaymentValidator_HttpOrHttpsCallback_IsAccepted(string callbackUrl)
    {
        var (order, error) = CreatePaymentValidator.Validate(Valid() with { CallbackUrl = callbackUrl }, null);

        Assert.Null(error);
        Assert.Equal(callbackUrl, order!.CallbackUrl);
    }
}
