using System.Globalization;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Handlers;

/// <summary>The operator's list of payments needing attention (runbook: stuck or abandoned payments).</summary>
public sealed class AttentionHandler(AttentionQuery query, PaymentEngine engine, TimeProvider time)
{
    public const int DefaultOlderThanSeconds = 300;
    private const int MaxOlderThanSeconds = 30 * 24 * 3600;

    /// <summary>Lists conditions that have lasted <c>olderThanSeconds</c> (default 300); abandoned callbacks always.</summary>
    public async Task<HandlerResult> ListAsync(string? olderThanSeconds, CancellationToken ct)
    {
        var seconds = DefaultOlderThanSeconds;
        if (!string.IsNullOrEmpty(olderThanSeconds)
            && (!int.TryParse(olderThanSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds > MaxOlderThanSeconds))
        {
            return HandlerResult.Error(400, "invalid-request", $"olderThanSeconds must be a whole number from 0 to {MaxOlderThanSeconds}.");
        }

        var now = time.GetUtcNow();
        var items = new List<AttentionItem>();
        await foreach (var state in query.StatesAsync(ct))
        {
            var history = AttentionRules.NeedsHistory(state) ? await engine.HistoryAsync(state.PaymentId, ct) : [];
            items.AddRange(AttentionRules.Assess(state, history, now, TimeSpan.FromSeconds(seconds)));
        }

        return HandlerResult.Ok(new AttentionView(now, seconds, [.. items.OrderBy(i => i.Since)]));
    }
}

public sealed record AttentionView(DateTimeOffset CheckedAt, int OlderThanSeconds, IReadOnlyList<AttentionItem> Items);
