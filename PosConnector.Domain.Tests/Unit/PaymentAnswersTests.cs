using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>The PPP answers built from a payment: operations, paymentAppData, a declined refund.</summary>
public sealed class PaymentAnswersTests
{
    [Fact]
    public void Answers_Operations_ShowIdAndValueOnlyWhenCompleted()
    {
        var done = new PaymentOperation("R1", OperationKind.Refund, 12m, OperationStatus.Completed, "ID-1", null, "ok", null);
        var pending = done with { Status = OperationStatus.Pending };

        Assert.Equal(("ID-1", 12m), (PaymentAnswers.Refund("P", done).RefundId, PaymentAnswers.Refund("P", done).Value));
        Assert.Equal(((string?)null, 0m), (PaymentAnswers.Refund("P", pending).RefundId, PaymentAnswers.Refund("P", pending).Value));
        Assert.Equal(("ID-1", 12m), (PaymentAnswers.Settlement("P", done).SettleId, PaymentAnswers.Settlement("P", done).Value));
        Assert.Equal(((string?)null, 0m), (PaymentAnswers.Settlement("P", pending).SettleId, PaymentAnswers.Settlement("P", pending).Value));
        Assert.Equal("ID-1", PaymentAnswers.Cancellation("P", done with { Kind = OperationKind.Cancellation }).CancellationId);
        Assert.Null(PaymentAnswers.Cancellation("P", pending with { Kind = OperationKind.Cancellation }).CancellationId);
    }

    [Fact]
    public void Answers_PaymentAppData_OnlyWhileTheSalesAppMustAct()
    {
        var identifying = Given(Created())!;
        var waiting = Given(Charging())!;
        var testSuite = Given(Created(flow: TestSuiteFlow.AsyncApproved))!;

        Assert.Null(PaymentAnswers.CreatePayment(identifying).PaymentAppData);
        Assert.Equal("{\"submitUrl\":\"https://x/s\"}", PaymentAnswers.CreatePayment(identifying, "https://x/s").PaymentAppData!.Payload);
        Assert.Equal("{\"secondsWaiting\":180}", PaymentAnswers.CreatePayment(waiting).PaymentAppData!.Payload);
        Assert.Null(PaymentAnswers.CreatePayment(testSuite).PaymentAppData);
        Assert.Null(PaymentAnswers.CreatePayment(Given(Approved())!, "https://x/s").PaymentAppData);
    }

    [Fact]
    public void Answers_DeclinedRefund_IsA500InTheRefundShapeWithRefundDeclined()
    {
        var op = new PaymentOperation("R1", OperationKind.Refund, 30m, OperationStatus.Failed, "TID-R3", "refund-declined",
            "The terminal declined the refund of 30.00: nothing was returned to the card.", "PAY1-2");

        Assert.Equal(500, PaymentAnswers.HttpStatus(op));
        Assert.Equal(new RefundResponse("P", null, 0m, "refund-declined", "The terminal declined the refund of 30.00: nothing was returned to the card.", "R1"),
            PaymentAnswers.Refund("P", op));
    }
}
