using GovFunctions.Hotline;
using GovFunctions.Organization;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The hotline's figures kept as counters (Art. 37 reporting, Art. 32 accountability): each call contributes by its current
/// state, each change applies the difference. The invariant: after any sequence of changes the counters equal the sum of
/// <see cref="CallCounts.Of"/> over the calls' current states, so a report reads counter rows instead of scanning calls.
/// </summary>
public class CallCountsTests
{
    private static readonly OrgChart Org = Seeds.Organization();

    /// <summary>The head of the handling department (urban management), who asks for an extension.</summary>
    private static readonly Person Requester = Org.HeadOf("urban-management");

    private static readonly DateTimeOffset Received = DateTimeOffset.Parse("2026-11-25T10:00:00+08:00");
    private static readonly DateTimeOffset Due = DateTimeOffset.Parse("2026-12-14T17:30:00+08:00");

    private static HotlineCall New(string id, Disposition disposition, string? departmentId = null) =>
        new HotlineCall(id, "来电人" + id, "13812345678", Received, CallCategory.Complaint, "幸福路小区门口的路灯坏了。", "幸福路12号",
            "cao-xiaowen", disposition, disposition == Disposition.Answered ? "已当场解答" : null, disposition switch
            {
                Disposition.Answered => CallStatus.Closed,
                Disposition.Assign => CallStatus.Assigned,
                _ => CallStatus.Escalated,
            })
        {
            DepartmentId = departmentId,
            DueAt = disposition == Disposition.Assign ? Due : null,
            ApprovalId = disposition == Disposition.Answered ? null : "ap-" + id,
            ClosedAt = disposition == Disposition.Answered ? Received : null,
        };

    private static HotlineCall Answered(string id = "c-answered") => New(id, Disposition.Answered);
    private static HotlineCall Assigned(string id = "c-assigned", string departmentId = "urban-management") => New(id, Disposition.Assign, departmentId);
    private static HotlineCall Escalated(string id = "c-escalated", string? departmentId = null) => New(id, Disposition.Escalate, departmentId);

    private static Dictionary<string, CallCounts> OfAsDictionary(HotlineCall call) => CallCounts.Of(call).ToDictionary(e => e.Key, e => e.Counts);

    // ---- Of -----------------------------------------------------------------------------------------------------------

    [Fact]
    public void Of_NoCall_ContributesNothing() => Assert.Empty(CallCounts.Of(null));

    [Fact]
    public void Of_ACallAnsweredAtOnce_CountsAsReceivedAnsweredClosedAndOnTime_UnderAllOnly()
    {
        var (key, counts) = Assert.Single(CallCounts.Of(Answered()));
        Assert.Equal(CallCounts.All, key);
        Assert.Equal(new CallCounts(Received: 1, AnsweredAtOnce: 1, Closed: 1, ClosedOnTime: 1), counts);
    }

    [Fact]
    public void Of_AnAssignedCall_CountsAsReceivedAssignedOpen_UnderAllAndItsDepartment()
    {
        var of = OfAsDictionary(Assigned());
        Assert.Equal(new[] { CallCounts.All, "urban-management" }, of.Keys.Order().ToArray());
        var expected = new CallCounts(Received: 1, Assigned: 1, Open: 1);
        Assert.Equal(expected, of[CallCounts.All]);
        Assert.Equal(expected, of["urban-management"]);
    }

    [Fact]
    public void Of_AnEscalatedCall_WithoutADepartment_CountsAsEscalatedOpen_UnderAllOnly()
    {
        var (key, counts) = Assert.Single(CallCounts.Of(Escalated()));
        Assert.Equal(CallCounts.All, key);
        Assert.Equal(new CallCounts(Received: 1, Escalated: 1, Open: 1), counts);
    }

    [Fact]
    public void Of_AnEscalatedCall_ConcerningADepartment_CountsUnderThatDepartmentToo()
    {
        var of = OfAsDictionary(Escalated(departmentId: "education"));
        Assert.Equal(new[] { CallCounts.All, "education" }, of.Keys.Order().ToArray());
        Assert.Equal(new CallCounts(Received: 1, Escalated: 1, Open: 1), of["education"]);
    }

    [Fact]
    public void Of_AnInstructedCall_CountsAsBothEscalatedAndAssigned()
    {
        var instructed = Escalated().Instructed("请住建局办理", "wang-lijuan", "housing", Due, "ap-2", Org).Next;
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Escalated: 1, Open: 1), OfAsDictionary(instructed)["housing"]);
    }

    [Fact]
    public void Of_ALateReply_CountsAsOverdue_AndTheClosedCallIsNotOnTime()
    {
        var late = Assigned().Replied("已修复", Due.AddDays(2)).Next;
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Open: 1, Overdue: 1), OfAsDictionary(late)[CallCounts.All]);

        var closed = late.CalledBack(true, null, Due.AddDays(3), Due, null, Org).Next;
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Closed: 1, Satisfied: 1, Overdue: 1), OfAsDictionary(closed)[CallCounts.All]);
    }

    [Fact]
    public void Of_AnOnTimeReplySatisfied_IsClosedOnTime_AndEachUnsatisfiedCallBackCounts()
    {
        var call = Assigned().Replied("已修复", Due.AddDays(-5)).Next.CalledBack(false, "未修好", Due.AddDays(-4), Due, "ap-2", Org).Next
            .Replied("已更换", Due.AddDays(-1)).Next.CalledBack(true, null, Due, Due, null, Org).Next;
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Closed: 1, ClosedOnTime: 1, Satisfied: 1, Unsatisfied: 1),
            OfAsDictionary(call)[CallCounts.All]);
    }

    [Fact]
    public void Of_AnAccountableCall_CountsAsOverdueAndAccountable_Art32()
    {
        var call = Assigned().MarkOverdueReminded(Due.AddDays(1)).Next.MarkAccountable(Due.AddDays(8)).Next;
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Open: 1, Overdue: 1, Accountable: 1), OfAsDictionary(call)["urban-management"]);
    }

    // ---- Delta ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Delta_OfANewCall_IsWhatTheCallContributes()
    {
        foreach (var call in new[] { Answered(), Assigned(), Escalated(), Escalated(departmentId: "education") })
            Assert.Equal(OfAsDictionary(call), CallCounts.Delta(null, call).ToDictionary());
    }

    [Fact]
    public void Delta_OfAChangeThatMovesNoCounter_IsEmpty()
    {
        var assigned = Assigned();
        var pending = assigned.RequestExtension(Requester, new ExtensionRequest("ap-ext", 5, "需协调", "lin-tao"), Org).Next;
        Assert.Empty(CallCounts.Delta(assigned, pending));
        Assert.Empty(CallCounts.Delta(pending, pending.ExtensionDecided(true, Due.AddDays(7)).Next));
        Assert.Empty(CallCounts.Delta(assigned, assigned));
    }

    [Fact]
    public void Delta_AnEscalatedCallWithoutADepartment_TheDepartmentKeyAppearsOnlyWhenItIsInstructedToOne()
    {
        var escalated = Escalated();
        Assert.Equal(new[] { CallCounts.All }, CallCounts.Delta(null, escalated).Keys.ToArray());

        var instructed = escalated.Instructed("请住建局办理", "wang-lijuan", "housing", Due, "ap-2", Org).Next;
        var delta = CallCounts.Delta(escalated, instructed);

        Assert.Equal(new[] { CallCounts.All, "housing" }, delta.Keys.Order().ToArray());
        Assert.Equal(new CallCounts(Assigned: 1), delta[CallCounts.All]);
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Escalated: 1, Open: 1), delta["housing"]);
    }

    [Fact]
    public void Delta_AnEscalatedCallInstructedToAnotherDepartment_MovesItsContributionToThatDepartment()
    {
        var escalated = Escalated(departmentId: "education");
        var instructed = escalated.Instructed("由民政局牵头办理", "chen-siyuan", "civil-affairs", Due, "ap-2", Org).Next;
        var delta = CallCounts.Delta(escalated, instructed);

        Assert.Equal(new[] { CallCounts.All, "civil-affairs", "education" }, delta.Keys.Order().ToArray());
        Assert.Equal(new CallCounts(Assigned: 1), delta[CallCounts.All]);
        Assert.Equal(CallCounts.Zero - new CallCounts(Received: 1, Escalated: 1, Open: 1), delta["education"]);
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Escalated: 1, Open: 1), delta["civil-affairs"]);
    }

    [Fact]
    public void Delta_ASatisfiedCallBack_ClosesTheCallInBothItsRows()
    {
        var replied = Assigned().Replied("已修复", Due.AddDays(-1)).Next;
        var delta = CallCounts.Delta(replied, replied.CalledBack(true, null, Due, Due, null, Org).Next);
        var expected = new CallCounts(Open: -1, Closed: 1, ClosedOnTime: 1, Satisfied: 1);
        Assert.Equal(expected, delta[CallCounts.All]);
        Assert.Equal(expected, delta["urban-management"]);
    }

    // ---- the invariant -------------------------------------------------------------------------------------------------

    /// <summary>What the service does: applies each change's delta to the counter rows and keeps the call's new state.</summary>
    private sealed class Ledger
    {
        private readonly Dictionary<string, HotlineCall> _calls = [];

        public Dictionary<string, CallCounts> Counters { get; } = [];

        public HotlineCall this[string id] => _calls[id];

        public void Apply(HotlineCall next)
        {
            var before = _calls.GetValueOrDefault(next.Id);
            foreach (var (key, delta) in CallCounts.Delta(before, next))
                Counters[key] = Counters.GetValueOrDefault(key, CallCounts.Zero) + delta;
            _calls[next.Id] = next;
            AssertCountersEqualTheSumOverTheCalls();
        }

        public void Apply(string id, Func<HotlineCall, HotlineCall> change) => Apply(change(_calls[id]));

        public Dictionary<string, CallCounts> SumOverTheCalls()
        {
            var sum = new Dictionary<string, CallCounts>();
            foreach (var call in _calls.Values)
                foreach (var (key, counts) in CallCounts.Of(call))
                    sum[key] = sum.GetValueOrDefault(key, CallCounts.Zero) + counts;
            return sum;
        }

        public void AssertCountersEqualTheSumOverTheCalls()
        {
            var sum = SumOverTheCalls();
            foreach (var key in sum.Keys.Union(Counters.Keys))
                Assert.Equal(sum.GetValueOrDefault(key, CallCounts.Zero), Counters.GetValueOrDefault(key, CallCounts.Zero));
        }
    }

    [Fact]
    public void Counters_AfterAnySequenceOfChanges_EqualTheSumOverTheCallsCurrentStates()
    {
        var ledger = new Ledger();
        Assert.Empty(ledger.Counters);

        // A: assigned → replied on time → unsatisfied call-back → reminded → replied late → satisfied call-back.
        // B: escalated without a department → instructed to housing.
        // C: answered at once.
        // D: assigned → extension asked and approved → reminded → accountable (Art. 32), still open.
        // E: escalated concerning education → instructed to civil affairs → replied on time → satisfied call-back.
        ledger.Apply(Assigned("A", "urban-management"));
        ledger.Apply(Escalated("B"));
        ledger.Apply(Answered("C"));
        ledger.Apply(Assigned("D", "health"));
        ledger.Apply(Escalated("E", "education"));
        ledger.Apply("A", c => c.Replied("已修复", Due.AddDays(-10)).Next);
        ledger.Apply("B", c => c.Instructed("请住建局办理", "wang-lijuan", "housing", Due, "ap-B2", Org).Next);
        ledger.Apply("D", c => c.RequestExtension(Org.HeadOf("health"), new ExtensionRequest("ap-D-ext", 5, "需协调供电部门", "xu-li"), Org).Next);
        ledger.Apply("A", c => c.CalledBack(false, "路灯仍不亮", Due.AddDays(-9), Due.AddDays(-2), "ap-A2", Org).Next);
        ledger.Apply("E", c => c.Instructed("由民政局牵头", "chen-siyuan", "civil-affairs", Due, "ap-E2", Org).Next);
        ledger.Apply("D", c => c.ExtensionDecided(true, Due.AddDays(7)).Next);
        ledger.Apply("A", c => c.MarkOverdueReminded(Due.AddDays(-1)).Next);
        ledger.Apply("E", c => c.Replied("已上门核实并解决", Due.AddDays(-1)).Next);
        ledger.Apply("A", c => c.Replied("已更换线路", Due).Next);
        ledger.Apply("D", c => c.MarkOverdueReminded(Due.AddDays(8)).Next);
        ledger.Apply("E", c => c.CalledBack(true, "满意", Due, Due, null, Org).Next);
        ledger.Apply("A", c => c.CalledBack(true, "满意", Due.AddDays(1), Due, null, Org).Next);
        ledger.Apply("D", c => c.MarkAccountable(Due.AddDays(16)).Next);

        ledger.AssertCountersEqualTheSumOverTheCalls();

        Assert.Equal(new CallCounts(Received: 5, AnsweredAtOnce: 1, Assigned: 4, Escalated: 2, Open: 2, Closed: 3, ClosedOnTime: 2,
            Satisfied: 2, Unsatisfied: 1, Overdue: 2, Accountable: 1), ledger.Counters[CallCounts.All]);
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Closed: 1, Satisfied: 1, Unsatisfied: 1, Overdue: 1),
            ledger.Counters["urban-management"]);
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Escalated: 1, Open: 1), ledger.Counters["housing"]);
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Open: 1, Overdue: 1, Accountable: 1), ledger.Counters["health"]);
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Escalated: 1, Closed: 1, ClosedOnTime: 1, Satisfied: 1),
            ledger.Counters["civil-affairs"]);
        Assert.Equal(CallCounts.Zero, ledger.Counters["education"]); // E moved away from the department it was escalated with

        // The department rows add up to the "all" row less the one call that never had a department (C, answered at once).
        var departments = ledger.Counters.Where(c => c.Key != CallCounts.All).Aggregate(CallCounts.Zero, (s, c) => s + c.Value);
        Assert.Equal(ledger.Counters[CallCounts.All] - OfAsDictionary(ledger["C"])[CallCounts.All], departments);

        Assert.Equal(2 / 3.0, ledger.Counters[CallCounts.All].OnTimeRate);
        Assert.Equal(2 / 3.0, ledger.Counters[CallCounts.All].SatisfactionRate);
    }

    [Fact]
    public void Counters_ReplayingTheSameStateTwice_ChangeNothing()
    {
        var ledger = new Ledger();
        var call = Assigned();
        ledger.Apply(call);
        var before = new Dictionary<string, CallCounts>(ledger.Counters);
        ledger.Apply(call);
        Assert.Equal(before, ledger.Counters);
    }

    /// <summary>
    /// A call that missed its deadline, was reminded and went on the accountability list (Art. 32) stays a call that was
    /// overdue and accountable when the caller is unsatisfied with the late reply and it is reopened: the accountability
    /// list keeps it, and the month's figures must agree with the list.
    /// </summary>
    [Fact]
    public void UnsatisfiedCallBack_OfACallOnTheAccountabilityList_KeepsItCountedAsOverdueAndAccountable_Art32()
    {
        var ledger = new Ledger();
        ledger.Apply(Assigned("A"));
        ledger.Apply("A", c => c.MarkOverdueReminded(Due.AddDays(1)).Next);
        ledger.Apply("A", c => c.MarkAccountable(Due.AddDays(8)).Next);
        Assert.Equal(1, ledger.Counters[CallCounts.All].Overdue);
        Assert.Equal(1, ledger.Counters[CallCounts.All].Accountable);

        ledger.Apply("A", c => c.Replied("已修复", Due.AddDays(10)).Next);
        ledger.Apply("A", c => c.CalledBack(false, "仍未修好", Due.AddDays(11), Due.AddDays(30), "ap-A2", Org).Next);

        Assert.Equal(1, ledger.Counters[CallCounts.All].Overdue);
        Assert.Equal(1, ledger.Counters[CallCounts.All].Accountable);
        Assert.Equal(1, ledger.Counters["urban-management"].Accountable);
    }

    // ---- rates ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Rates_WithNothingToRate_AreNull()
    {
        Assert.Null(CallCounts.Zero.OnTimeRate);
        Assert.Null(CallCounts.Zero.SatisfactionRate);
        var openOnly = new CallCounts(Received: 3, Assigned: 3, Open: 3, Overdue: 1);
        Assert.Null(openOnly.OnTimeRate);
        Assert.Null(openOnly.SatisfactionRate);
    }

    [Fact]
    public void OnTimeRate_IsTheShareOfClosedCallsClosedOnTime()
    {
        Assert.Equal(0.75, new CallCounts(Closed: 4, ClosedOnTime: 3).OnTimeRate);
        Assert.Equal(1.0, new CallCounts(Received: 2, AnsweredAtOnce: 2, Closed: 2, ClosedOnTime: 2).OnTimeRate);
        Assert.Equal(0.0, new CallCounts(Closed: 2).OnTimeRate);
    }

    [Fact]
    public void SatisfactionRate_IsTheShareOfCallBacksThatFoundTheCallerSatisfied()
    {
        Assert.Equal(0.75, new CallCounts(Satisfied: 3, Unsatisfied: 1).SatisfactionRate);
        Assert.Equal(1.0, new CallCounts(Satisfied: 1).SatisfactionRate);
        Assert.Equal(0.0, new CallCounts(Unsatisfied: 2).SatisfactionRate);
    }

    // ---- arithmetic and storage shape ---------------------------------------------------------------------------------

    [Fact]
    public void Arithmetic_IsFieldByField()
    {
        var a = new CallCounts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        var b = new CallCounts(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        Assert.Equal(new CallCounts(12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12), a + b);
        Assert.Equal(new CallCounts(-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10), a - b);
        Assert.Equal(a, a + CallCounts.Zero);
        Assert.Equal(CallCounts.Zero, a - a);
    }

    [Fact]
    public void ToArray_FollowsNames_AndFromArrayRoundTrips()
    {
        var a = new CallCounts(Received: 1, AnsweredAtOnce: 2, Assigned: 3, Escalated: 4, Open: 5, Closed: 6, ClosedOnTime: 7,
            Satisfied: 8, Unsatisfied: 9, Overdue: 10, Accountable: 11);
        Assert.Equal(CallCounts.Names.Length, a.ToArray().Length);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i).ToArray(), a.ToArray());
        Assert.Equal(a, CallCounts.FromArray(a.ToArray()));
        var byName = typeof(CallCounts).GetProperties().Where(p => p.PropertyType == typeof(long)).ToDictionary(p => p.Name, p => (long)p.GetValue(a)!);
        Assert.Equal(CallCounts.Names.Select(n => byName[n]).ToArray(), a.ToArray());
    }
}
