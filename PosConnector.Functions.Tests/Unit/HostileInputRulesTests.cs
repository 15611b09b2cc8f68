using Microsoft.Extensions.Options;
using PosConnector.Core.Http;
using PosConnector.Core.Json;
using PosConnector.Core.Options;
using PosConnector.Core.Security;
using PosConnector.Domain.Ppp;
using PosConnector.Domain.Terminals;
using Xunit;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>The rules against hostile input: strict JSON, Kestrel faults as PPP errors, field limits, secrets at rest.</summary>
public sealed class HostileInputRulesTests
{
    private const string KeyA = "dGVzdC10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM0NTY=";
    private const string KeyB = "YW5vdGhlci10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM=";

    public static TheoryData<string, string> NotStrict() => new()
    {
        { """{"value": NaN}""", "invalid start of a value" },
        { """{"value": Infinity}""", "invalid start of a value" },
        { """{"value": -Infinity}""", "'I'" },
        { """{"a": 1 // note""" + "\n}", "'/'" },
        { """{"a": /* note */ 1}""", "'/'" },
        { """{"a": 1,}""", "trailing comma" },
        { """{"a": [1, 2,]}""", "trailing comma" },
        { """{'a': 1}""", "'''" },
        { """{a: 1}""", "'a'" },
        { """{"a": 1} {"b": 2}""", "end of data" },
        { """{"a": 1""", "" },
        { """{"a": "x", "a": "y"}""", "Duplicate property 'a'" },
        { """{"paymentId": "x", "PaymentID": "y"}""", "Duplicate property 'PaymentID'" },
        { """{"o": {"k": 1, "k": 2}}""", "Duplicate property 'k'" },
        { """[1, 2]""", "must be a JSON object" },
        { "\"text\"", "must be a JSON object" },
        { "null", "must be a JSON object" },
        { new string('[', 40).Insert(0, "{\"a\":"), "depth" },
    };

    [Theory]
    [MemberData(nameof(NotStrict))]
    public void StrictJson_NonStandardSyntax_IsNamed(string json, string mention)
    {
        var problem = StrictJson.Check(json);

        Assert.NotNull(problem);
        Assert.Contains(mention, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"a": 1, "o": {"a": 2}, "l": [{"a": 3}, {"a": 4}]}""")]
    [InlineData("""{"value": 1e3, "n": null, "t": true, "s": "NaN"}""")]
    [InlineData(" \n{}\n ")]
    public void StrictJson_StandardObjects_Pass(string json) => Assert.Null(StrictJson.Check(json));

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
    public void AmountFields_ThePathsTheRequestsDeclare_AreTheOnesTheOasTypesAsNumbers()
    {
        var create = AmountFields.For<CreatePaymentRequest>();
        var operation = AmountFields.For<PaymentOperationRequest>();

        Assert.All(["value", "referenceValue", "installmentsValue"], name => Assert.True(create.Member(name)!.IsAmount));
        Assert.True(create.Member("miniCart")!.Member("items")!.Element!.Member("price")!.IsAmount);
        Assert.Null(create.Member("installments"));
        Assert.True(operation.Member("value")!.IsAmount);
        Assert.Same(AmountFields.None, AmountFields.For<InboundRequest>());
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

    [Fact]
    public void StatusAnswers_UnknownRouteAndWrongMethod_AreNamed()
    {
        var notFound = StatusAnswers.For(404, "GET", null);
        var wrongMethod = StatusAnswers.For(405, "DELETE", "GET, POST");
        var longMethod = StatusAnswers.For(405, new string('X', 500), null);

        Assert.Equal((404, "not-found"), (notFound.StatusCode, ((PppError)notFound.Body).Code));
        Assert.Equal((405, "method-not-allowed"), (wrongMethod.StatusCode, ((PppError)wrongMethod.Body).Code));
        Assert.Equal("DELETE is not allowed on this route; use GET, POST.", ((PppError)wrongMethod.Body).Message);
        Assert.True(((PppError)longMethod.Body).Message.Length < 100);
    }

    [Fact]
    public void FieldLimits_TooLong_RefusesOnlyAboveTheLimit()
    {
        Assert.Null(FieldLimits.TooLong("f", null, 3));
        Assert.Null(FieldLimits.TooLong("f", "abc", 3));
        Assert.Equal("f is longer than 3 characters.", FieldLimits.TooLong("f", "abcd", 3));
    }

    private static TerminalResult Result() => new()
    {
        CommandId = "C1", PaymentId = "P1", Type = TerminalCommandType.Charge, Status = TerminalResultStatus.Approved,
        AuthorizationId = "A", Nsu = "N", Tid = "T", Acquirer = "Q", CardBrand = "Visa", Message = "ok",
    };

    public static TheoryData<TerminalResult, string?> TerminalResults() => new()
    {
        { Result(), null },
        { Result() with { CommandId = new string('c', 128), AuthorizationId = new string('a', 64), Message = new string('m', 200) }, null },
        { Result() with { CommandId = null }, "required" },
        { Result() with { PaymentId = "bad id" }, "required" },
        { Result() with { Status = null }, "required" },
        { Result() with { CommandId = new string('c', 129) }, "commandId" },
        { Result() with { AuthorizationId = new string('a', 65) }, "authorizationId" },
        { Result() with { Nsu = new string('n', 65) }, "nsu" },
        { Result() with { Tid = new string('t', 65) }, "tid" },
        { Result() with { Acquirer = new string('q', 65) }, "acquirer" },
        { Result() with { CardBrand = new string('b', 33) }, "cardBrand" },
        { Result() with { Message = new string('m', 201) }, "message" },
    };

    [Theory]
    [MemberData(nameof(TerminalResults))]
    public void TerminalResultValidator_EachStoredText_HasItsLimit(TerminalResult result, string? mention)
    {
        var error = TerminalResultValidator.Validate(result);

        if (mention is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith(mention, error!.Replace("commandId, paymentId, type and status are ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    private static TerminalSecretProtector Protector(string key, params string[] previous) =>
        new(Options.Create(new TerminalSecretOptions { SecretEncryptionKey = key, PreviousSecretEncryptionKeys = previous }));

    [Fact]
    public void Protector_RoundTrip_HidesTheSecretAndUsesAFreshNonce()
    {
        var protector = Protector(KeyA);
        const string secret = "secret-of-T-1-0123456789";

        var first = protector.Protect("T-1", secret);
        var second = protector.Protect("T-1", secret);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("secret-of", first, StringComparison.Ordinal);
        Assert.Matches("^v1\\.[0-9a-f]{16}\\.[A-Za-z0-9_-]+$", first);
        Assert.Equal((secret, false), protector.Unprotect("T-1", first));
        Assert.Equal((secret, false), protector.Unprotect("T-1", second));
    }

    [Fact]
    public void Protector_CiphertextMovedToAnotherSerialOrTampered_DoesNotOpen()
    {
        var protector = Protector(KeyA);
        var stored = protector.Protect("T-1", "secret-of-T-1-0123456789");
        var flipped = stored[..^2] + (stored[^2] == 'A' ? 'B' : 'A') + stored[^1];

        Assert.Null(protector.Unprotect("T-2", stored));
        Assert.Null(protector.Unprotect("T-1", flipped));
        Assert.Null(protector.Unprotect("T-1", "secret-of-T-1-0123456789"));
        Assert.Null(protector.Unprotect("T-1", "v1.0000000000000000.AAAA"));
        Assert.Null(protector.Unprotect("T-1", stored.Split('.')[0] + "." + stored.Split('.')[1] + ".%%%"));
        Assert.Null(protector.Unprotect("T-1", stored.Split('.')[0] + "." + stored.Split('.')[1] + ".AAAA"));
    }

    [Fact]
    public void Protector_Rotation_OldKeyOpensAsStaleAndAnUnknownKeyDoesNot()
    {
        var stored = Protector(KeyA).Protect("T-1", "secret-of-T-1-0123456789");

        Assert.Equal(("secret-of-T-1-0123456789", true), Protector(KeyB, KeyA).Unprotect("T-1", stored));
        Assert.Null(Protector(KeyB).Unprotect("T-1", stored));
        Assert.NotEqual(stored.Split('.')[1], Protector(KeyB).Protect("T-1", "x").Split('.')[1]);
    }

    [Fact]
    public void Protector_WithoutAKey_UsesTheDevelopmentKeyConsistently()
    {
        var stored = Protector("").Protect("T-1", "secret-of-T-1-0123456789");

        Assert.Equal(("secret-of-T-1-0123456789", false), Protector("").Unprotect("T-1", stored));
        Assert.Null(Protector(KeyA).Unprotect("T-1", stored));
    }

    [Theory]
    [InlineData("", false, "SecretEncryptionKey is required")]
    [InlineData("", true, null)]
    [InlineData(KeyA, false, null)]
    [InlineData("c2hvcnQta2V5", false, "exactly 32 bytes")]
    [InlineData("not base64!", true, "exactly 32 bytes")]
    [InlineData("dGVzdC10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM0NTY3OA==", false, "exactly 32 bytes")]
    public void SecretOptions_Check_RequiresA256BitKeyOutsideDevelopment(string key, bool developmentKeyAllowed, string? mention)
    {
        var errors = TerminalSecretOptionsValidator.Check(new TerminalSecretOptions { SecretEncryptionKey = key }, developmentKeyAllowed);

        if (mention is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.Contains(mention, StringComparison.Ordinal));
            Assert.All(errors, e => Assert.DoesNotContain(key.Length > 0 ? key : "\u0000", e, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void SecretOptions_Check_ValidatesEveryPreviousKey()
    {
        var errors = TerminalSecretOptionsValidator.Check(
            new TerminalSecretOptions { SecretEncryptionKey = KeyA, PreviousSecretEncryptionKeys = [KeyB, "short"] }, developmentKeyAllowed: false);

        Assert.Equal(["Terminals:PreviousSecretEncryptionKeys:1 must be base64 of exactly 32 bytes (256 bits)."], errors);
    }
}
