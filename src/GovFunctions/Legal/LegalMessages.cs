namespace GovFunctions.Legal;

/// <summary>
/// The legal affairs flows' message kinds, in one place. Two prefixes stay as they always were, because the values are
/// stored in approvals, queued messages and the outbox and must stay readable: the approvals carry the flow's feature name
/// (<c>normative-document</c>, <c>reconsideration</c>), the notices of both flows the prefix <c>legal.</c>.
/// </summary>
public static class LegalMessages
{
    /// <summary>The feature name of a normative document's approvals.</summary>
    public const string DocumentFeature = NormativeDocument.ApprovalFeature;

    /// <summary>The feature name of a reconsideration's approvals.</summary>
    public const string ReconsiderationFeature = Reconsideration.ApprovalFeature;

    /// <summary>The prefix of every legal notice (email) type.</summary>
    public const string NoticePrefix = "legal.";

    /// <summary>Notice: a normative document's filing deadline is near (Art. 21).</summary>
    public const string FilingDue = NoticePrefix + "filing-due";

    /// <summary>Notice: a normative document was not filed in time; it is on the accountability list (Art. 21, 32).</summary>
    public const string FilingLate = NoticePrefix + "filing-late";

    /// <summary>Notice: a reconsideration's statutory deadline is near (Art. 23).</summary>
    public const string ReconsiderationDeadline = NoticePrefix + "reconsideration-deadline";

    /// <summary>The accountability list's kind for a late filing.</summary>
    public const string LateFilingAccountability = "normativeDocument";

    public static string FilingDueMailKey(string documentId) => $"normative|{documentId}|due";

    public static string FilingLateMailKey(string documentId) => $"normative|{documentId}|late";

    /// <summary>One reminder per case, deadline and number of days before it.</summary>
    public static string DeadlineMailKey(string caseId, DateTimeOffset deadlineAt, int daysBefore) =>
        $"reconsideration|{caseId}|{deadlineAt:yyyyMMdd}|{daysBefore}";
}
