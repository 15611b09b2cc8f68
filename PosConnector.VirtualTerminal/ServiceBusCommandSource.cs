using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>
/// The reference terminal bridge on Service Bus: copy this file to connect real terminals (replace the
/// <see cref="CommandHandler"/>, here the virtual terminal, with the call to your device or processor).
/// <list type="bullet">
/// <item>The connector sends each command to the queue <c>ServiceBus:TerminalCommandsQueue</c> with SessionId = the
/// terminal's serial number and MessageId = the commandId; the body is the command's JSON.</item>
/// <item>The bridge accepts only the sessions of the terminals it serves (<see cref="ServiceBusSessionProcessorOptions.SessionIds"/>),
/// so several bridges can share one queue, and a session is held by one bridge at a time: one terminal's commands
/// are never handled in two places.</item>
/// <item>A message is completed only after the handler returned, i.e. after the result was posted to the connector.
/// If the bridge dies first, the session lock expires and the command is delivered again; the handler acts once per
/// commandId (a redelivery re-posts the same result, which the connector accepts idempotently).</item>
/// <item>A charge already past its <c>expiresAt</c> is not started: the connector has aborted it and denied the payment.
/// Abort, void and refund commands are always carried out: the connector waits for their results.</item>
/// <item>A message that is not a command, or whose body disagrees with its session or id, is dead-lettered, never acted on.</item>
/// </list>
/// Identity: the bridge needs the role "Azure Service Bus Data Receiver" on the queue (infra/ parameter
/// <c>terminalBridgePrincipalId</c>); the Service Bus emulator takes a connection string instead.
/// </summary>
public sealed class ServiceBusCommandSource(
    ServiceBusClient client, IOptions<ServiceBusOptions> bus, IOptions<VirtualTerminalOptions> terminals, TimeProvider time,
    ILogger<ServiceBusCommandSource> logger) : ICommandSource
{
    /// <summary>
    /// A terminal's next command must reach it while an earlier one is still pending (an abort for a charge the
    /// customer has not finished), so a few calls per session run at once; delivery order is still the session's.
    /// </summary>
    public const int CallsPerSession = 4;

    /// <summary>How long one command may stay with the handler: the terminal deadline, a late answer and the result's delivery retries.</summary>
    public static readonly TimeSpan MaxHandlingTime = TimeSpan.FromMinutes(30);

    public async Task RunAsync(CommandHandler handle, CancellationToken ct)
    {
        var serials = terminals.Value.Terminals.Select(t => t.SerialNumber).ToList();
        await using var processor = client.CreateSessionProcessor(bus.Value.TerminalCommandsQueue, ProcessorOptions(serials));
        processor.ProcessMessageAsync += args => OnMessageAsync(args, handle);
        processor.ProcessErrorAsync += OnErrorAsync;
        await processor.StartProcessingAsync(ct);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
        }
        catch (OperationCanceledException)
        {
            // Host stopping: stop receiving; unsettled messages are redelivered to the next bridge.
        }

        await processor.StopProcessingAsync(CancellationToken.None);
    }

    /// <summary>One session per serial, settled by hand (never auto-complete: complete only once the result is posted).</summary>
    public static ServiceBusSessionProcessorOptions ProcessorOptions(IReadOnlyCollection<string> serials)
    {
        var options = new ServiceBusSessionProcessorOptions
        {
            AutoCompleteMessages = false,
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            // With every served session held at once, an idle terminal's session stays open (no reconnect churn).
            MaxConcurrentSessions = Math.Max(1, serials.Count),
            MaxConcurrentCallsPerSession = CallsPerSession,
            MaxAutoLockRenewalDuration = MaxHandlingTime,
        };
        foreach (var serial in serials)
        {
            options.SessionIds.Add(serial);
        }

        return options;
    }

    /// <summary>A charge whose deadline passed: the connector has already aborted it and denied the payment.</summary>
    public static bool IsStaleCharge(TerminalCommand command, DateTimeOffset now) =>
        command.Type == TerminalCommandType.Charge && now >= command.ExpiresAt;

    private async Task OnMessageAsync(ProcessSessionMessageEventArgs args, CommandHandler handle)
    {
        var message = args.Message;
        var command = TerminalCommandMessages.TryRead(message, out var problem);
        if (command is null)
        {
            ServiceBusBridgeLog.CommandRejected(logger, message.MessageId, message.SessionId, problem ?? "");
            await args.DeadLetterMessageAsync(message, "NotATerminalCommand", problem, args.CancellationToken);
            return;
        }

        if (IsStaleCharge(command, time.GetUtcNow()))
        {
            ServiceBusBridgeLog.CommandExpired(logger, command.SerialNumber, command.CommandId, command.ExpiresAt);
            await args.CompleteMessageAsync(message, args.CancellationToken);
            return;
        }

        try
        {
            await handle(command, args.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not acted on: back to the queue for another attempt (dead-lettered after the queue's maxDeliveryCount).
            ServiceBusBridgeLog.CommandFailed(logger, e, command.SerialNumber, command.CommandId);
            await args.AbandonMessageAsync(message, cancellationToken: args.CancellationToken);
            return;
        }

        // Stopping before the result went out: leave the message unsettled; it is delivered again.
        args.CancellationToken.ThrowIfCancellationRequested();
        await args.CompleteMessageAsync(message, args.CancellationToken);
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        // Connection and lock errors: the processor reconnects by itself; log for the operator.
        ServiceBusBridgeLog.ReceiveFailed(logger, args.Exception, args.ErrorSource.ToString(), args.EntityPath);
        return Task.CompletedTask;
    }
}
