namespace GovFunctions.Platform.Storage;

/// <summary>Logical table names; <see cref="StorageClients"/> adds the configured prefix.</summary>
public static class Tables
{
    public const string Organization = "Organization";
    public const string Calendar = "Calendar";
    public const string Outbox = "Outbox";
}

/// <summary>Queue names, shared by the senders and the queue-trigger bindings.</summary>
public static class Queues
{
    public const string Connection = StorageClients.ConnectionName;
}
