using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PosConnector.Domain.Ppp;

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
    public static string? Check(string json) => Check(json, AmountFields.None)?.Message;

    /// <summary>
    /// Null when <paramref name="json"/> is one strict JSON object whose <paramref name="amounts"/> are JSON numbers
    /// (or null), else the PPP error it earns: <c>invalid-json</c>, or <c>amount-not-a-number</c> naming the field's path.
    /// One pass over a pooled UTF-8 copy: Create Payment is polled many times per payment.
    /// </summary>
    public static PppError? Check(string json, AmountFields amounts)
    {
        var pooled = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return Check(pooled.AsSpan(0, Encoding.UTF8.GetBytes(json, pooled)), amounts);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    private static PppError? Check(ReadOnlySpan<byte> bytes, AmountFields amounts)
    {
        var reader = new Utf8JsonReader(bytes, Options);
        // One frame per open object or array, innermost last. Names: the property names seen in an object,
        // case-insensitive because Newtonsoft binds "paymentId" and "PaymentID" to the same member (the last one would
        // win); null for an array. Amounts: where this container sits in the amount paths, null when none lies below.
        var frames = new Stack<Frame>();
        // The amount-path node of the next value: set by its property name, or by the array it is an element of.
        AmountFields? next = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Invalid("The body must be a JSON object.");
            }

            frames.Push(new Frame(NewScope(), amounts));
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.Pop();
                    continue;
                }

                var parent = frames.Peek();
                if (token == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    if (!parent.Names!.Add(name))
                    {
                        return Invalid($"Duplicate property '{Clip(name)}' (line {Line(bytes, reader.TokenStartIndex)}).");
                    }

                    next = parent.Amounts?.Member(name);
                    parent.Name = name;
                    Replace(frames, parent);
                    continue;
                }

                if (parent.Names is null)
                {
                    // An element of an array: the path continues through the array's element node.
                    next = parent.Amounts?.Element;
                    parent.Index++;
                    Replace(frames, parent);
                }

                if (next is { IsAmount: true } && token is not (JsonTokenType.Number or JsonTokenType.Null))
                {
                    return NotANumber(frames, token);
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Push(new Frame(token == JsonTokenType.StartObject ? NewScope() : null, next));
                }

                next = null;
            }

            return null;
        }
        catch (JsonException e)
        {
            return Invalid($"The body is not strict JSON: {Describe(e)}");
        }
    }

    private static void Replace(Stack<Frame> frames, Frame top)
    {
        frames.Pop();
        frames.Push(top);
    }

    private static PppError Invalid(string message) => new("invalid-json", message);

    /// <summary>Names the field by its path as sent (e.g. <c>miniCart.items[0].price</c>), never its value.</summary>
    private static PppError NotANumber(Stack<Frame> frames, JsonTokenType token)
    {
        var path = new StringBuilder();
        foreach (var frame in frames.Reverse())
        {
            if (frame.Names is null)
            {
                path.Append(CultureInfo.InvariantCulture, $"[{frame.Index}]");
            }
            else if (frame.Name is { } name)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(Clip(name));
            }
        }

        var kind = token switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartObject => "an object",
            _ => "an array",
        };
        return new PppError("amount-not-a-number",
            $"{path} must be a JSON number such as 29.90, not {kind}: amounts are never read from text.");
    }

    private static HashSet<string> NewScope() => new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// An open object (<see cref="Names"/> set) or array. <see cref="Name"/> is the object's current property,
    /// <see cref="Index"/> the array's current element: together they spell the path of the value being read.
    /// </summary>
    private record struct Frame(HashSet<string>? Names, AmountFields? Amounts)
    {
        public string? Name { get; set; }

        public int Index { get; set; } = -1;
    }

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
