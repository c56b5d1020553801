using System.Text;
using System.Text.Json;
using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Support;

/// <summary>Builds the HttpRequest a function receives, with or without an Easy Auth identity.</summary>
public static class Http
{
    public static HttpRequest Request(string method, string path, string? email = null, object? json = null,
        IDictionary<string, string>? form = null, string? rawBody = null, string? query = null)
    {
        var context = new DefaultHttpContext();
        var r = context.Request;
        r.Method = method;
        r.Scheme = "http";
        r.Host = new HostString("localhost", 7071);
        r.Path = "/api/" + path.TrimStart('/');
        if (query is not null) r.QueryString = new QueryString("?" + query.TrimStart('?'));
        if (email is not null) r.Headers[StaffIdentity.PrincipalNameHeader] = email;
        byte[]? body = null;
        if (json is not null) { body = JsonSerializer.SerializeToUtf8Bytes(json); r.ContentType = "application/json"; }
        if (rawBody is not null) { body = Encoding.UTF8.GetBytes(rawBody); r.ContentType = "application/json"; }
        if (form is not null)
        {
            body = Encoding.UTF8.GetBytes(string.Join("&", form.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}")));
            r.ContentType = "application/x-www-form-urlencoded";
        }
        if (body is not null) { r.Body = new MemoryStream(body); r.ContentLength = body.Length; }
        context.Response.Body = new MemoryStream();
        return r;
    }

    public static int StatusOf(IActionResult result) => result switch
    {
        ObjectResult o => o.StatusCode ?? 200,
        StatusCodeResult s => s.StatusCode,
        ContentResult c => c.StatusCode ?? 200,
        _ => throw new InvalidOperationException($"unexpected result {result.GetType().Name}"),
    };

    public static T ValueOf<T>(IActionResult result) => (T)((ObjectResult)result).Value!;

    /// <summary>The <c>id</c> of a JSON answer, as a client reads it.</summary>
    public static string IdOf(IActionResult result) =>
        JsonSerializer.SerializeToElement(((ObjectResult)result).Value, GovFunctions.Platform.Json.Options).GetProperty("id").GetString()!;
}
