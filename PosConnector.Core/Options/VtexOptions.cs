using System.ComponentModel.DataAnnotations;

namespace PosConnector.Core.Options;

/// <summary>VTEX credentials. A class, not a record: a record's ToString would print the tokens.</summary>
public sealed class VtexOptions
{
    public const string SectionName = "Vtex";

    /// <summary>AppKey/AppToken pairs the Gateway sends on behalf of merchants (one per affiliation).</summary>
    [MinLength(1, ErrorMessage = "Configure at least one Vtex:Merchants:N:AppKey/AppToken pair.")]
    public List<VtexCredential> Merchants { get; init; } = [];

    /// <summary>The partner's own VTEX key, sent on callbacks (never the merchant's).</summary>
    [Required(ErrorMessage = "Vtex:CallbackAppKey is required (the partner's own VTEX AppKey for callbacks).")]
    public string CallbackAppKey { get; init; } = "";

    [Required(ErrorMessage = "Vtex:CallbackAppToken is required (the partner's own VTEX AppToken for callbacks).")]
    public string CallbackAppToken { get; init; } = "";

    /// <summary>The Test Suite sends empty credentials unless its toggle is on (docs/protocol.md §2).</summary>
    public bool AllowEmptyTestSuiteCredentials { get; init; }
}

public sealed class VtexCredential
{
    [Required]
    public string AppKey { get; init; } = "";

    [Required]
    public string AppToken { get; init; } = "";
}
