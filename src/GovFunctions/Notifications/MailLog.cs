using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Notifications;

/// <summary>
/// Sends each email once, whatever the number of deliveries of the message that asked for it. A mail key is claimed
/// with an insert (only one claimant can win); the winner sends and marks it sent. A claim whose sender died is taken
/// over after <see cref="Lease"/>; a claim in progress makes a duplicate wait for a queue retry instead of sending twice.
/// The table doubles as the log of what was sent to whom.
/// </summary>
public sealed class MailLog(StorageClients storage, IMailSender sender, TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async Task<bool> SendOnceAsync(string key, OutgoingMail mail, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.MailLog);
        var (partition, row) = KeysOf(key);
        var claim = new TableEntity(partition, row) { ["Key"] = key, ["State"] = "sending", ["ClaimedAt"] = clock.GetUtcNow() };
        try
        {
            await table.AddEntityAsync(claim, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: ct)).Value;
            if (existing.GetString("State") == "sent") return false;
            if (clock.GetUtcNow() - existing.GetDateTimeOffset("ClaimedAt") < Lease)
                throw new MailInFlightException(key);
            await table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, ct); // 412 if another took it over
        }

        try
        {
            await sender.SendAsync(mail with { Reference = mail.Reference ?? key }, ct);
        }
        catch
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, CancellationToken.None);
            throw;
        }
        claim["State"] = "sent";
        claim["SentAt"] = clock.GetUtcNow();
        claim["Subject"] = mail.Subject;
        claim["To"] = string.Join(";", mail.To.Concat(mail.Cc).Select(a => a.Address));
        await table.UpsertEntityAsync(claim, TableUpdateMode.Replace, ct);
        return true;
    }

    public async Task<bool> WasSentAsync(string key, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.MailLog);
        var (partition, row) = KeysOf(key);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, ["State"], ct);
        return existing.HasValue && existing.Value!.GetString("State") == "sent";
    }

    /// <summary>Spread over 256 partitions; the row key is the hash, so any key is storable.</summary>
    private static (string Partition, string Row) KeysOf(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return (hash[..2], hash);
    }
}

/// <summary>Another delivery is sending this mail right now; the message is retried later.</summary>
public sealed class MailInFlightException(string key) : Exception($"mail {key} is being sent by another delivery");
