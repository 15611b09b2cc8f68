namespace PosConnector.Core.Ppp;

public sealed record MerchantSetting(string? Name, string? Value);
