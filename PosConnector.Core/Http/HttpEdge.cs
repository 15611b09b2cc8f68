using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using PosConnector.Core.Handlers;
using PosConnector.Core.Json;

namespace PosConnector.Core.Http;

/// <summary>Reading requests the same way in both hosts: bounded bodies, JSON errors as PPP 4xx.</summary>
public static class HttpEdge
{
    public const string TestSuiteHeader = "X-VTEX-API-Is-TestSuite";

    public static bool IsTestSuite(HttpRequest request) =>
        string.Equals(request.Headers[TestSuiteHeader].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>
    /// The raw body, or a PPP error: 413 over <paramref name="maxBytes"/> (or Kestrel's own limit), 400 for a
    /// malformed (e.g. chunked) body, 408 for a body slower than Kestrel's minimum data rate.
    /// A client that went away propagates as <see cref="OperationCanceledException"/>: nobody is left to answer.
    /// </summary>
    public static async Task<(string? Body, HandlerResult? Error)> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // Sized from Content-Length when it is honest, and a pooled chunk: Create Payment is the hot path.
        var buffer = new MemoryStream(request.ContentLength is { } length && length > 0 && length <= maxBytes ? (int)length : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, BadRequest(e.StatusCode));
        }
        catch (IOException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw new OperationCanceledException("The client aborted the request.", request.HttpContext.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, HandlerResult.Error(400, "invalid-encoding", "The body must be UTF-8."));
        }
    }

    /// <summary>Kestrel's or routing's bad-request status (400, 408, 413, 415, ...) as a PPP error; the exception's text stays out.</summary>
    public static HandlerResult BadRequest(int statusCode) => statusCode switch
    {
        StatusCodes.Status408RequestTimeout =>
            HandlerResult.Error(408, "body-timeout", "The request body arrived slower than the minimum data rate."),
        StatusCodes.Status413PayloadTooLarge =>
            HandlerResult.Error(413, "body-too-large", "The request body is larger than the server accepts."),
        // Routing answers 415 before any handler runs when a JSON route gets another (or no) Content-Type.
        StatusCodes.Status415UnsupportedMediaType =>
            HandlerResult.Error(415, "unsupported-media-type",
                "The body must be JSON sent with the header 'Content-Type: application/json' (curl -d alone sends application/x-www-form-urlencoded)."),
        StatusCodes.Status431RequestHeaderFieldsTooLarge =>
            HandlerResult.Error(431, "headers-too-large", "The request headers are larger than the server accepts."),
        >= 400 and < 500 => HandlerResult.Error(statusCode, "bad-request", "The request is malformed (e.g. an invalid chunked body)."),
        _ => HandlerResult.Error(400, "bad-request", "The request is malformed (e.g. an invalid chunked body)."),
    };

    /// <summary>
    /// Parses a strict JSON object body; malformed JSON, an amount <typeparamref name="T"/> declares
    /// (<see cref="Domain.Ppp.AmountFieldsAttribute"/>) that is not a JSON number, or a wrong type is a 400 naming the place.
    /// </summary>
    public static (T? Value, HandlerResult? Error) ParseJson<T>(string body)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, HandlerResult.Error(400, "invalid-json", "The request body is empty."));
        }

        if (StrictJson.Check(body, AmountFields.For<T>()) is { } problem)
        {
            return (null, new HandlerResult(400, problem));
        }

        try
        {
            return (PosConnectorJson.Deserialize<T>(body), null);
        }
        catch (JsonException e)
        {
            var where = e switch
            {
                JsonReaderException r => $" at '{r.Path}' (line {r.LineNumber}, position {r.LinePosition})",
                JsonSerializationException s when !string.IsNullOrEmpty(s.Path) => $" at '{s.Path}'",
                _ => "",
            };
            return (null, HandlerResult.Error(400, "invalid-json", $"The body is not valid JSON for this request{where}."));
        }
    }

    private static HandlerResult TooLarge(int maxBytes) =>
        HandlerResult.Error(413, "body-too-large", $"The request body is larger than {maxBytes} bytes.");
}
