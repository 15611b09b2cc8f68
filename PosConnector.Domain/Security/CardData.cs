using System.Text.RegularExpressions;

namespace PosConnector.Domain.Security;

/// <summary>Keeps full card numbers out of state, effects and logs.</summary>
public static partial class CardData
{
    /// <summary>The first 6 digits of a 6- or 8-digit BIN (VTEX's firstDigits is always 6), else null.</summary>
    public static string? FirstSix(string? value) => value is not null && Bin().IsMatch(value) ? value[..6] : null;

    /// <summary>The last 4 digits if <paramref name="value"/> is exactly that, else null.</summary>
    public static string? LastFour(string? value) => value is not null && FourDigits().IsMatch(value) ? value : null;

    /// <summary>Masks any run of 12 or more digits (spaces or dashes allowed between them) in free text.</summary>
    public static string? MaskPans(string? text) =>
        text is null ? null : PanLike().Replace(text, m => new string('*', m.Length));

    /// <summary>Limits free text from outside (terminal messages) to a sane length.</summary>
    public static string? Clip(string? text, int max = 200) =>
        text is null ? null : text.Length <= max ? text : text[..max];

    [GeneratedRegex("^(?:[0-9]{6}|[0-9]{8})$")]
    private static partial Regex Bin();

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex FourDigits();

    [GeneratedRegex("[0-9](?:[ -]?[0-9]){11,}")]
    private static partial Regex PanLike();
}
