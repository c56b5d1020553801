namespace GovFunctions.Decisions;

/// <summary>
/// The decision feature's message kinds, in one place. The values are stored in approvals, queued messages and the
/// outbox: they never change, so what is already in storage and in the queues stays readable.
/// </summary>
public static class DecisionMessages
{
    /// <summary>The feature name of its approvals (<see cref="Approvals.ApprovalRequest.Feature"/>).</summary>
    public const string Feature = Decision.ApprovalFeature;

    /// <summary>The prefix of every routing message and notice of the feature.</summary>
    public const string Prefix = Feature + ".";

    /// <summary>Routing: publish an adopted decision to the public feed (Art. 40–41).</summary>
    public const string Publish = Prefix + "publish";

    /// <summary>Notice: the post-implementation evaluation falls due (Art. 18).</summary>
    public const string EvaluationDue = Prefix + "evaluation-due";

    /// <summary>The mail key of a decision's evaluation notice: one mail per decision.</summary>
    public static string EvaluationMailKey(string decisionId) => $"decision|{decisionId}|evaluation";
}
