using Azure.Data.Tables;

namespace PosConnector.Core.Storage;

/// <summary>
/// A long text over several string properties of one entity (Name, Name1, Name2, …): a table property holds at most
/// 64 KiB (32K UTF-16 chars), an entity 1 MiB. Texts longer than <see cref="MaxChars"/> are refused before any write.
/// </summary>
public static class ChunkedText
{
    public const int ChunkChars = 30_000;
    public const int MaxChunks = 15;
    public const int MaxChars = ChunkChars * MaxChunks;

    /// <exception cref="PaymentTooLargeException">The text cannot fit one entity.</exception>
    public static void Write(TableEntity entity, string name, string text, string paymentId)
    {
        if (text.Length > MaxChars)
        {
            throw new PaymentTooLargeException(paymentId, name, text.Length);
        }

        for (var i = 0; i * ChunkChars < text.Length || i == 0; i++)
        {
            entity[PropertyName(name, i)] = text.Substring(i * ChunkChars, Math.Min(ChunkChars, text.Length - (i * ChunkChars)));
        }
    }

    public static string Read(TableEntity entity, string name)
    {
        var first = entity.GetString(name) ?? "";
        if (first.Length < ChunkChars)
        {
            return first;
        }

        var text = new System.Text.StringBuilder(first);
        for (var i = 1; i < MaxChunks && entity.GetString(PropertyName(name, i)) is { } chunk; i++)
        {
            text.Append(chunk);
        }

        return text.ToString();
    }

    private static string PropertyName(string name, int index) =>
        index == 0 ? name : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}{index}");
}
