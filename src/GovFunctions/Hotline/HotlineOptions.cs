namespace GovFunctions.Hotline;

/// <summary>Section <c>Hotline</c>.</summary>
public sealed class HotlineOptions
{
    public HotlineDeadlines Deadlines { get; set; } = new();

    /// <summary>How far back a new call looks for an open call about the same issue.</summary>
    public int SameIssueDays { get; set; } = 7;

    /// <summary>Partitions per day; more for a busier line.</summary>
    public int Shards { get; set; } = 16;

    /// <summary>Working days after the first overdue reminder before the call goes on the accountability list (Art. 32).</summary>
    public int AccountabilityAfterWorkingDays { get; set; } = 5;
}
