namespace PosConnector.CallbackInspector;

public static partial class InspectorLog
{
    [LoggerMessage(EventId = 950, Level = LogLevel.Information,
        Message = "Callback for payment {PaymentId}: {Status} (POST {Path}, AppKey {AppKey}, answered {AnsweredStatus})")]
    public static partial void Received(ILogger logger, string paymentId, string status, string path, string appKey, int answeredStatus);
}
