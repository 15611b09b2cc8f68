using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using PosConnector.Core.Json;
using PosConnector.Core.Storage;
using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>
/// Consumes <c>terminal-commands</c>, plays each terminal's part and posts signed results. Acts once per
/// commandId: a redelivered command re-posts the result it already decided, never a second outcome.
/// A command for a serial it does not simulate is left for whoever serves that serial (a vendor's device or bridge
/// on the same local queue): on Service Bus it never receives that session; on the Storage Queue it makes the message
/// visible again at once (<see cref="LeaveAsync"/>).
/// </summary>
public sealed class VirtualTerminalWorker(
    StorageClients storage, ResultPoster poster, TerminalBoard board, IOptions<VirtualTerminalOptions> options, TimeProvider time,
    CommandListener listener, ILogger<VirtualTerminalWorker> logger, ICommandSource? commandSource = null) : BackgroundService
{
    private readonly ConcurrentDictionary<string, TerminalPlan> _decided = new();
    // Commands left for another consumer, so the log says so once, not at every pass.
    private readonly ConcurrentDictionary<string, byte> _left = new();
    // Empty polls back off from 50 ms to 1 s like the connector's queue workers: an idle terminal costs one storage
    // request a second, and right after a command the next one is picked up within 50 ms.
    private static readonly TimeSpan MinIdleDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxIdleDelay = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (commandSource is not null)
        {
            // Terminals:Transport=ServiceBus: the source settles each command once Accept's answer is posted.
            await commandSource.RunAsync(Accept, stoppingToken);
            await Task.WhenAll(_inFlight.Keys);
            return;
        }

        var queue = storage.TerminalCommands;
        var outageDelay = TimeSpan.Zero;
        var idleDelay = MinIdleDelay;
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), stoppingToken)).Value;
                outageDelay = TimeSpan.Zero;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage down (the SDK gave up its own retries): wait it out, however long, like a real terminal would.
                outageDelay = StorageBackoff.Next(outageDelay);
                VirtualTerminalLog.StorageUnavailable(logger, e, outageDelay);
                await Task.Delay(outageDelay, time, stoppingToken);
                continue;
            }

            var handled = 0;
            foreach (var message in messages)
            {
                handled += await HandleAsync(queue, message, stoppingToken) ? 1 : 0;
            }

            // Only commands left for others (or none): back off as when idle, or those would come back to us in a
            // hot loop. Released ones sort behind commands already waiting, so they never starve ours.
            if (handled == 0)
            {
                await Task.Delay(idleDelay, time, stoppingToken);
                idleDelay = idleDelay * 2 < MaxIdleDelay ? idleDelay * 2 : MaxIdleDelay;
                continue;
            }

            idleDelay = MinIdleDelay;
        }

        await Task.WhenAll(_inFlight.Keys);
    }

    /// <summary>
    /// Acts on one of our commands, then deletes it (a failed delete only means it comes back and is answered alike);
    /// true when it was ours. Another serial's command is left on the queue.
    /// </summary>
    private async Task<bool> HandleAsync(QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        try
        {
            var command = PosConnectorJson.Deserialize<TerminalCommand>(message.MessageText);
            VirtualTerminalLog.CommandDequeued(logger, message.MessageId, message.InsertedOn, command.CommandId);
            if (Simulated(command) is null)
            {
                await LeaveAsync(queue, message, command, ct);
                return false;
            }

            _ = Accept(command, ct);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            VirtualTerminalLog.CommandFailed(logger, e, message.MessageId);
            return false;
        }
    }

    /// <summary>
    /// Not ours: visible again at once (not after the 30 s the receive hid it for), so the consumer that serves this
    /// serial gets it on its next poll. Its dequeue count grows each time we pass it back; nothing here reads that.
    /// </summary>
    private async Task LeaveAsync(QueueClient queue, QueueMessage message, TerminalCommand command, CancellationToken ct)
    {
        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct);
        if (_left.TryAdd(command.CommandId, 0))
        {
            VirtualTerminalLog.NotMine(logger, command.CommandId, command.SerialNumber);
        }

        listener.Heard(command, simulatedHere: false);
    }

    private SimulatedTerminal? Simulated(TerminalCommand command) =>
        options.Value.Terminals.FirstOrDefault(t => t.SerialNumber == command.SerialNumber);

    /// <summary>Plays the terminal's part; the task ends when its result is posted (at once when it never answers).</summary>
    private Task Accept(TerminalCommand command, CancellationToken ct)
    {
        if (Simulated(command) is not { } terminal)
        {
            // Service Bus delivers only our sessions; a command that still names another serial is not acted on.
            VirtualTerminalLog.NotMine(logger, command.CommandId, command.SerialNumber);
            return Task.CompletedTask;
        }

        listener.Heard(command, simulatedHere: true);
        var plan = _decided.GetOrAdd(command.CommandId, _ => board.PlanFor(terminal, command));
        VirtualTerminalLog.CommandReceived(logger, command.SerialNumber, command.Type, command.CommandId, command.PaymentId, command.Amount, plan.Outcome);
        if (plan.Result is { } result)
        {
            var task = AnswerAsync(terminal, plan.After, result, ct);
            _inFlight.TryAdd(task, 0);
            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
            return task;
        }

        return Task.CompletedTask;
    }

    private async Task AnswerAsync(SimulatedTerminal terminal, TimeSpan after, TerminalResult result, CancellationToken ct)
    {
        try
        {
            await Task.Delay(after, time, ct);
            await poster.PostAsync(terminal, result, ct);
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
    }
}
