using PosConnector.ConformanceKit.Checks;

namespace PosConnector.ConformanceKit;

/// <summary>Every check, in the order a run takes them (cheap and credential-free first; the timing check last).</summary>
public static class CheckCatalog
{
    public static IReadOnlyList<ConformanceCheck> All { get; } =
    [
        .. ManifestChecks.All(),
        .. CredentialChecks.All(),
        .. CreatePaymentChecks.All(),
        .. SubmitUrlChecks.All(),
        .. TestSuiteChecks.All(),
        .. OperationChecks.All(),
        .. HostileInputChecks.All(),
        .. TerminalChecks.All(),
        .. TimingChecks.All(),
    ];
}
