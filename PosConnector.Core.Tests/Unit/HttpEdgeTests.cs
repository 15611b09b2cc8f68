using PosConnector.Core.Http;
using PosConnector.Domain.Ppp;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The HTTP edge: parsing bodies (amounts must be JSON numbers) and Kestrel faults as PPP errors.</summary>
public sealed class HttpEdgeTests
{
    [Fact]
    public void ParseJson_NaNValue_IsA400InvalidJsonBeforeNewtonsoftSeesIt()
    {
        var (value, error) = HttpEdge.ParseJson<CreatePaymentRequest>("""{"paymentId": "P1", "value": NaN}""");

        Assert.Null(value);
        Assert.Equal(400, error!.StatusCode);
        Assert.Equal("invalid-json", ((PppError)error.Body).Code);
    }

    public static TheoryData<string, string> AmountsNotNumbers() => new()
    {
        { """{"paymentId": "P1", "value": "29,90"}""", "value must be a JSON number such as 29.90, not a string" },
        { """{"paymentId": "P1", "value": "29.90"}""", "value must be" },
        { """{"paymentId": "P1", "Value": "29.90"}""", "Value must be" },
        { """{"paymentId": "P1", "\u0076alue": "29.90"}""", "value must be" },
        { """{"value": 29.90, "referenceValue": "29.90"}""", "referenceValue must be" },
        { """{"value": 29.90, "installmentsValue": true}""", "installmentsValue must be a JSON number such as 29.90, not a boolean" },
        { """{"value": 29.90, "referenceValue": {"amount": 29.90}}""", "referenceValue must be a JSON number such as 29.90, not an object" },
        { """{"value": [29.90]}""", "value must be a JSON number such as 29.90, not an array" },
        { """{"value": 29.90, "miniCart": {"items": [{"price": 1.5}, {"id": "2", "price": "1,50"}]}}""", "miniCart.items[1].price must be" },
        { """{"value": 29.90, "MiniCart": {"Items": [{"Price": "1.50"}]}}""", "MiniCart.Items[0].Price must be" },
    };

    [Theory]
    [MemberData(nameof(AmountsNotNumbers))]
    public void ParseJson_CreatePaymentAmountNotANumber_IsA400NamingTheFieldNotItsValue(string json, string mention)
    {
        var (value, error) = HttpEdge.ParseJson<CreatePaymentRequest>(json);

        Assert.Null(value);
        Assert.Equal(400, error!.StatusCode);
        var body = (PppError)error.Body;
        Assert.Equal("amount-not-a-number", body.Code);
        Assert.Contains(mention, body.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("29,90", body.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"value": 29.90, "referenceValue": null, "installmentsValue": 2990e-2, "miniCart": {"items": [{"price": 1}, {"price": null}]}}""")]
    [InlineData("""{"value": 29.90, "merchantSettings": [{"name": "Store code", "value": "12"}], "connectorMetadata": [{"name": "k", "value": "v"}]}""")]
    [InlineData("""{"value": 29.90, "miniCart": {"shippingValue": 2, "items": [{"id": "29,90", "name": "price"}]}, "items": [{"price": "x"}]}""")]
    [InlineData("""{"value": 29.90, "card": {"number": "4111", "value": "x"}, "price": "text elsewhere"}""")]
    public void ParseJson_CreatePaymentAmountsAsNumbersAndOtherValueFieldsAsText_Pass(string json)
    {
        var (value, error) = HttpEdge.ParseJson<CreatePaymentRequest>(json);

        Assert.Null(error);
        Assert.Equal(29.90m, value!.Value);
    }

    [Theory]
    [InlineData("""{"requestId": "R1", "value": "10,50"}""")]
    [InlineData("""{"requestId": "R1", "VALUE": "10.50"}""")]
    public void ParseJson_OperationValueNotANumber_IsA400(string json)
    {
        var (_, error) = HttpEdge.ParseJson<PaymentOperationRequest>(json);

        Assert.Equal("amount-not-a-number", ((PppError)error!.Body).Code);
    }

    [Fact]
    public void ParseJson_BodyWithoutAmountFields_KeepsStringValues()
    {
        var (value, error) = HttpEdge.ParseJson<InboundRequest>("""{"requestId": "I1", "value": "29,90"}""");

        Assert.Null(error);
        Assert.Equal("I1", value!.RequestId);
    }

    [Fact]
    public void ParseJson_StrictBody_StillBindsLikeBefore()
    {
        var (value, error) = HttpEdge.ParseJson<CreatePaymentRequest>("""{"paymentId": "P1", "value": 31.90, "sandboxMode": true}""");

        Assert.Null(error);
        Assert.Equal(("P1", 31.90m, true), (value!.PaymentId, value.Value, value.SandBoxMode));
    }

    [Theory]
    [InlineData(400, 400, "bad-request")]
    [InlineData(408, 408, "body-timeout")]
    [InlineData(413, 413, "body-too-large")]
    [InlineData(415, 415, "unsupported-media-type")]
    [InlineData(431, 431, "headers-too-large")]
    [InlineData(411, 411, "bad-request")]
    [InlineData(500, 400, "bad-request")]
    public void BadRequest_KestrelStatus_BecomesAPppError(int kestrelStatus, int answered, string code)
    {
        var result = HttpEdge.BadRequest(kestrelStatus);

        Assert.Equal(answered, result.StatusCode);
        var error = (PppError)result.Body;
        Assert.Equal((code, "error"), (error.Code, error.Status));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
