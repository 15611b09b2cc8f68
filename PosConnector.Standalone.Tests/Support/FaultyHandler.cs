namespace PosConnector.Standalone.Tests.Support;

/// <summary>The kit's HTTP handler with one <see cref="AnswerFault"/> applied to every exchange.</summary>
public sealed class FaultyHandler(AnswerFault fault) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (fault.Request is not null)
        {
            await fault.Request(request);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (fault.Answer is not null)
        {
            await fault.Answer(request, response);
        }

        return response;
    }
}
