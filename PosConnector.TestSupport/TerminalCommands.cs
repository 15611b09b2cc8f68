using PosConnector.Core.Json;
using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;

namespace PosConnector.TestSupport;

/// <summary>Terminal commands for transport tests, shaped as the decider issues them.</summary>
public static class TerminalCommands
{
    public static readonly DateTimeOffset IssuedAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static TerminalCommand Of(TerminalCommandType type, string paymentId, string serial, int number = 1) =>
        new($"{paymentId}-{number}", type, paymentId, serial, 31.90m, "BRL", 1, CardType.Credit, "R-1",
            IssuedAt, IssuedAt.AddSeconds(150));

    public static TerminalCommand Charge(string paymentId, string serial) => Of(TerminalCommandType.Charge, paymentId, serial);

    /// <summary>The terminal's approval of <paramref name="charge"/>, as the result endpoint hands it to the engine.</summary>
    public static PaymentEvent.TerminalResultReceived Approval(TerminalCommand charge) => new(charge.SerialNumber, new TerminalResult
    {
        CommandId = charge.CommandId, PaymentId = charge.PaymentId, Type = TerminalCommandType.Charge, Status = TerminalResultStatus.Approved,
        AuthorizationId = "AUTH-1", Nsu = "NSU-1", Tid = "TID-1", Acquirer = "Cielo", CardBrand = "Visa", FirstDigits = "411111", LastDigits = "1111",
    });

    /// <summary>The commands queued for one payment on the Storage Queue transport, read without taking them.</summary>
    public static async Task<List<TerminalCommand>> QueuedForAsync(StorageClients storage, string paymentId, CancellationToken ct)
    {
        var peeked = await storage.TerminalCommands.PeekMessagesAsync(32, ct);
        return [.. peeked.Value.Select(m => PosConnectorJson.Deserialize<TerminalCommand>(m.MessageText)).Where(c => c.PaymentId == paymentId)];
    }
}
