using GovFunctions.Accountability;
using GovFunctions.Common;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Supervision;

/// <summary>Supervised items end to end through the functions, the pipeline, the queues and the mail (Art. 30, 32).</summary>
public class SupervisionFlowTests : AppTest
{
    private const string OfficeClerk = "bai-xue";
    private const string Office = "office@qinghe.example.org";

    // Monday Nov 2, 2026, 10:00 in Beijing.
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-02T10:00:00+08:00");

    private SupervisionFunctions Functions => Function<SupervisionFunctions>();

    private async Task<string> RegisterAsync(string due = "2026-11-30", string owner = "education", string[]? co = null)
    {
        var result = await Functions.RegisterSupervisedItem(Http.Request("POST", "supervision/items", EmailOf(OfficeClerk), json: new
        {
            title = "推进义务教育学校扩容", source = "deployment", ownerDepartmentId = owner, coDepartmentIds = co ?? [], dueDate = due, cadence = "weekly",
        }));
        Assert.Equal(201, Http.StatusOf(result));
        await Pump.RunAsync();
        return ((SupervisionCreatedView)((CreatedResult)result).Value!).Id;
    }

    private Task<IActionResult> ActAsync(string person, string id, string action, object body) =>
        Functions.ActOnSupervisedItem(Http.Request("POST", $"supervision/items/{id}/{action}", EmailOf(person), json: body), id, action);

    private async Task<SupervisedItem> ItemAsync(string id) => (await App.Get<SupervisionService>().GetAsync(id)).Value;

    [Fact]
    public async Task Registration_DerivesTheLeader_AndMailsTheOwnersHead()
    {
        var result = await Functions.RegisterSupervisedItem(Http.Request("POST", "supervision/items", EmailOf(OfficeClerk), json: new
        {
            title = "推进义务教育学校扩容", source = "deployment", ownerDepartmentId = "education", coDepartmentIds = new[] { "health" },
            dueDate = "2026-11-30", cadence = "weekly",
        }));
        var created = (SupervisionCreatedView)((CreatedResult)result).Value!;
        Assert.Equal(("assigned", "chen-siyuan"), (created.Status, created.SupervisingLeaderId));
        await Pump.RunAsync();
        var mail = Assert.Single(Mail.To(EmailOf("wu-jianping")));
        Assert.StartsWith("【督办交办】", mail.Subject);
        Assert.Empty(mail.Cc); // it carries the owner's links: never copied
        Assert.Single(Mail.To(EmailOf("xu-li")), m => m.Subject.StartsWith("【督办协办】")); // the co-operating department's head
        Assert.Equal(["assigned"], (await App.Get<SupervisionService>().Store.HistoryAsync(SupervisionService.KeyOf(created.Id))).Select(h => h.ToState));
    }

    [Fact]
    public async Task BadRegistration_NamesEachField_AndWritesNothing()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Functions.RegisterSupervisedItem(Http.Request("POST", "supervision/items",
            EmailOf(OfficeClerk), json: new { title = "", source = "proposal", ownerDepartmentId = "nowhere" })));
        Assert.Superset(new HashSet<string> { "title", "ownerDepartmentId", "proposer" }, e.Errors.Keys.ToHashSet());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Functions.RegisterSupervisedItem(Http.Request("POST", "supervision/items",
            EmailOf("cao-xiaowen"), json: new { title = "x", source = "deployment", ownerDepartmentId = "education", dueDate = "2026-11-30" })));
        var items = await App.Get<SupervisionService>().Store.WhereAsync(Azure.Data.Tables.TableClient.CreateQueryFilter($"State ge {""}")).CountAsync();
        Assert.Equal(0, items);
    }

    [Fact]
    public async Task Lifecycle_ThroughTheRoutes_EachStepRefusedOutOfTurn()
    {
        var id = await RegisterAsync(co: ["health"]);
        await Assert.ThrowsAsync<StateConflictException>(() => ActAsync("wu-jianping", id, "complete", new { text = "完成" }));
        Assert.Equal(200, Http.StatusOf(await ActAsync("wu-jianping", id, "acknowledge", new { })));
        await Assert.ThrowsAsync<AccessDeniedException>(() => ActAsync("gao-feng", id, "progress", new { text = "进展", percent = 10 }));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => ActAsync("wu-jianping", id, "progress", new { text = "进展", percent = 120 }));
        Assert.Contains("percent", bad.Errors.Keys);

        await ActAsync("xu-li", id, "progress", new { text = "卫健局配合", percent = 30, needsCoordination = true });
        await ActAsync("wu-jianping", id, "progress", new { text = "已完成选址", percent = 60 });
        await Pump.RunAsync();
        Assert.Single(Mail.To(EmailOf("chen-siyuan")), m => m.Subject.StartsWith("【需领导协调】"));

        await ActAsync("wu-jianping", id, "complete", new { text = "办结报告" });
        await Pump.RunAsync();
        Assert.Single(Mail.To(Office), m => m.Subject.StartsWith("【办结待复核】"));
        await Assert.ThrowsAsync<ValidationException>(() => ActAsync(OfficeClerk, id, "verify", new { accepted = false }));
        await ActAsync(OfficeClerk, id, "verify", new { accepted = false, reason = "缺少验收材料" });
        Assert.Equal(SupervisionStatus.InProgress, (await ItemAsync(id)).Status);
        await ActAsync("wu-jianping", id, "complete", new { text = "补充材料" });
        var detail = Http.ValueOf<SupervisedItemDetailView>(await ActAsync(OfficeClerk, id, "verify", new { accepted = true }));
        Assert.Equal("closed", detail.Item.Status);
        Assert.Equal(["assigned", "acknowledged", "inProgress", "inProgress", "completed", "inProgress", "completed", "closed"],
            detail.History.Select(h => h.ToState));
    }

    [Fact]
    public async Task AnExtension_IsDecidedByTheSupervisingLeaderThroughTheEngine()
    {
        var id = await RegisterAsync();
        await ActAsync("wu-jianping", id, "acknowledge", new { });
        await ActAsync("wu-jianping", id, "extension", new { dueDate = "2026-12-15", reason = "施工受阻" });
        await Pump.RunAsync();

        var item = await ItemAsync(id);
        var approval = (await Engine.FindAsync(item.PendingExtension!.ApprovalId))!.Value;
        var task = Assert.Single(approval.Tasks);
        Assert.Equal("chen-siyuan", task.ApproverId);
        var token = App.Get<GovFunctions.Approvals.ApprovalLinks>().TokenFor(approval.Id, task);
        Assert.Equal(200, Http.StatusOf(await DecideAsync(token, "approve", "同意延期")));
        await Pump.RunAsync();

        item = await ItemAsync(id);
        Assert.Equal((new DateOnly(2026, 12, 15), new DateOnly(2026, 11, 30)), (item.DueDate, item.OriginalDueDate));
        Assert.Single(Mail.To(EmailOf("wu-jianping")), m => m.Subject.StartsWith("【延期已批准】"));
    }

    [Fact]
    public async Task TheReminderTimer_SendsEachWarningOnce_WhenFiredTwiceOrOnTwoInstancesAtOnce()
    {
        var id = await RegisterAsync(due: "2026-11-30");
        await ActAsync("wu-jianping", id, "acknowledge", new { });
        App.Clock.Advance(DateTimeOffset.Parse("2026-11-24T10:00:00+08:00") - App.Clock.GetUtcNow());
        await ActAsync("wu-jianping", id, "progress", new { text = "收尾", percent = 90 }); // on time and on track
        App.Clock.Advance(DateTimeOffset.Parse("2026-11-25T09:30:00+08:00") - App.Clock.GetUtcNow()); // 3 working days left: blue

        var warnings = App.Get<SupervisionWarnings>();
        var counts = await Task.WhenAll(warnings.RunAsync(), warnings.RunAsync());
        Assert.Equal(1, counts.Sum());
        Assert.Equal(0, await warnings.RunAsync());
        await Pump.RunAsync();
        Assert.Single(Mail.To(EmailOf("wu-jianping")), m => m.Subject.StartsWith("【蓝色提醒】"));
    }

    [Fact]
    public async Task TheRedWarning_ReachesTheActingLeader_WhileTheSupervisingLeaderIsAway()
    {
        var id = await RegisterAsync(due: "2026-11-30");
        await ActAsync("wu-jianping", id, "acknowledge", new { });
        // The supervising deputy travels Dec 1–4; Art. 4: without a named acting person the executive deputy acts.
        var leave = await SubmitLeaveAsync("chen-siyuan", start: "2026-12-01T08:30:00+08:00", end: "2026-12-04T17:30:00+08:00");
        await Pump.RunAsync();
        await ApproveAsync(leave, "lin-jianguo");

        App.Clock.Advance(DateTimeOffset.Parse("2026-12-01T09:30:00+08:00") - App.Clock.GetUtcNow());
        await App.Get<SupervisionWarnings>().RunAsync();
        await Pump.RunAsync();

        var red = Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【红色督办】"));
        Assert.Contains(red.To, t => t.Address == EmailOf("zhou-minghua"));
        Assert.DoesNotContain(red.To, t => t.Address == EmailOf("chen-siyuan"));
        Assert.Contains(red.To, t => t.Address == Office);
        Assert.Contains("代", red.Text);
        Assert.Equal(SupervisionStatus.Acknowledged, (await ItemAsync(id)).Status);
    }

    [Fact]
    public async Task FiveWorkingDaysPastDue_TheItemIsListed_AndAMissedProposalTellsTheOfficeOnce_Art32()
    {
        var id = await RegisterAsync(due: "2026-11-20");
        await ActAsync("wu-jianping", id, "acknowledge", new { });
        // Five working days after Friday Nov 20: Nov 23–27.
        App.Clock.Advance(DateTimeOffset.Parse("2026-11-27T09:30:00+08:00") - App.Clock.GetUtcNow());
        await App.Get<SupervisionWarnings>().RunAsync();
        await Pump.RunAsync();

        var month = Http.ValueOf<AccountabilityMonthView>(await Function<AccountabilityFunctions>().AccountabilityMonth(
            Http.Request("GET", "accountability", EmailOf("lin-jianguo"), query: "month=2026-11")));
        var entry = Assert.Single(month.Entries);
        Assert.Equal(("supervision", id, "第三十二条", "wu-jianping", "awaiting"),
            (entry.Source, entry.SubjectId, entry.Article, entry.ResponsiblePersonId, entry.ProposalState));

        var accountability = App.Get<AccountabilityService>();
        App.Clock.Advance(entry.ProposalDueAt - App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await accountability.LapseAsync());
        Assert.Equal(0, await accountability.LapseAsync());
        await Pump.RunAsync();
        Assert.Single(Mail.To(Office), m => m.Subject.StartsWith("【问责】"));
        var lapsed = (await accountability.MonthAsync(2026, 11)).Single();
        Assert.Equal((ProposalState.NotProposed, "sun-huimin"), (lapsed.State, lapsed.NotProposingPersonId));
    }

    [Fact]
    public async Task TheList_ShowsEachPersonTheirScope_AndRefusesAnyoneWithout()
    {
        var education = await RegisterAsync(owner: "education");
        var housing = await RegisterAsync(owner: "housing");
        async Task<IReadOnlyList<string>> SeenBy(string person, string query = "") =>
            Http.ValueOf<IReadOnlyList<SupervisedItemView>>(await Functions.ListSupervisedItems(
                Http.Request("GET", "supervision/items", EmailOf(person), query: query))).Select(v => v.Id).ToList();

        Assert.Equal(new[] { education, housing }.Order(), (await SeenBy("lin-jianguo")).Order());
        Assert.Equal([education], await SeenBy("chen-siyuan"));
        Assert.Equal([housing], await SeenBy("wang-lijuan"));
        Assert.Equal([housing], await SeenBy("gao-feng"));
        Assert.Equal([housing], await SeenBy(OfficeClerk, "department=housing&status=assigned"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => SeenBy("cao-xiaowen"));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => SeenBy(OfficeClerk, "color=purple"));
        Assert.Contains("color", bad.Errors.Keys);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Functions.GetSupervisedItem(
            Http.Request("GET", $"supervision/items/{housing}", EmailOf("chen-siyuan")), housing));
    }
}
