using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Platform.Http;

/// <summary>
/// Intake idempotency (API.md): a POST that creates a record may carry an <c>Idempotency-Key</c> header (a form sends the
/// hidden field <c>idempotencyKey</c>). The first request with a key claims it in Table Storage (one row per caller and
/// key; the claim is an insert, so of two identical requests at once exactly one creates); its 2xx answer is kept and
/// every repeat by the same caller within 24 hours gets that answer (same status, body and <c>Location</c>) and writes
/// nothing. A refused request releases its claim, so a corrected retry with the key is processed; the same key with a
/// different request is 409 naming <c>Idempotency-Key</c>. A repeat arriving while the first is still running waits for
/// its answer.
/// </summary>
public sealed partial class IdempotentIntake(StorageClients storage, TimeProvider clock, ILogger<IdempotentIntake> log)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>A claim this old whose request never answered was left by a process that died: the key may be claimed again.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private const int MaxPolls = 150; // a repeat waits up to ~15 s for the first request's answer

    private const string Pending = "pending", Answered = "answered";

    /// <summary>Runs <paramref name="create"/> once per caller and key; without a key, every time.</summary>
    public async Task<IActionResult> CreateOnceAsync(HttpRequest request, Person caller, Func<Task<IActionResult>> create,
        CancellationToken ct = default)
    {
        var key = await KeyAsync(request, ct);
        if (key is null) return await create();

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(
            [.. Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"), .. await RequestBody.BytesAsync(request, ct)]));
        var table = await storage.TableAsync(Tables.Idempotency);
        var row = (Partition: caller.Id, Id: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        if (await ClaimAsync(table, row, fingerprint, ct) is { } kept)
        {
            LogReplayed(caller.Id, request.Path.Value ?? "");
            return Replay(request, kept);
        }

        IActionResult result;
        try
        {
            result = await create();
        }
        catch
        {
            await ReleaseAsync(table, row);
            throw;
        }
        if (result is ObjectResult { StatusCode: >= 200 and < 300 } answer) await KeepAsync(table, row, fingerprint, answer, ct);
        else await ReleaseAsync(table, row);
        return result;
    }

    /// <summary>The key of the request: its header, or a form's hidden field; null when it has none.</summary>
    private static async Task<string?> KeyAsync(HttpRequest request, CancellationToken ct)
    {
        var headers = request.Headers[Header];
        if (headers.Count > 1) throw BadKey("只能提供一个", "give one key");
        var key = headers.Count == 1
            ? headers[0]
            : (await RequestBody.ReadFormAsync(request, ct))?[RequestBody.IdempotencyKeyField].ToString();
        if (string.IsNullOrEmpty(key)) return headers.Count == 1 ? throw BadKey("不能为空", "must not be empty") : null;
        if (key.Length > MaxKeyLength) throw BadKey($"不能超过{MaxKeyLength}个字符", $"must be at most {MaxKeyLength} characters");
        return key;
    }

    /// <summary>Claims the key (null), or returns the first request's kept answer.</summary>
    private async Task<TableEntity?> ClaimAsync(TableClient table, (string Partition, string Id) row, string fingerprint,
        CancellationToken ct)
    {
        for (var polls = 0; ; polls++)
        {
            var now = clock.GetUtcNow();
            var claim = new TableEntity(row.Partition, row.Id) { ["State"] = Pending, ["Fingerprint"] = fingerprint, ["At"] = now };
            try
            {
                await table.AddEntityAsync(claim, ct);
                return null;
            }
            catch (RequestFailedException e) when (e.Status == 409) { }

            var found = await table.GetEntityIfExistsAsync<TableEntity>(row.Partition, row.Id, cancellationToken: ct);
            if (!found.HasValue) continue; // released meanwhile
            var existing = found.Value!;
            var answered = existing.GetString("State") == Answered;
            var at = existing.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue;
            if (now - at >= (answered ? Window : Abandoned))
            {
                try
                {
                    await table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, ct);
                    return null;
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412) { continue; } // another repeat took it first
            }
            if (existing.GetString("Fingerprint") != fingerprint)
                throw new StateConflictException(Bilingual.Text(
                    $"{Header} 已用于另一个不同的请求，请为新请求使用新的键",
                    $"this {Header} was used for a different request; use a new key for a new request"))
                { Field = Header };
            if (answered) return existing;
            if (polls >= MaxPolls)
                throw new StateConflictException(Bilingual.Text($"使用同一 {Header} 的请求仍在处理中，请稍后再试",
                    $"a request with this {Header} is still being processed; try again shortly"))
                { Field = Header };
            await Task.Delay(Poll, ct);
        }
    }

    private async Task KeepAsync(TableClient table, (string Partition, string Id) row, string fingerprint, ObjectResult answer,
        CancellationToken ct)
    {
        var kept = new TableEntity(row.Partition, row.Id)
        {
            ["State"] = Answered,
            ["Fingerprint"] = fingerprint,
            ["At"] = clock.GetUtcNow(),
            ["Status"] = answer.StatusCode,
            ["Body"] = answer.Value is null ? null : JsonSerializer.Serialize(answer.Value, Json.Options),
            ["Location"] = (answer as CreatedResult)?.Location,
        };
        await table.UpsertEntityAsync(kept, TableUpdateMode.Replace, ct);
    }

    /// <summary>The kept answer as it was written: the same status, the same bytes of JSON, the same <c>Location</c>.</summary>
    private static IActionResult Replay(HttpRequest request, TableEntity kept)
    {
        if (kept.GetString("Location") is { } location) request.HttpContext.Response.Headers.Location = location;
        return new ContentResult
        {
            StatusCode = kept.GetInt32("Status") ?? 200, ContentType = "application/json; charset=utf-8",
            Content = kept.GetString("Body")
        };
    }

    /// <summary>A refused or failed request is not remembered. Best effort: a claim left behind is taken over once abandoned.</summary>
    private async Task ReleaseAsync(TableClient table, (string Partition, string Id) row)
    {
        try
        {
            await table.DeleteEntityAsync(row.Partition, row.Id, ETag.All);
        }
        catch (RequestFailedException e)
        {
            LogReleaseFailed(e, row.Partition);
        }
    }

    private static ValidationException BadKey(string zh, string en) =>
        ValidationException.For(Header, $"{Header} {zh}", $"{Header} {en}");

    [LoggerMessage(LogLevel.Information, "Repeat of an intake by {PersonId} to {Path} answered from its first result")]
    private partial void LogReplayed(string personId, string path);

    [LoggerMessage(LogLevel.Warning, "Could not release an idempotency claim of {PersonId}")]
    private partial void LogReleaseFailed(Exception e, string personId);
}
