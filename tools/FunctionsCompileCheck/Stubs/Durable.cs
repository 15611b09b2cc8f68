using Microsoft.Extensions.Logging;

namespace Microsoft.DurableTask
{
    public readonly struct TaskName
    {
        public TaskName(string name) { Name = name; }
        public string Name { get; }
        public static implicit operator TaskName(string value) => new(value);
    }

    public class RetryPolicy
    {
        public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null) { }
    }

    public record TaskOptions
    {
        public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new();
    }

    public record StartOrchestrationOptions
    {
        public StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null) { this.InstanceId = InstanceId; }
        public string? InstanceId { get; init; }
    }

    public sealed class TaskFailedException : Exception { }

    public abstract class TaskOrchestrationContext
    {
        public abstract string InstanceId { get; }
        public abstract DateTime CurrentUtcDateTime { get; }
        public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) => Task.CompletedTask;
        public abstract Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null);
        public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);
        public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);
        public abstract void ContinueAsNew(object newInput, bool preserveUnprocessedEvents = true);
        public ILogger CreateReplaySafeLogger(string categoryName) => throw new NotImplementedException();
    }
}

namespace Microsoft.DurableTask.Client
{
    public enum OrchestrationRuntimeStatus { Running, Completed, ContinuedAsNew, Failed, Canceled, Terminated, Pending, Suspended }

    public sealed class OrchestrationMetadata
    {
        public OrchestrationRuntimeStatus RuntimeStatus { get; init; }
        public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;
        public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
    }

    public abstract class DurableTaskClient : IAsyncDisposable
    {
        public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) => GetInstanceAsync(instanceId, false, cancellation);
        public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => Task.FromResult<OrchestrationMetadata?>(null);
        public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation) => Task.FromResult("");
        public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellation) => Task.FromResult("");
        public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, Microsoft.DurableTask.StartOrchestrationOptions options, CancellationToken cancellation = default) => Task.FromResult("");
        public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, Microsoft.DurableTask.StartOrchestrationOptions? options = null, CancellationToken cancellation = default);
        public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellation) => Task.CompletedTask;
        public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);
        public abstract ValueTask DisposeAsync();
    }
}

namespace DurableTask.Core.Exceptions
{
    public class OrchestrationAlreadyExistsException : InvalidOperationException { }
}

namespace Grpc.Core
{
    public enum StatusCode { OK = 0, Cancelled = 1, Unknown = 2, InvalidArgument = 3, DeadlineExceeded = 4, NotFound = 5, AlreadyExists = 6 }
    public class RpcException : Exception { public StatusCode StatusCode { get; } }
}
