namespace PosConnector.Domain.Ppp;

public sealed record MerchantSetting(string? Name, string? Value);
