namespace PosConnector.Domain.Payments;

/// <summary>The Test Suite's card numbers (docs/protocol.md §6). The number picks a flow and is then forgotten.</summary>
public static class TestSuiteCards
{
    public static TestSuiteFlow? FlowFor(string? cardNumber) => cardNumber switch
    {
        "4444333322221111" => TestSuiteFlow.Approved,
        "4444333322221112" => TestSuiteFlow.Denied,
        "4222222222222224" => TestSuiteFlow.AsyncApproved,
        "4222222222222225" => TestSuiteFlow.AsyncDenied,
        _ => null,
    };

    /// <summary>Card fragments of the test card behind <paramref name="flow"/>.</summary>
    public static (string FirstDigits, string LastDigits) Fragments(TestSuiteFlow flow) => flow switch
    {
        TestSuiteFlow.Approved => ("444433", "1111"),
        TestSuiteFlow.Denied => ("444433", "1112"),
        TestSuiteFlow.AsyncApproved => ("422222", "2224"),
        _ => ("422222", "2225"),
    };
}
