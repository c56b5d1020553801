using FsCheck;
using FsCheck.Fluent;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Organization;
using GovFunctions.Supervision;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The scorecard counts kept change by change (what the counters add in each transaction) equal a brute-force recount
/// over the final records, for items driven through any sequence of the real transitions and timer runs — across 国庆
/// and the 调休 Saturdays of autumn 2026.
/// </summary>
public class SupervisionCountsPropertyTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly WorkingCalendar Calendar = Seeds.Calendar();
    private static readonly SupervisionThresholds Thresholds = new();
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-09-14T10:00:00+08:00");

    public enum Op { Acknowledge, OwnerReport, CoReport, Complete, Accept, Return, Extend, Timer }

    public sealed record Step(int Hours, Op Op, int Percent);

    public sealed record Script(int DueInDays, ProgressCadence Cadence, bool Proposal, Step[] Steps);

    private static readonly Gen<Script> Scripts =
        from due in Gen.Choose(5, 60)
        from cadence in Gen.Elements(Enum.GetValues<ProgressCadence>())
        from proposal in Gen.Elements(true, false)
        from steps in Gen.ListOf(
            from hours in Gen.Choose(1, 120)
            from op in Gen.Elements(Enum.GetValues<Op>())
            from percent in Gen.Choose(0, 100)
            select new Step(hours, op, percent), 40)
        select new Script(due, cadence, proposal, steps.ToArray());

    private static Transition<SupervisedItem>? Apply(SupervisedItem item, Step step, DateTimeOffset now, ref int approvals)
    {
        var owner = Org.Person("wu-jianping");
        try
        {
            return step.Op switch
            {
                Op.Acknowledge => item.Acknowledge(owner, now),
                Op.OwnerReport => item.ReportProgress(owner, "进展", step.Percent, false, now),
                Op.CoReport => item.ReportProgress(Org.Person("xu-li"), "配合", step.Percent, false, now),
                Op.Complete => item.Complete(owner, "办结", now),
                Op.Accept => item.Verify(Org.Person("bai-xue"), true, null, Org, now),
                Op.Return => item.Verify(Org.Person("bai-xue"), false, "材料不全", Org, now),
                Op.Extend => item.RequestExtension(owner, item.DueDate.AddDays(7), "延期", $"ap-{++approvals}", Org, now).Next
                    .ExtensionDecidedBy($"ap-{approvals}", step.Percent % 2 == 0, null),
                _ => SupervisionClock.WarningsDue(item, now, Calendar, Thresholds) is { Count: > 0 } due ? item.Warn(due, now) : null,
            };
        }
        catch (GovException)
        {
            return null; // refused in this state, as it would be through the routes
        }
    }

    [Fact]
    public void CountsKeptPerChange_EqualTheRecountFromTheFinalRecord()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Scripts.ToArbitrary(), script =>
        {
            var intake = new SupervisionIntake("扩容", script.Proposal ? SupervisionSource.Proposal : SupervisionSource.Deployment, null, "education",
                ["health"], DateOnly.FromDateTime(Start.AddDays(script.DueInDays).DateTime), script.Cadence, script.Proposal ? "张代表" : null, null);
            var item = SupervisedItem.Register("sv-1", SupervisionRules.Validate(intake, Org.Person("bai-xue"), Org, ChinaTime.DateOf(Start), 3),
                Org.Person("bai-xue"), Start).Next;
            var kept = new List<CountDelta>();
            var now = Start;
            var approvals = 0;
            foreach (var step in script.Steps)
            {
                now = now.AddHours(step.Hours);
                if (Apply(item, step, now, ref approvals) is not { } t) continue;
                kept.AddRange(SupervisionCounts.Delta(item, t.Next, now, Calendar, Thresholds));
                item = t.Next;
            }
            var recount = SupervisionCounts.Sum(SupervisionCounts.Recount(item, Calendar, Thresholds));
            Assert.Equal(recount.OrderBy(k => k.Key).ToList(), SupervisionCounts.Sum(kept).OrderBy(k => k.Key).ToList());
        }));
    }
}
