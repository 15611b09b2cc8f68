using Xunit;

namespace PosConnector.ConformanceKit.Tests.Unit;

public sealed class ConnectorClientTests
{
    [Fact]
    public void Mask_SubmitUrl_HidesTheToken() =>
        Assert.Equal("https://c.example.com/api/pos/payments/P1/serial?token=***",
            ConnectorClient.Mask("https://c.example.com/api/pos/payments/P1/serial?token=abc.def"));

    [Fact]
    public void MaskSecret_TerminalRegistration_HidesTheSecret() =>
        Assert.Equal("{\"merchantName\":\"m\",\"secret\":\"***\",\"enabled\":true}",
            ConnectorClient.MaskSecret("{\"merchantName\":\"m\",\"secret\":\"s3cr\\\"et-0123456789\",\"enabled\":true}"));
}
