using FsCheck;
using FsCheck.Fluent;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Legal;
using GovFunctions.Organization;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The scorecard counts kept change by change (what the counters add in each transaction) equal a brute-force recount
/// over the final records, for items driven through any sequence of the real transitions and timer runs — across 国庆
/// and the 调休 Saturdays of autumn 2026; and the same for the decision procedure (第十九条: agenda refusals with their
/// accountability flags, against the decisions put on an agenda) and the normative documents (第二十一条: filed on time),
/// recounted from the decision's history and the document's final record.
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

    public enum DecisionOp { Attempt, Submit, Defer, Adopt }

    public enum DocumentOp { Submit, Pass, Fail, Publish, File, Timer }

    private static readonly Gen<(bool Ready, (int Hours, DecisionOp Op)[] Steps)> DecisionScripts =
        from ready in Gen.Elements(true, false)
        from steps in Gen.ListOf(
            from hours in Gen.Choose(1, 400)
            from op in Gen.Elements(Enum.GetValues<DecisionOp>())
            select (hours, op), 12)
        select (ready, steps.ToArray());

    private static readonly Gen<(int Hours, DocumentOp Op)[]> DocumentScripts =
        from steps in Gen.ListOf(
            from hours in Gen.Choose(1, 200)
            from op in Gen.Elements(Enum.GetValues<DocumentOp>())
            select (hours, op), 14)
        select steps.ToArray();

    /// <summary>
    /// 第十九条: a decision ready or not (gates open), put on the agenda (refused and flagged while a gate is open), submitted,
    /// deferred and put on again, adopted — across months: what each change counts equals the recount from its history.
    /// </summary>
    [Fact]
    public void DecisionComplianceKeptPerChange_EqualsTheRecountFromTheHistory_Art19()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(DecisionScripts.ToArbitrary(), script =>
        {
            var d = script.Ready ? DecisionSamples.Ready() : DecisionSamples.Draft(["finance"]);
            var now = DecisionSamples.Now;
            var kept = new List<CountDelta>();
            var history = new List<HistoryEntry>();
            var reviews = 0;
            foreach (var (hours, op) in script.Steps)
            {
                now = now.AddHours(hours);
                var today = ChinaTime.DateOf(now);
                Transition<Decision>? t;
                try
                {
                    t = op switch
                    {
                        DecisionOp.Attempt => DecisionRules.OpenGates(d, today, DecisionSamples.MinimumCommentDays) is { Count: > 0 } open
                            ? d.AgendaRefusedFor(open) : d.Schedule(MeetingType.Executive, today.AddDays(3)),
                        DecisionOp.Submit => d.Submit($"L{++reviews}", $"C{reviews}", Org),
                        DecisionOp.Defer => d.Decided(DecisionSamples.Outcome(MeetingResult.Deferred), now, TimeSpan.FromDays(365),
                            DecisionSamples.Attended),
                        _ => d.Decided(DecisionSamples.Outcome(MeetingResult.Adopted), now, TimeSpan.FromDays(365),
                            DecisionSamples.Attended),
                    };
                }
                catch (GovException)
                {
                    continue; // refused in this state, as through the routes
                }
                kept.AddRange(ProcedureCounts.Decision(d, t, now));
                history.Add(new HistoryEntry(now, "sun-huimin", "孙慧敏", ((IStateful)d).StateName, ((IStateful)t.Next).StateName, t.Reason));
                d = t.Next;
            }
            var recount = SupervisionCounts.Sum(ProcedureCounts.RecountDecision(history));
            Assert.Equal(recount.OrderBy(k => k.Key).ToList(), SupervisionCounts.Sum(kept).OrderBy(k => k.Key).ToList());
        }));
    }

    /// <summary>
    /// 第二十一条: a document reviewed (passed or refused), published, filed early or late, chased by the filing timer before
    /// and after its deadline, in any order: what each change counts equals the recount from its final record.
    /// </summary>
    [Fact]
    public void NormativeFiledOnTimeKeptPerChange_EqualsTheRecountFromTheFinalRecord_Art21()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(DocumentScripts.ToArbitrary(), steps =>
        {
            var d = NormativeDocument.Register("nd-1", new DocumentIntake("管理办法", "内容", "finance", ["finance"], []), "huang-xiuying",
                Start).Next;
            var now = Start;
            var kept = new List<CountDelta>();
            var reviews = 0;
            foreach (var (hours, op) in steps)
            {
                now = now.AddHours(hours);
                Transition<NormativeDocument>? t;
                try
                {
                    t = op switch
                    {
                        DocumentOp.Submit => d.SubmittedForReview($"ap-{++reviews}", Org, "huang-xiuying"),
                        DocumentOp.Pass => d.Reviewed($"ap-{reviews}", true, null),
                        DocumentOp.Fail => d.Reviewed($"ap-{reviews}", false, "依据不足"),
                        DocumentOp.Publish => d.Published(now, Calendar.DeadlineAfter(now, 5)),
                        DocumentOp.File => d.Filed(now),
                        _ => d.FilingChased(now, Calendar, 2),
                    };
                }
                catch (GovException)
                {
                    continue;
                }
                if (t is null) continue;
                kept.AddRange(ProcedureCounts.Document(d, t.Next));
                d = t.Next;
            }
            Assert.Equal(SupervisionCounts.Sum(ProcedureCounts.RecountDocument(d)).OrderBy(k => k.Key).ToList(),
                SupervisionCounts.Sum(kept).OrderBy(k => k.Key).ToList());
        }));
    }
}
