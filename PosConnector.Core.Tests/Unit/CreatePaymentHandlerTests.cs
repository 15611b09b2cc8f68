using PosConnector.Core.Handlers;
using PosConnector.Domain.Ppp;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The store code a payment carries, from the manifest field in merchantSettings.</summary>
public sealed class CreatePaymentHandlerTests
{
    [Fact]
    public void StoreCode_ComesFromTheManifestFieldInMerchantSettings()
    {
        Assert.Equal("S1", CreatePaymentHandler.StoreCode([new("other", "x"), new("store code", " S1 ")]));
        Assert.Null(CreatePaymentHandler.StoreCode([new("Store code", "  ")]));
        Assert.Null(CreatePaymentHandler.StoreCode(null));
        Assert.Contains(Manifest.Default.CustomFields, f => f.Name == CreatePaymentHandler.StoreCodeSetting);
    }
}
