using System.Text;
using Newtonsoft.Json.Linq;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>One fuzzed request. <see cref="TargetPaymentId"/> is the payment it could touch, if any.</summary>
public sealed record HostileRequest(
    string Kind, string Method, string Path, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body,
    string? TargetPaymentId, HostileTransport Transport = HostileTransport.Http);

public enum HostileTransport
{
    Http,
    MalformedChunks,
    Abort,
}

/// <summary>
/// A seeded generator of hostile requests of every kind: every route and method, valid bodies mutated field by field
/// or byte by byte, non-strict JSON, huge fields and bodies, bad and missing credentials, bad signatures,
/// malformed chunked bodies and abandoned connections. The same seed gives the same requests.
/// </summary>
public sealed class HostileRequests(int seed, string quietPaymentId, string terminal, string terminalSecret, string submitToken, string callbackUrl)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
    private static readonly int[] Lengths = [0, 1, 63, 64, 65, 100, 101, 128, 129, 200, 201, 256, 257, 2048, 2049, 5000, 40_000];

    private readonly Random _random = new(seed);

    public HostileRequest Next() => _random.Next(10) switch
    {
        0 or 1 => CreatePayment(),
        2 => Operation(),
        3 => SubmitSerial(),
        4 or 5 => TerminalResult(),
        6 => Admin(),
        7 => AnyRoute(),
        8 => _random.Next(4) == 0 ? Transport(HostileTransport.Abort) : Transport(HostileTransport.MalformedChunks),
        _ => Inbound(),
    };

    private HostileRequest CreatePayment()
    {
        var id = PaymentIdish();
        var body = new JObject
        {
            ["paymentId"] = id, ["transactionId"] = "TX" + _random.Next(1000), ["reference"] = "R1", ["orderId"] = "O1",
            ["paymentMethod"] = Pick("Venda Direta Credito", "Venda Direta Debito", "Visa", ""), ["merchantName"] = "store",
            ["value"] = Pick<JToken>(10.5m, 0.01m, 1_000_000_000m, 31.905m), ["currency"] = "BRL", ["installments"] = 1,
            ["callbackUrl"] = callbackUrl, ["card"] = new JObject { ["number"] = null },
        };
        return new("create", "POST", "/api/payments", Merchant(), Mutate(body), id);
    }

    private HostileRequest Operation()
    {
        var id = _random.Next(3) == 0 ? quietPaymentId : PaymentIdish();
        var body = new JObject { ["paymentId"] = id, ["requestId"] = "REQ" + _random.Next(100_000), ["value"] = 10.5m, ["transactionId"] = "TX" };
        var op = Pick("cancellations", "settlements", "refunds");
        return new("operation", "POST", $"/api/payments/{Escape(id)}/{op}", Merchant(), Mutate(body), id);
    }

    private HostileRequest Inbound()
    {
        var id = Pick(quietPaymentId, PaymentIdish());
        var body = new JObject { ["paymentId"] = id, ["requestId"] = "REQ" + _random.Next(100) };
        return new("inbound", "POST", $"/api/payments/{Escape(id)}/{Pick("inbound", "inbound-request")}/{Escape(Text(Pick(1, 5, 200)))}",
            Merchant(), Mutate(body), id);
    }

    /// <summary>With the real token the serial is always malformed (a valid one would be a legitimate write).</summary>
    private HostileRequest SubmitSerial()
    {
        var realToken = _random.Next(2) == 0;
        var id = realToken ? quietPaymentId : Pick(quietPaymentId, PaymentIdish());
        var token = realToken ? submitToken : Pick("", "x", submitToken[..^1] + (submitToken[^1] == 'A' ? 'B' : 'A'), new string('t', 3000));
        JToken serial = realToken
            ? Pick<JToken>("", "has space", "a/b", new string('s', 65), JValue.CreateNull(), "   ", new JObject(), new JArray(), "T\u00e9")
            : Pick<JToken>(terminal, "T-UNKNOWN", "", new string('s', 65));
        var body = new JObject { ["serialNumber"] = serial };
        return new("serial", "POST", $"/api/pos/payments/{Escape(id)}/serial?token={Uri.EscapeDataString(token)}", Plain(),
            realToken ? Bytes(body.ToString()) : Mutate(body), id);
    }

    private HostileRequest TerminalResult()
    {
        var id = Pick(quietPaymentId, PaymentIdish());
        var body = new JObject
        {
            ["commandId"] = Pick("C1", $"{id}-charge-1", new string('c', 129)), ["paymentId"] = id,
            ["type"] = Pick("charge", "abort", "void", "refund", "nope"), ["status"] = Pick("approved", "declined", "failed", "aborted", "x"),
            ["authorizationId"] = "A1", ["nsu"] = "N1", ["tid"] = "T1", ["acquirer"] = "Q", ["cardBrand"] = "Visa",
            ["firstDigits"] = "411111", ["lastDigits"] = "1111", ["message"] = "ok",
        };
        var bytes = Mutate(body);
        var serial = _random.Next(4) == 0 ? Pick("T-UNKNOWN", "bad serial", new string('s', 65)) : terminal;
        var text = Encoding.UTF8.GetString(bytes ?? []);
        var signature = _random.Next(6) switch
        {
            0 => null,
            1 => "garbage",
            2 => TerminalSignature.Create(terminalSecret, DateTimeOffset.UtcNow.AddHours(-1), text),
            3 => TerminalSignature.Create("wrong-secret-0123456789", DateTimeOffset.UtcNow, text),
            4 => "t=99999999999999999999,v1=00",
            _ => TerminalSignature.Create(terminalSecret, DateTimeOffset.UtcNow, text),
        };
        var headers = Plain();
        if (signature is not null)
        {
            headers.Add((TerminalSignature.HeaderName, signature));
        }

        return new("result", "POST", $"/api/terminals/{Escape(serial)}/results", headers, bytes, id);
    }

    private HostileRequest Admin()
    {
        var headers = Plain();
        switch (_random.Next(4))
        {
            case 0: break;
            case 1: headers.Add(("X-Admin-Key", "wrong")); break;
            default: headers.Add(("X-Admin-Key", TestSettings.AdminKey)); break;
        }

        var serial = Pick("F-" + _random.Next(1000), "bad serial", new string('s', 65), "T-UNKNOWN");
        var body = new JObject { ["merchantName"] = "Store", ["label"] = "L", ["secret"] = "fuzz-secret-0123456789", ["enabled"] = true };
        return _random.Next(3) switch
        {
            0 => new("admin", "GET", Pick($"/api/admin/terminals/{Escape(serial)}", "/api/admin/terminals", $"/api/admin/payments/{Escape(PaymentIdish())}"), headers, null, null),
            _ => new("admin", Pick("PUT", "POST", "DELETE"), $"/api/admin/terminals/{Escape(serial)}", headers, Mutate(body), null),
        };
    }

    private HostileRequest AnyRoute()
    {
        var path = Pick(
            "/", "/api", "/api/manifest", "/api/payment-methods", "/api/health", "/api/payments", $"/api/payments/{quietPaymentId}",
            $"/api/payments/{quietPaymentId}/cancellations", "/api/admin/terminals", $"/api/terminals/{terminal}/results",
            "/api/" + Escape(Text(_random.Next(1, 300))), "/api/payments/%00/settlements", "/api/../etc/passwd", "/api//payments");
        var headers = _random.Next(2) == 0 ? Merchant() : Plain();
        return new("route", Pick(Methods), path, headers, _random.Next(2) == 0 ? null : Bytes("{}"), null);
    }

    private HostileRequest Transport(HostileTransport transport) =>
        new(transport == HostileTransport.Abort ? "abort" : "chunks", "POST",
            Pick("/api/payments", $"/api/payments/{quietPaymentId}/refunds", $"/api/terminals/{terminal}/results", "/api/admin/terminals/F-1"),
            Merchant(), Bytes("{\"paymentId\":\"" + PaymentIdish() + "\""), null, transport);

    /// <summary>The body: valid, or mutated by field, by syntax or by byte.</summary>
    private byte[]? Mutate(JObject body)
    {
        var names = body.Properties().Select(p => p.Name).ToList();
        switch (_random.Next(14))
        {
            case 0:
                return Bytes(body.ToString());
            case 1:
                body.Remove(Pick(names.ToArray()));
                return Bytes(body.ToString());
            case 2 or 3 or 4:
                body[Pick(names.ToArray())] = HostileValue();
                return Bytes(body.ToString());
            case 5:
                return Bytes(Syntax(body.ToString(Newtonsoft.Json.Formatting.None)));
            case 6:
                var text = body.ToString(Newtonsoft.Json.Formatting.None);
                return Bytes(text[.._random.Next(text.Length)]);
            case 7:
                var bytes = Bytes(body.ToString());
                for (var i = _random.Next(1, 4); i > 0; i--)
                {
                    bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
                }

                return bytes;
            case 8:
                return Pick<byte[]?>(null, [], Bytes(" "), Bytes("null"), Bytes("[]"), Bytes("\"s\""), Bytes("1"), Bytes("true"),
                    [0xC3, 0x28], [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], Bytes("\uFEFF{}"));
            case 9:
                return Bytes(new string('[', 200) + new string(']', 200));
            case 10:
                return Bytes(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100));
            case 11:
                body["padding"] = new string('p', Pick(50_000, 70_000));
                return Bytes(body.ToString());
            case 12:
                body[Text(_random.Next(1, 100))] = HostileValue();
                return Bytes(body.ToString());
            default:
                var raw = new byte[_random.Next(1, 512)];
                _random.NextBytes(raw);
                return raw;
        }
    }

    private string Syntax(string json) => _random.Next(8) switch
    {
        0 => json.Replace("10.5", "NaN", StringComparison.Ordinal).Replace("\"R1\"", "NaN", StringComparison.Ordinal),
        1 => json.Insert(1, "/* c */"),
        2 => json.Insert(1, "// c\n"),
        3 => json[..^1] + ",}",
        4 => json[..^1] + "," + json[1..],
        5 => json.Replace("\"", "'", StringComparison.Ordinal),
        6 => json.Insert(1, "\"value\":-Infinity,"),
        _ => json + json,
    };

    private JToken HostileValue() => _random.Next(16) switch
    {
        0 => JValue.CreateNull(),
        1 => true,
        2 => _random.Next(int.MinValue, int.MaxValue),
        3 => new JRaw("1e400"),
        4 => new JRaw("-0.0000000000000000000000000000001"),
        5 => new JRaw("123456789012345678901234567890"),
        6 => "",
        7 => "NaN",
        8 => new JObject { ["nested"] = new JArray(1, "x", JValue.CreateNull()) },
        9 => new JArray(Enumerable.Range(0, 1000).Select(i => (object)i).ToArray()),
        10 => "\u0000\u0001\n\r\t\u202E\uD83D\uDE00<script>",
        11 => "http://" + new string('h', 3000) + ".example/",
        12 => "javascript:alert(1)",
        _ => Text(Pick(Lengths)),
    };

    private List<(string, string)> Merchant()
    {
        var headers = Plain();
        switch (_random.Next(6))
        {
            case 0: break;
            case 1: headers.Add(("X-VTEX-API-AppKey", TestSettings.MerchantAppKey)); headers.Add(("X-VTEX-API-AppToken", "wrong")); break;
            case 2: headers.Add(("X-VTEX-API-AppKey", "")); headers.Add(("X-VTEX-API-AppToken", "")); headers.Add(("X-VTEX-API-Is-TestSuite", "true")); break;
            case 3: headers.Add(("X-PROVIDER-API-AppKey", TestSettings.MerchantAppKey)); headers.Add(("X-PROVIDER-API-AppToken", new string('t', 4000))); break;
            default:
                headers.Add(("X-VTEX-API-AppKey", TestSettings.MerchantAppKey));
                headers.Add(("X-VTEX-API-AppToken", TestSettings.MerchantAppToken));
                break;
        }

        return headers;
    }

    private List<(string, string)> Plain()
    {
        var headers = new List<(string, string)>();
        switch (_random.Next(8))
        {
            case 0: break;
            case 1: headers.Add(("Content-Type", "text/plain")); break;
            case 2: headers.Add(("Content-Type", "application/json; charset=iso-8859-1")); break;
            case 3: headers.Add(("Content-Encoding", "gzip")); headers.Add(("Content-Type", "application/json")); break;
            case 4: headers.Add(("X-VTEX-API-Is-TestSuite", Pick("true", "TRUE", "1", new string('x', 500)))); headers.Add(("Content-Type", "application/json")); break;
            default: headers.Add(("Content-Type", "application/json")); break;
        }

        return headers;
    }

    private string PaymentIdish() => _random.Next(5) switch
    {
        0 => "F" + _random.Next(1_000_000),
        1 => new string('p', Pick(64, 65, 300)),
        2 => "has space",
        3 => Text(_random.Next(1, 40)),
        _ => _random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
    };

    private string Text(int length)
    {
        const string alphabet = "abcXYZ019-_.~ /\\%?#&=+\"'<>{}[]:,\u00e9\u4e2d\u0000\u007f";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
