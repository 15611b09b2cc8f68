using PosConnector.Core.Terminals;
using PosConnector.Domain.Terminals;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// The real Storage Queue transport, which can be told to fail the next sends of one payment's commands (only that
/// payment's: commands for other tests' payments still go out meanwhile).
/// </summary>
internal sealed class FailingCommandSender(ITerminalCommandSender inner) : ITerminalCommandSender
{
    private readonly Dictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);

    public void FailNext(string paymentId, int times)
    {
        lock (_failuresLeft)
        {
            _failuresLeft[paymentId] = times;
        }
    }

    public Task SendAsync(TerminalCommand command, CancellationToken ct)
    {
        lock (_failuresLeft)
        {
            if (_failuresLeft.TryGetValue(command.PaymentId, out var left) && left > 0)
            {
                _failuresLeft[command.PaymentId] = left - 1;
                return Task.FromException(new InvalidOperationException("Injected failure: the terminal command transport is unreachable."));
            }
        }

        return inner.SendAsync(command, ct);
    }
}
