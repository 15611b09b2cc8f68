using PosConnector.Core.Json;
using PosConnector.Domain.Ppp;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The amount fields each request declares are the ones the OAS types as numbers.</summary>
public sealed class AmountFieldsTests
{
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
}
