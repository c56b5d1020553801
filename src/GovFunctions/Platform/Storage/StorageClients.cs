using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace GovFunctions.Platform.Storage;

/// <summary>
/// The one place the app's Table and Queue clients come from, configured exactly as the Functions host reads
/// <c>AzureWebJobsStorage</c>: a connection string locally, or identity-based settings
/// (<c>AzureWebJobsStorage__accountName</c>, <c>__clientId</c>, <c>__credential</c>) in Azure.
/// Names get <see cref="StorageOptions.Prefix"/> so that each test can own its tables and queues.
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionName = "AzureWebJobsStorage";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new();

    public StorageClients(IConfiguration configuration, StorageOptions options)
    {
        Options = options;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            TableService = new TableServiceClient(connectionString);
            QueueService = new QueueServiceClient(connectionString, queueOptions);
            return;
        }

        var section = configuration.GetSection(ConnectionName);
        var accountName = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.queue.core.windows.net");
        if (tableUri is null || queueUri is null)
            throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionName} (a connection string) or {ConnectionName}__accountName.");
        var credential = CreateCredential(section["credential"], section["clientId"]);
        TableService = new TableServiceClient(new Uri(tableUri), credential);
        QueueService = new QueueServiceClient(new Uri(queueUri), credential, queueOptions);
    }

    public StorageOptions Options { get; }
    public TableServiceClient TableService { get; }
    public QueueServiceClient QueueService { get; }

    public string TableName(string logicalName) => Options.Prefix.Replace("-", "") + logicalName;

    public string QueueName(string logicalName) => (Options.Prefix + logicalName).ToLowerInvariant();

    /// <summary>The table, created on first use in this process.</summary>
    public Task<TableClient> TableAsync(string logicalName) => OnceAsync(_tables, logicalName, async () =>
    {
        var client = TableService.GetTableClient(TableName(logicalName));
        await client.CreateIfNotExistsAsync();
        return client;
    });

    /// <summary>The queue (base64 messages, as the queue trigger reads them), created on first use in this process.</summary>
    public Task<QueueClient> QueueAsync(string logicalName) => OnceAsync(_queues, logicalName, async () =>
    {
        var client = QueueService.GetQueueClient(QueueName(logicalName));
        await client.CreateIfNotExistsAsync();
        return client;
    });

    /// <summary>Creates once per process; a failure (storage briefly unreachable, a role not yet propagated) is not remembered.</summary>
    public static async Task<T> OnceAsync<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> create)
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(create));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy));
            throw;
        }
    }

    private static TokenCredential CreateCredential(string? kind, string? clientId) =>
        string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
}
