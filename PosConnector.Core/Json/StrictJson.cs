using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PosConnector.Core.Json;

/// <summary>
/// A validating pass before Newtonsoft, which is lenient by default: one JSON object per RFC 8259 with no
/// comments, trailing commas, NaN/Infinity literals, duplicate property names or other non-standard syntax.
/// </summary>
public static class StrictJson
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 32,
    };

    /// <summary>Null when <paramref name="json"/> is one strict JSON object, else what is wrong with it.</summary>
    public static string? Check(string json)
    {
        var pooled = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return Check(pooled.AsSpan(0, Encoding.UTF8.GetBytes(json, pooled)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    private static string? Check(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, Options);
        // The property names seen in each open object, innermost last; null for an array. Case-insensitive
        // because Newtonsoft binds "paymentId" and "PaymentID" to the same member (the last one would win).
        var scopes = new Stack<HashSet<string>?>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "The body must be a JSON object.";
            }

            scopes.Push(NewScope());
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        scopes.Push(NewScope());
                        break;
                    case JsonTokenType.StartArray:
                        scopes.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        scopes.Pop();
                        break;
                    case JsonTokenType.PropertyName when !scopes.Peek()!.Add(reader.GetString()!):
                        return $"Duplicate property '{Clip(reader.GetString()!)}' (line {Line(bytes, reader.TokenStartIndex)}).";
                }
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"The body is not strict JSON: {Describe(e)}";
        }
    }

    private static HashSet<string> NewScope() => new(StringComparer.OrdinalIgnoreCase);

    private static string Describe(JsonException e)
    {
        // System.Text.Json's messages name the offending character and place, e.g. "'N' is an invalid start of a value.
        // LineNumber: 0 | BytePositionInLine: 9." They never echo more than one character of the input.
        var message = e.Message;
        return message.Length <= 300 ? message : message[..300];
    }

    private static int Line(ReadOnlySpan<byte> json, long byteIndex) => 1 + json[..(int)byteIndex].Count((byte)'\n');

    private static string Clip(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
