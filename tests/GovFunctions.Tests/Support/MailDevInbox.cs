using System.Net.Http.Json;
using System.Text.Json;

namespace GovFunctions.Tests.Support;

/// <summary>Reads what reached MailDev through its REST API (GET /api/email).</summary>
public static class MailDevInbox
{
    private static readonly HttpClient Client = new() { BaseAddress = TestEnvironment.MailDev, Timeout = TimeSpan.FromSeconds(10) };

    public sealed record Mailbox(string Address, string? Name);
    public sealed record Attachment(string? FileName, string? ContentType, string? ContentId,
        string? ContentDisposition = null, string? GeneratedFileName = null);
    public sealed record Email(string Id, string Subject, string? Html, string? Text, List<Mailbox> To, List<Mailbox>? Cc,
        Dictionary<string, JsonElement>? Headers, List<Attachment>? Attachments);

    public static async Task<IReadOnlyList<Email>> AllAsync() =>
        await Client.GetFromJsonAsync<List<Email>>("/api/email", new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];

    /// <summary>The message as it arrived (GET /api/email/{id}/source), for a look at its MIME structure.</summary>
    public static async Task<byte[]> SourceAsync(string id) => await Client.GetByteArrayAsync($"/api/email/{id}/source");

    /// <summary>One attachment's decoded bytes, by the name MailDev stored it under.</summary>
    public static async Task<byte[]> AttachmentAsync(string id, string generatedFileName) =>
        await Client.GetByteArrayAsync($"/api/email/{id}/attachment/{Uri.EscapeDataString(generatedFileName)}");

    /// <summary>The HTML as MailDev's viewer shows it: cid: references it could resolve point at its attachment URLs.</summary>
    public static async Task<string> RenderedHtmlAsync(string id) => await Client.GetStringAsync($"/api/email/{id}/html");

    /// <summary>Mail to <paramref name="recipient"/> whose subject contains <paramref name="subjectPart"/>, waiting briefly for delivery.</summary>
    public static async Task<IReadOnlyList<Email>> WaitForAsync(Func<Email, bool> match, int atLeast = 1, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = (await AllAsync()).Where(match).ToList();
            if (found.Count >= atLeast || DateTime.UtcNow > until) return found;
            await Task.Delay(100);
        }
    }

    public static bool IsTo(this Email e, string address) =>
        e.To.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))
        || (e.Cc ?? []).Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase));
}
