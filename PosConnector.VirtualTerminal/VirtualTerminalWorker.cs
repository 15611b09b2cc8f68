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
/// </summary>
public sealed class VirtualTerminalWorker(
    StorageClients storage, ResultPoster poster, TerminalBoard board, IOptions<VirtualTerminalOptions> options, TimeProvider time,
    ILogger<VirtualTerminalWorker> logger, ICommandSource? commandSource = null) : BackgroundService
{
    private readonly ConcurrentDictionary<string, TerminalPlan> _decided = new();
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

            if (messages.Length == 0)
            {
                await Task.Delay(idleDelay, time, stoppingToken);
                idleDelay = idleDelay * 2 < MaxIdleDelay ? idleDelay * 2 : MaxIdleDelay;
                continue;
            }

            idleDelay = MinIdleDelay;

            foreach (var message in messages)
            {
                await HandleAsync(queue, message, stoppingToken);
            }
        }

        await Task.WhenAll(_inFlight.Keys);
    }

    /// <summary>Acts on one command, then deletes it; a failed delete only means it comes back and is answered alike.</summary>
    private async Task HandleAsync(QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        try
        {
            var command = PosConnectorJson.Deserialize<TerminalCommand>(message.MessageText);
            VirtualTerminalLog.CommandDequeued(logger, message.MessageId, message.InsertedOn, command.CommandId);
            _ = Accept(command, ct);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            VirtualTerminalLog.CommandFailed(logger, e, message.MessageId);
        }
    }

    /// <summary>Plays the terminal's part; the task ends when its result is posted (at once when it never answers).</summary>
    private Task Accept(TerminalCommand command, CancellationToken ct)
    {
        var terminal = options.Value.Terminals.FirstOrDefault(t => t.SerialNumber == command.SerialNumber);
        if (terminal is null)
        {
            VirtualTerminalLog.NotMine(logger, command.CommandId, command.SerialNumber);
            return Task.CompletedTask;
        }

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
