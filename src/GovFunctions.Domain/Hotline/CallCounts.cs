namespace GovFunctions.Hotline;

/// <summary>
/// The hotline's figures for a period, kept as counters rather than counted by scanning calls. A call contributes to the
/// counters by its current state (<see cref="Of"/>); a change of state applies the difference, in the same transaction as
/// the change. So the counters always equal the sum over the calls, and a period's figures are a sum of counter rows.
/// </summary>
public sealed record CallCounts(
    long Received = 0,
    long AnsweredAtOnce = 0,
    long Assigned = 0,
    long Escalated = 0,
    long Open = 0,
    long Closed = 0,
    long ClosedOnTime = 0,
    long Satisfied = 0,
    long Unsatisfied = 0,
    long Overdue = 0,
    long Accountable = 0)
{
    public static readonly CallCounts Zero = new();

    public const string All = "all";

    /// <summary>What one call adds to its partition's counters: under "all" and, once it has one, under its department.</summary>
    public static IEnumerable<(string Key, CallCounts Counts)> Of(HotlineCall? call)
    {
        if (call is null) yield break;
        var c = new CallCounts(
            Received: 1,
            AnsweredAtOnce: call.Disposition == Disposition.Answered ? 1 : 0,
            Assigned: call.Disposition == Disposition.Assign || call.InstructedById is not null ? 1 : 0,
            Escalated: call.Disposition == Disposition.Escalate ? 1 : 0,
            Open: call.IsOpen ? 1 : 0,
            Closed: call.IsOpen ? 0 : 1,
            ClosedOnTime: !call.IsOpen && (call.Disposition == Disposition.Answered || (call.RepliedOnTime == true && !call.WasOverdue)) ? 1 : 0,
            Satisfied: call.Satisfied == true ? 1 : 0,
            Unsatisfied: call.Reopened,
            Overdue: call.WasOverdue ? 1 : 0,
            Accountable: call.WasAccountable ? 1 : 0);
        yield return (All, c);
        if (call.DepartmentId is not null) yield return (call.DepartmentId, c);
    }

    /// <summary>The change to apply to each counter row when a call goes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyDictionary<string, CallCounts> Delta(HotlineCall? before, HotlineCall after)
    {
        var delta = new Dictionary<string, CallCounts>();
        foreach (var (key, counts) in Of(after)) delta[key] = delta.GetValueOrDefault(key, Zero) + counts;
        foreach (var (key, counts) in Of(before)) delta[key] = delta.GetValueOrDefault(key, Zero) - counts;
        foreach (var (key, counts) in delta) if (counts == Zero) delta.Remove(key);
        return delta;
    }

    public static CallCounts operator +(CallCounts a, CallCounts b) => Add(a, b, 1);
    public static CallCounts operator -(CallCounts a, CallCounts b) => Add(a, b, -1);

    public static readonly string[] Names =
        [nameof(Received), nameof(AnsweredAtOnce), nameof(Assigned), nameof(Escalated), nameof(Open), nameof(Closed),
         nameof(ClosedOnTime), nameof(Satisfied), nameof(Unsatisfied), nameof(Overdue), nameof(Accountable)];

    public long[] ToArray() => [Received, AnsweredAtOnce, Assigned, Escalated, Open, Closed, ClosedOnTime, Satisfied, Unsatisfied, Overdue, Accountable];

    public static CallCounts FromArray(IReadOnlyList<long> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);

    /// <summary>a + sign × b, field by field (on the intake path: no arrays, no delegates).</summary>
    private static CallCounts Add(CallCounts a, CallCounts b, int sign) => new(
        a.Received + sign * b.Received, a.AnsweredAtOnce + sign * b.AnsweredAtOnce, a.Assigned + sign * b.Assigned,
        a.Escalated + sign * b.Escalated, a.Open + sign * b.Open, a.Closed + sign * b.Closed, a.ClosedOnTime + sign * b.ClosedOnTime,
        a.Satisfied + sign * b.Satisfied, a.Unsatisfied + sign * b.Unsatisfied, a.Overdue + sign * b.Overdue,
        a.Accountable + sign * b.Accountable);

    /// <summary>Share of closed calls closed on time, and of called-back callers satisfied (0–1; null when there are none).</summary>
    public double? OnTimeRate => Closed == 0 ? null : ClosedOnTime / (double)Closed;
    public double? SatisfactionRate => Satisfied + Unsatisfied == 0 ? null : Satisfied / (double)(Satisfied + Unsatisfied);
}
