namespace GovFunctions.Platform.Storage;

/// <summary>Logical table names; <see cref="StorageClients"/> adds the configured prefix.</summary>
public static class Tables
{
    public const string Organization = "Organization";
    public const string Calendar = "Calendar";
    public const string Outbox = "Outbox";
    public const string MailLog = "MailLog";
    public const string Approvals = "Approvals";
    public const string PendingTasks = "PendingTasks";
    public const string LeaveRequests = "LeaveRequests";
    public const string LeaveAway = "LeaveAway";
    public const string HotlineCalls = "HotlineCalls";
    public const string HotlineOpen = "HotlineOpen";
    public const string Accountability = "Accountability";
    public const string DutyLogs = "DutyLogs";
    public const string DutyIndex = "DutyIndex";
    public const string Decisions = "Decisions";
    public const string DecisionIndex = "DecisionIndex";
    public const string PublicDecisions = "PublicDecisions";
    public const string NormativeDocuments = "NormativeDocuments";
    public const string PendingFilings = "PendingFilings";
    public const string Reconsiderations = "Reconsiderations";
    public const string SupervisedItems = "SupervisedItems";
    public const string AccountabilityEntries = "AccountabilityEntries";
    public const string Payloads = "Payloads";
    public const string Idempotency = "Idempotency";
    public const string LegalCases = "LegalCases";
    public const string CoordinationBodies = "CoordinationBodies";
}

/// <summary>Queue names, shared by the senders and the queue-trigger bindings.</summary>
public static class Queues
{
    public const string Connection = StorageClients.ConnectionName;

    /// <summary>Approval transitions (start, step decided, completed) and the features' follow-ups.</summary>
    public const string ApprovalRouting = "approval-routing";

    /// <summary>Emails to send, one message per email.</summary>
    public const string Notifications = "notifications";

    /// <summary>Where the Functions host moves a message after its last failed attempt (host.json maxDequeueCount).</summary>
    public const string PoisonSuffix = "-poison";
    public const string ApprovalRoutingPoison = ApprovalRouting + PoisonSuffix;
    public const string NotificationsPoison = Notifications + PoisonSuffix;
}
