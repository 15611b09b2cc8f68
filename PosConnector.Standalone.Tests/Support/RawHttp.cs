using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PosConnector.TestSupport;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>HTTP/1.1 over a raw socket, for what HttpClient refuses to send: malformed chunks, slow and abandoned bodies.</summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line), then lets <paramref name="sendBody"/> write.</summary>
    public static async Task<Reply> SendAsync(Uri baseUrl, string head, Func<Stream, Task> sendBody, TimeSpan timeout)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.TrimEnd() + "\r\nHost: " + baseUrl.Authority + "\r\nConnection: close\r\n\r\n"));
        try
        {
            await sendBody(stream);
        }
        catch (IOException)
        {
            // The server may answer and close before the whole body is written; its answer is what we check.
        }

        return await ReadReplyAsync(stream, timeout);
    }

    /// <summary>Writes <paramref name="head"/> and part of a body, then drops the connection without reading.</summary>
    public static async Task AbortAsync(Uri baseUrl, string head, string partialBody)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.TrimEnd() + "\r\nHost: " + baseUrl.Authority + "\r\n\r\n" + partialBody));
        await stream.FlushAsync();
        client.Client.LingerState = new LingerOption(true, 0); // RST, as a crashed client would
        client.Close();
    }

    /// <summary>Reads until the server closes (every raw request says Connection: close) and decodes a chunked body.</summary>
    private static async Task<Reply> ReadReplyAsync(Stream stream, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, cts.Token);
        }
        catch (IOException)
        {
            // A reset after the answer: keep what arrived.
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException($"No complete answer arrived: '{text}'");
        }

        var head = text[..end];
        var body = text[(end + 4)..];
        var status = int.Parse(head.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        return new Reply((HttpStatusCode)status, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = int.Parse(body[at..lineEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
