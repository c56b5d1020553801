using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Hotline;
using GovFunctions.Organization;
using GovFunctions.Platform.Routing;
using GovFunctions.Reports;
using GovFunctions.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovFunctions.Benchmarks;

/// <summary>
/// A month of work for the report benchmark, written through the app's own stores in parallel, so every counter and index
/// is the one the app's transactions keep: hotline calls through <see cref="HotlineCallStore"/> (answered, assigned and
/// open, replied and called back, overdue), supervised items through <see cref="SupervisionService"/> and approvals through
/// the engine's own start handler, on a clock that walks through the last two months.
/// </summary>
public sealed class ReportSeeding(BenchApp app, WalkingClock clock, int concurrency)
{
    private ParallelOptions Parallel => new() { MaxDegreeOfParallelism = concurrency };

    /// <summary>Calls received over <paramref name="period"/>, spread evenly, through the call store (counters and all).</summary>
    public async Task CallsAsync(ReportPeriod period, int calls, int offset, CancellationToken ct = default)
    {
        var org = await app.Get<OrganizationStore>().OrganizationAsync(ct);
        var calendar = await app.Get<OrganizationStore>().CalendarAsync(ct);
        var store = app.Get<HotlineCallStore>();
        var deadlines = app.Get<IOptions<HotlineOptions>>().Value.Deadlines;
        var operatorPerson = org.People.First(p => p.Role == Role.HotlineOperator);
        var actor = new Actor(operatorPerson.Id, operatorPerson.Name);
        var departments = org.Departments.Where(d => d.Kind != DepartmentKind.Office).Select(d => d.Id).ToList();
        var span = period.End - period.Start;
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, calls), Parallel, async (i, token) =>
        {
            var n = offset + i;
            var receivedAt = period.Start + span * ((i + 0.5) / calls);
            var category = (CallCategory)(n % 5);
            var kind = n % 20; // 0–13 answered at once; 14–15 assigned, open; 16–17 replied, satisfied; 18 replied late; 19 overdue
            var assign = kind >= 14;
            var intake = new CallIntake("市民" + n, $"139{n % 100000000:D8}", receivedAt, category,
                $"来电反映第{n % 997}号小区的问题，请求有关部门尽快处理并答复。", $"第{n % 997}号小区",
                assign ? Disposition.Assign : Disposition.Answered, assign ? null : "已按政策解答，来电人表示清楚。",
                assign ? departments[n % departments.Count] : null);
            var dueAt = HotlineRules.DeadlineFor(category, receivedAt, calendar, deadlines);
            var stored = await store.CreateAsync(shard => HotlineCall.Receive(HotlineIds.New(receivedAt, shard), intake, operatorPerson.Id,
                [], receivedAt, dueAt, ApprovalEngine.NewId(), org), actor, token);
            if (kind is >= 16 and <= 18)
            {
                var repliedAt = kind == 18 ? dueAt.AddDays(1) : receivedAt.AddHours(20);
                await store.ApplyAsync(stored.Id, actor, (c, _) => c.Replied("已办理并答复来电人。", repliedAt), null, token);
            }
            if (kind is 16 or 17)
                await store.ApplyAsync(stored.Id, actor,
                    (c, _) => c.CalledBack(true, "满意", c.RepliedAt!.Value.AddHours(4), dueAt, null, org), null, token);
            if (kind == 19) await store.ApplyAsync(stored.Id, actor, (c, _) => c.MarkOverdueReminded(dueAt.AddDays(1)), null, token);
        });
    }

    /// <summary>
    /// Supervised items registered in batches over the last <paramref name="days"/> days, due 10 to 69 days after, half of them
    /// acknowledged: by now some are overdue (red), some near their deadline, some well ahead.
    /// </summary>
    public async Task ItemsAsync(int items, DateTimeOffset now, int days, CancellationToken ct = default)
    {
        var org = await app.Get<OrganizationStore>().OrganizationAsync(ct);
        var calendar = await app.Get<OrganizationStore>().CalendarAsync(ct);
        var service = app.Get<SupervisionService>();
        var office = org.Person("sun-huimin");
        var departments = org.Departments.Where(d => d.Kind != DepartmentKind.Office).Select(d => d.Id).ToList();
        await InBatchesAsync(items, now, days, calendar, async (i, token) =>
        {
            var dept = departments[i % departments.Count];
            var due = ChinaTime.DateOf(clock.GetUtcNow()).AddDays(10 + i % 60);
            var item = await service.RegisterAsync(office, new SupervisionIntake($"第{i}项重点工作：推进老旧小区改造与民生实事落实",
                SupervisionSource.Deployment, null, dept, [], due, ProgressCadence.Monthly, null, null), token);
            if (i % 2 == 0)
                await service.ActAsync(org.HeadOf(dept), item.Id, "acknowledge", new(null, null, false, null, null, null), token);
        }, ct);
    }

    /// <summary>Approvals of one step each, started over the last <paramref name="days"/> days by the engine's own handler.</summary>
    public async Task ApprovalsAsync(int approvals, DateTimeOffset now, int days, CancellationToken ct = default)
    {
        var org = await app.Get<OrganizationStore>().OrganizationAsync(ct);
        var calendar = await app.Get<OrganizationStore>().CalendarAsync(ct);
        var engine = app.Get<ApprovalEngine>();
        var router = app.Services.GetServices<IQueueHandler>().OfType<StepRouter>().Single();
        var clerk = org.Person("bai-xue");
        var heads = org.Departments.Where(d => d.Kind != DepartmentKind.Office).Select(d => org.HeadOf(d.Id).Id).ToList();
        await InBatchesAsync(approvals, now, days, calendar, async (i, token) =>
        {
            var step = new StepSpec("部门负责人审批", StepKind.Single, [heads[i % heads.Count]]);
            var request = new ApprovalRequest(ApprovalEngine.NewId(), HotlineCallStore.Feature, $"bench-{i}", $"工作事项审批（第{i}件）",
                clerk.Id, [new Fact("事项", $"第{i}件工作事项")], [step], []);
            await router.HandleAsync(engine.StartMessage(request).Envelope, token);
        }, ct);
    }

    /// <summary>The work in ten batches, the clock moved to a working morning before each, from <paramref name="days"/> ago to
    /// now.</summary>
    private async Task InBatchesAsync(int count, DateTimeOffset now, int days, WorkingCalendar calendar,
        Func<int, CancellationToken, Task> work, CancellationToken ct)
    {
        const int batches = 10;
        for (var b = 0; b < batches; b++)
        {
            var day = ChinaTime.DateOf(now.AddDays(-days + days * b / (double)batches));
            while (!calendar.IsWorkingDay(day)) day = day.AddDays(-1);
            var at = ChinaTime.At(day, new TimeOnly(10, 0));
            clock.MoveTo(at < now ? at : now);
            var (from, to) = (count * b / batches, count * (b + 1) / batches);
            await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(from, to - from),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (i, token) => await work(i, token));
        }
        clock.MoveTo(now);
    }
}
