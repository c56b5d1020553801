namespace GovFunctions.OpenApi;

/// <summary>
/// What an HTTP function does, in Chinese and English: the operation's summary (Chinese) and description (English) in
/// <c>GET /api/openapi.json</c>. Every HTTP function has one; the document refuses to build without it, naming the function.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DescribeAttribute(string chinese, string english) : Attribute
{
    public string Chinese => chinese;
    public string English => english;

    /// <summary>
    /// Callable without the Easy Auth identity: a probe, an email link (its signed token is the credential), a public page.
    /// </summary>
    public bool Anonymous { get; init; }
}

/// <summary>The body the function reads (<c>RequestBody.ReadAsync&lt;T&gt;</c>): JSON, or a form post with the same field names.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsAttribute(Type body) : Attribute
{
    public Type Body => body;

    /// <summary>The body may be left out (<c>RequestBody.ReadOptionalAsync</c>).</summary>
    public bool Optional { get; init; }

    /// <summary>Only a form post is read (an email link's page posts its form).</summary>
    public bool FormOnly { get; init; }
}

/// <summary>The kinds of answer besides a JSON view.</summary>
public enum Media { Json, Html, Csv }

/// <summary>
/// One answer of the function: a status with its JSON view (a <c>*Views.cs</c> record), or a page (<see cref="Media.Html"/>) or
/// a file (<see cref="Media.Csv"/>). The refusals (problem details) follow from the function's other declarations: 401 and 403
/// for a staff route, 400 for a body or query, 404 for a route with parameters, 409 for a create (the idempotency key), and
/// those named by <see cref="RefusesAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class AnswersAttribute : Attribute
{
    public AnswersAttribute(int status, Type view) => (Status, View, Media) = (status, view, Media.Json);

    public AnswersAttribute(int status, Media media) => (Status, Media) = (status, media);

    public int Status { get; }
    public Type? View { get; }
    public Media Media { get; }
}

/// <summary>A query parameter the function reads, described in Chinese and English.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryAttribute(string name, string chinese, string english) : Attribute
{
    public string Name => name;
    public string Chinese => chinese;
    public string English => english;
    public bool Required { get; init; }

    /// <summary>The values it takes, when it is a choice.</summary>
    public string[]? Choices { get; init; }

    /// <summary>The type of its value when not text: an enum (its names on the wire are the choices), a date.</summary>
    public Type? Of { get; init; }
}

/// <summary>
/// Refusals besides those that follow from the declarations (<see cref="AnswersAttribute"/>): e.g. 409 for a wrong state, 422 for
/// a rule.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RefusesAttribute(params int[] statuses) : Attribute
{
    public IReadOnlyList<int> Statuses => statuses;
}
