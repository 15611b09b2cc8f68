using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Newtonsoft.Json.Linq;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>Real ASP.NET Core requests (DefaultHttpContext with a body), as the Functions ASP.NET Core integration hands them in.</summary>
public static class HttpRequests
{
    public static HttpRequest Create(string method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        request.Path = query < 0 ? path : path[..query];
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
            request.ContentType = "application/json";
        }

        return request;
    }

    public static HttpRequest Post(string path, JObject body, params (string Name, string Value)[] headers) =>
        Create("POST", path, body.ToString(Newtonsoft.Json.Formatting.None), headers);

    public static HttpRequest Get(string path, params (string Name, string Value)[] headers) => Create("GET", path, null, headers);
}

/// <summary>What a function answered: status, content type and the JSON body.</summary>
public sealed record FunctionReply(int Status, string? ContentType, string Body)
{
    public JObject Json => JObject.Parse(Body);

    public static FunctionReply From(IActionResult result) => result is ContentResult content
        ? new FunctionReply(content.StatusCode ?? 200, content.ContentType, content.Content ?? "")
        : throw new InvalidOperationException($"Expected a ContentResult, got {result.GetType().Name}.");
}
