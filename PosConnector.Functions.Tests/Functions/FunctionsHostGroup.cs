using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// The Functions host's queue names are constants (Storage:Prefix must be "pos"), so its tests share one world and
/// run one after another; they still run in parallel with every other test class (those use unique prefixes).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FunctionsHostGroup : ICollectionFixture<FunctionsWorld>
{
    public const string Name = "Functions host";
}
