using System.Text.RegularExpressions;
using CsCheck;
using PosConnector.Core.Json;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>
/// What the decider's outputs look like once serialized for storage and queues: over thousands of random sequences
/// (the decider property tests' own, hostile results with card numbers included), no state, effect or recorded entry
/// ever carries a full card number.
/// </summary>
public sealed partial class StateSerializationTests
{
    [Fact]
    public void Serialize_DecisionsOfRandomSequences_NeverCarryAFullCardNumber() =>
        DeciderSequences.Sequences.Sample(sequence => DeciderSequences.Replay(sequence, (_, decision, _) =>
        {
            if (decision.State is not null)
            {
                var serialized = PosConnectorJson.Serialize(decision.State) + PosConnectorJson.Serialize(decision.Effects)
                    + PosConnectorJson.Serialize(decision.Recorded);
                Assert.DoesNotMatch(PanLike(), serialized);
            }
        }), iter: 4000);

    [GeneratedRegex("[0-9](?:[ -]?[0-9]){11,}")]
    private static partial Regex PanLike();
}
