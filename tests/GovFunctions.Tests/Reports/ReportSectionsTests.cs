using System.Text;
using GovFunctions.Calendar;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Legal;
using GovFunctions.Organization;
using GovFunctions.Platform.Mail;
using GovFunctions.Reports;
using GovFunctions.Scorecards;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Reports;

/// <summary>
/// The report's hotline, decisions and duty sections (issue 11): a realistic mix seeded through the real services on Azurite,
/// then every figure of each section checked against a brute-force recount over the same records, for the district, a
/// deputy's portfolio and a department; and no caller phone, caller, applicant or proposer in the HTML, text or CSV.
/// </summary>
public class ReportSectionsTests : AppTest
{
    private const string Phone = "13912340000";
    private const string Caller = "欧阳先生";
    private static readonly ReportPeriod November = ReportPeriod.Parse(ReportKind.Monthly, "2026-11");

    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-23T09:00:00+08:00"); // a Monday

    private void At(string local) => App.Clock.Advance(DateTimeOffset.Parse(local + "+08:00") - App.Clock.GetUtcNow());

    private async Task<(ReportContent Content, OrgChart Org)> ReportAsync(string personId)
    {
        var snapshot = await App.Get<ReportSources>().LoadAsync(November);
        var scope = ReportSchedule.ScopeOf(snapshot.Org.Person(personId), snapshot.Org);
        return (ReportBuilder.Build(snapshot, scope, ScorecardSettings.Default), snapshot.Org);
    }

    private static ReportTable Table(ReportContent r, string title) => Assert.Single(r.Tables, t => t.Title == title);

    private static string Cell(ReportTable t, string item, int column = 1) => Assert.Single(t.Rows, r => r[0] == item)[column];

    private static string N(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The report as mailed: each of <paramref name="shown"/> in the HTML, the text and the CSV, none of <paramref name="secrets"/>.
    /// </summary>
    private static void AssertRendered(ReportContent content, OrgChart org, string[] shown, params string[] secrets)
    {
        var mail = ReportRenderer.Mail(content, org, [new MailAddress("x@qinghe.example.org", "x")], []);
        var csv = Encoding.UTF8.GetString(mail.Attachments.Single(a => a.FileName.EndsWith(".csv")).Content);
        foreach (var text in new[] { mail.Html, mail.Text, csv })
        {
            foreach (var s in shown) Assert.Contains(s, text);
            foreach (var s in secrets) Assert.DoesNotContain(s, text);
        }
    }

    // ---- hotline -------------------------------------------------------------------------------------------------------

    private async Task<string> CallAsync(string category, string disposition, string? departmentId, string content, string location)
    {
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        var result = await Function<HotlineFunctions>().RecordCall(Http.Request("POST", "hotline/calls", EmailOf("cao-xiaowen"), json: new
        {
            callerName = Caller, callerPhone = Phone, receivedAt = App.Clock.GetUtcNow().ToString("O"), category, content, location,
            disposition, departmentId, answer = disposition == "answered" ? "已当场答复政策规定。" : null,
        }));
        Assert.Equal(201, Http.StatusOf(result));
        return Http.IdOf(result);
    }

    private async Task ReplyAsync(string callId, string headId)
    {
        var call = (await App.Get<HotlineService>().GetAsync(callId)).Value;
        Assert.Equal(200, Http.StatusOf(await AnswerAsync(await TokenAsync(call.ApprovalId!, headId), "已派人现场处理完毕。")));
        await Pump.RunAsync();
    }

    private async Task CallBackAsync(string callId, bool satisfied) =>
        Assert.Equal(200, Http.StatusOf(await Function<HotlineFunctions>().CallBack(Http.Request("POST", $"hotline/calls/{callId}/callback",
            EmailOf("cao-xiaowen"), json: new { satisfied, note = satisfied ? "满意" : "问题仍在" }), callId)));

    [Fact]
    public async Task TheHotlineSection_ByCategoryClustersAndOverdueNow_MatchesARecountOfTheCalls_InEachScope()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add(await CallAsync("complaint", "assign", "urban-management", "青禾路路灯不亮，晚上很黑", "青禾路"));
        for (var i = 0; i < 3; i++) ids.Add(await CallAsync("request", "assign", "housing", "幸福小区门口积水严重，请尽快疏通", "幸福小区"));
        for (var i = 0; i < 2; i++) ids.Add(await CallAsync("consultation", "assign", "education", "学府路小学明年招生范围咨询", "学府路"));
        ids.Add(await CallAsync("urgent", "assign", "health", "和平路诊所门口有燃气泄漏气味", "和平路"));
        ids.Add(await CallAsync("complaint", "assign", "market-regulation", "农贸市场缺斤短两", "东风农贸市场"));
        ids.Add(await CallAsync("consultation", "answered", null, "社保卡补办需要什么材料", "政务中心"));
        ids.Add(await CallAsync("consultation", "answered", null, "居住证办理流程", "政务中心"));
        ids.Add(await CallAsync("suggestion", "answered", null, "建议增设公交线路", "青禾新城"));
        await Pump.RunAsync();
        await ReplyAsync(ids[0], "lin-tao");
        await CallBackAsync(ids[0], satisfied: true);
        await ReplyAsync(ids[1], "lin-tao");
        await CallBackAsync(ids[1], satisfied: false); // reopened to the same department
        await ReplyAsync(ids[4], "gao-feng");
        await CallBackAsync(ids[4], satisfied: true);
        await Pump.RunAsync();
        At("2026-11-27T10:00"); // the urgent call and the consultations are past their deadlines: reminded (第三十二条)
        await App.Get<HotlineOverdue>().ChaseOverdueAsync();
        await Pump.RunAsync();

        var calls = new List<HotlineCall>();
        foreach (var id in ids) calls.Add((await App.Get<HotlineService>().GetAsync(id)).Value);
        Assert.True(calls.Count(c => c.LinkedCallIds.Count > 0) >= 6, "the seeded clusters were linked");
        Assert.True(calls.Count(c => c.Status == CallStatus.Assigned && c.OverdueRemindedAt is not null) >= 2,
            "some calls are overdue now");

        foreach (var personId in new[] { "lin-jianguo", "wang-lijuan", "chen-siyuan", "gao-feng" })
        {
            var (report, org) = await ReportAsync(personId);
            var scope = report.Scope;
            var mine = calls.Where(c => scope.WholeDistrict || scope.Covers(c.DepartmentId)).ToList();

            var overview = Table(report, "区长热线办理概况");
            Assert.Equal(N(mine.Count), Cell(overview, "来电总量"));
            Assert.Equal(N(mine.Count(c => c.Disposition == Disposition.Answered)), Cell(overview, "即时答复"));
            Assert.Equal(N(mine.Count(c => c.Disposition == Disposition.Assign)), Cell(overview, "转办交办"));
            Assert.Equal(N(mine.Count(c => c.Satisfied == true)), Cell(overview, "回访满意"));
            Assert.Equal(N(mine.Sum(c => c.Reopened)), Cell(overview, "重办"));
            Assert.Equal(N(mine.Count(c => c.Status == CallStatus.Assigned && c.OverdueRemindedAt is not null)),
                Cell(overview, "当前逾期未办结（本期来电，第三十二条）"));

            var byCategory = Table(report, "按类别统计");
            foreach (var category in Enum.GetValues<CallCategory>())
                Assert.Equal(N(mine.Count(c => c.Category == category)), Cell(byCategory, HotlineNotices.CategoryName(category)));

            var clusters = mine.Where(c => c.LinkedCallIds.Count > 0)
                .GroupBy(c => (c.Category, Place: string.Concat(c.Location!.Where(ch => !char.IsWhiteSpace(ch)))))
                .Select(g => (g.Key.Category, g.Key.Place, Count: g.Count()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Category).ThenBy(g => g.Place, StringComparer.Ordinal).Take(3).ToList();
            Assert.NotEmpty(clusters);
            Assert.Equal(clusters.Select(c => $"{HotlineNotices.CategoryName(c.Category)}:{c.Place}:{c.Count}"),
                Table(report, "同一问题来电最多的三个问题（第三十七条）").Rows.Select(r => $"{r[0]}:{r[1]}:{r[2]}"));

            var departments = Table(report, "各部门办理情况");
            foreach (var row in departments.Rows)
            {
                var department = org.Departments.Single(d => d.Name == row[0]);
                Assert.True(scope.Covers(department.Id), $"{department.Name} is not in {scope.Name}");
                Assert.Equal(N(calls.Count(c => c.DepartmentId == department.Id && c.Status == CallStatus.Assigned
                    && c.OverdueRemindedAt is not null)), row[5]);
            }
            Assert.Equal(mine.Where(c => c.DepartmentId is not null).Select(c => c.DepartmentId).Distinct().Count(),
                departments.Rows.Count);
            AssertRendered(report, org, ["按类别统计", "同一问题来电最多的三个问题（第三十七条）"], Phone, "0000", Caller);
        }
    }

    // ---- decisions, normative documents, reconsiderations -----------------------------------------------------------------

    private const string Proposer = "ma-zhiqiang"; // head of the development and reform bureau

    protected override void Configure(IDictionary<string, string?> settings) => settings["Decisions:EvaluationAfterMonths"] = "1";

    private async Task<string> DecisionAsync(string sponsorId, string department, string[]? consult = null)
    {
        var result = await Function<DecisionFunctions>().CreateDecision(Http.Request("POST", "decisions", EmailOf(sponsorId), json: new
        {
            title = $"{department}专项行动方案", category = "livelihoodStability", summary = "三年行动计划。", sponsorDepartmentId = department,
            consultDepartmentIds = consult ?? [], touchesLowerLevels = false, publicInterest = false, hearingRequired = false,
            confidential = false,
        }));
        Assert.Equal(201, Http.StatusOf(result));
        return Http.IdOf(result);
    }

    private async Task SubmitAsync(string id, string sponsorId)
    {
        Assert.Equal(200, Http.StatusOf(await Function<DecisionFunctions>().SubmitDecision(
            Http.Request("POST", $"decisions/{id}/submit", EmailOf(sponsorId)), id)));
        await Pump.RunAsync();
    }

    private async Task ReviewAsync(string id, bool legality, string approverId, string action)
    {
        var d = (await App.Get<DecisionService>().GetAsync(id)).Value;
        var approvalId = (legality ? d.LegalityReview : d.Consultation).ApprovalId!;
        Assert.Equal(200, Http.StatusOf(await DecideAsync(await TokenAsync(approvalId, approverId), action, "意见")));
        await Pump.RunAsync();
    }

    /// <summary>Reviewed, evidenced and put on an executive meeting's agenda.</summary>
    private async Task<string> ScheduledAsync(string sponsorId, string department)
    {
        var id = await DecisionAsync(sponsorId, department);
        await SubmitAsync(id, sponsorId);
        await ReviewAsync(id, legality: true, "zheng-wenbo", "approve");
        var api = Function<DecisionFunctions>();
        foreach (var kind in new[] { "research", "legalAnalysis" })
            Assert.Equal(200, Http.StatusOf(await api.AddDecisionEvidence(Http.Request("POST", $"decisions/{id}/evidence",
                EmailOf(sponsorId),
                json: new { kind, summary = "论证材料", by = "区研究室", date = "2026-11-02" }), id)));
        Assert.Equal(200, Http.StatusOf(await api.ScheduleDecision(Http.Request("POST", $"decisions/{id}/schedule", EmailOf("sun-huimin"),
            json: new { meeting = "executive", date = "2026-11-23" }), id)));
        return id;
    }

    /// <summary>Scheduled, then adopted at the meeting (and published by the queue).</summary>
    private async Task<string> AdoptedAsync(string sponsorId, string department)
    {
        var id = await ScheduledAsync(sponsorId, department);
        var api = Function<DecisionFunctions>();
        Assert.Equal(200, Http.StatusOf(await api.RecordDecisionOutcome(Http.Request("POST", $"decisions/{id}/outcome",
            EmailOf("sun-huimin"),
            json: new
            {
                meeting = "executive", date = "2026-11-23", result = "adopted", minutes = "同意。",
                attendeeIds = new[] { "lin-jianguo", "zhou-minghua", "chen-siyuan", "wang-lijuan", "liu-haitao" },
            }), id)));
        await Pump.RunAsync();
        return id;
    }

    private async Task<string> PublishedDocumentAsync()
    {
        var api = Function<LegalFunctions>();
        var created = await api.CreateNormativeDocument(Http.Request("POST", "normative-documents", EmailOf("huang-xiuying"), json: new
        {
            title = "青禾区财政专项资金管理办法", summary = "规范专项资金。", issuingDepartmentId = "finance",
            touchedDepartmentIds = Array.Empty<string>(), jointDepartmentIds = Array.Empty<string>(),
        }));
        var id = Http.IdOf(created);
        await api.SubmitNormativeDocument(Http.Request("POST", $"normative-documents/{id}/submit", EmailOf("huang-xiuying")), id);
        await Pump.RunAsync();
        var doc = (await App.Get<NormativeDocumentService>().GetAsync(id)).Value;
        await DecideAsync(await TokenAsync(doc.LegalReview.ApprovalId!, "zheng-wenbo"), "approve", "符合法律法规");
        await Pump.RunAsync();
        Assert.Equal(200, Http.StatusOf(await api.PublishNormativeDocument(
            Http.Request("POST", $"normative-documents/{id}/publish", EmailOf("huang-xiuying")), id)));
        return id;
    }

    /// <summary>The gates a decision waits at, counted straight from its record (the test's own reading of 第十五条至第十九条).</summary>
    private static IEnumerable<string> GatesOf(Decision d)
    {
        if (d.Evaluation is { Findings: null }) yield return "实施后评估到期（第十八条）";
        if (d.Status == DecisionStatus.Draft) yield return "草稿待提交";
        if (d.Status == DecisionStatus.Scheduled) yield return "已排入会议议程";
        if (d.Status is not (DecisionStatus.InReview or DecisionStatus.Deferred)) yield break;
        var reviews = new[] { d.LegalityReview.State, d.Consultation.State };
        if (d.LegalityReview.State == ReviewState.Pending) yield return "合法性审查中（第十五条、第十九条）";
        if (d.Consultation.State == ReviewState.Pending) yield return "部门会签中（第十七条）";
        if (!reviews.Contains(ReviewState.Pending))
            yield return reviews.Contains(ReviewState.Failed) ? "审查未通过待重新提交" : "待排入会议议程";
    }

    [Fact]
    public async Task TheDecisionsSection_GatesMilestonesFilingsAndReconsiderations_MatchARecount_InEachScope()
    {
        var ids = new List<string>
        {
            await DecisionAsync(Proposer, "dev-reform"),                    // a draft
            await DecisionAsync("wu-jianping", "education"),
        };
        await SubmitAsync(ids[1], "wu-jianping");                          // legality review pending
        ids.Add(await DecisionAsync(Proposer, "dev-reform", ["finance"]));
        await SubmitAsync(ids[2], Proposer);                               // legality and consultation pending
        ids.Add(await DecisionAsync(Proposer, "dev-reform", ["finance"]));
        await SubmitAsync(ids[3], Proposer);
        await ReviewAsync(ids[3], legality: true, "zheng-wenbo", "reject"); // failed, consultation still pending
        await ReviewAsync(ids[3], legality: false, "huang-xiuying", "approve");
        ids.Add(await DecisionAsync("wu-jianping", "education"));
        await SubmitAsync(ids[4], "wu-jianping");
        await ReviewAsync(ids[4], legality: true, "zheng-wenbo", "approve"); // ready for an agenda
        ids.Add(await ScheduledAsync("wu-jianping", "education"));           // on the agenda
        ids.Add(await AdoptedAsync(Proposer, "dev-reform"));
        ids.Add(await AdoptedAsync("wu-jianping", "education"));
        var late = await PublishedDocumentAsync();
        var accepted = await Function<LegalFunctions>().AcceptReconsideration(Http.Request("POST", "reconsiderations", EmailOf("qin-hao"),
            json: new
            {
                applicant = "青禾某建材有限公司", respondent = "区市场监督管理局", request = "撤销行政处罚决定", acceptedAt = "2026-11-23T08:00:00+08:00",
            }));
        var caseId = Http.IdOf(accepted);

        At("2026-12-28T10:00"); // a month after adoption the evaluations open (第十八条); the filing is late (第二十一条)
        await App.Get<DecisionService>().OpenEvaluationsAsync();
        await Pump.RunAsync();
        Assert.Equal(200, Http.StatusOf(await Function<DecisionFunctions>().RecordDecisionEvaluation(Http.Request("POST",
            $"decisions/{ids[7]}/evaluation", EmailOf("wu-jianping"), json: new { text = "已完成年度目标" }), ids[7])));
        await Pump.RunAsync();

        var decisions = new List<Decision>();
        foreach (var id in ids) decisions.Add((await App.Get<DecisionService>().GetAsync(id)).Value);
        var document = (await App.Get<NormativeDocumentService>().GetAsync(late)).Value;
        Assert.Equal(DocumentStatus.Published, document.Status);
        bool InNovember(DateTimeOffset? at) => at >= November.Start && at < November.End;
        Assert.All(Enum.GetValues<ReportOfficeSections.Gate>().Select(ReportOfficeSections.GateName),
            gate => Assert.Contains(gate, decisions.SelectMany(GatesOf))); // every gate has a decision waiting at it

        foreach (var personId in new[] { "lin-jianguo", "zhou-minghua", "chen-siyuan", "wu-jianping", "gao-feng" })
        {
            var (report, org) = await ReportAsync(personId);
            var scope = report.Scope;
            var mine = decisions.Where(d => scope.Covers(d.SponsorDepartmentId)).ToList();
            var table = Table(report, "重大行政决策（第十五条至第十九条）");
            Assert.Equal(N(mine.Count(d => InNovember(d.CreatedAt))), Cell(table, "本期新登记"));
            Assert.Equal(N(mine.Count(d => InNovember(d.AdoptedAt))), Cell(table, "本期会议通过"));
            Assert.Equal(N(mine.Count(d => InNovember(d.PublishedAt))), Cell(table, "本期向社会公开"));
            foreach (var gate in Enum.GetValues<ReportOfficeSections.Gate>().Select(ReportOfficeSections.GateName))
                Assert.Equal(N(mine.SelectMany(GatesOf).Count(g => g == gate)), Cell(table, gate));

            var filings = Table(report, "规范性文件待备案（第二十一条）");
            Assert.Equal(scope.Covers("finance") ? [$"{document.Title}:{document.FilingDueAt!.Value.ToChina():yyyy-MM-dd}:逾期未备案"] : [],
                filings.Rows.Select(r => $"{r[0]}:{r[2]}:{r[3]}"));
            var cases = report.Tables.SingleOrDefault(t => t.Title == "行政复议案件及期限（第二十三条）");
            Assert.Equal(scope.Covers("legal"), cases is not null);
            if (cases is not null)
                Assert.Equal(
                    [$"{caseId}:{(await App.Get<ReconsiderationService>().GetAsync(caseId)).Value.DeadlineAt.ToChina():yyyy-MM-dd}"],
                    cases.Rows.Select(r => $"{r[0]}:{r[3]}"));
            AssertRendered(report, org, ["重大行政决策（第十五条至第十九条）"], "青禾某建材有限公司", org.Person(Proposer).Name);
        }
        var (district, _) = await ReportAsync("lin-jianguo");
        Assert.Equal("1", Cell(Table(district, "重大行政决策（第十五条至第十九条）"), "实施后评估到期（第十八条）")); // one of two recorded
    }

    // ---- duty and who is away ---------------------------------------------------------------------------------------------

    private async Task<string> LogAsync(string receivedAt, string kind)
    {
        var result = await Function<DutyFunctions>().RecordDutyLog(Http.Request("POST", "duty/logs", EmailOf("zeng-qiang"), json: new
        {
            kind, source = "市政府办公厅", content = "机密：明日开展防汛安全大检查", receivedAt,
        }));
        Assert.Equal(201, Http.StatusOf(result));
        return Http.IdOf(result);
    }

    private async Task InstructAsync(string id)
    {
        var log = (await App.Get<DutyService>().GetAsync(id)).Value;
        Assert.Equal(200, Http.StatusOf(await AnswerAsync(await TokenAsync(log.ApprovalId, log.LeaderOnDutyId), "请应急管理局牵头落实。")));
        await Pump.RunAsync();
    }

    [Fact]
    public async Task TheDutySection_LogsAndOpenInstructions_MatchARecount_AndTheAwayTableCoversThisWeekAndNext_WithTheActingPerson()
    {
        At("2026-11-24T10:00");
        var ids = new List<string>
        {
            await LogAsync("2026-11-23T07:50:00+08:00", "notice"),
            await LogAsync("2026-11-23T09:10:00+08:00", "report"),
            await LogAsync("2026-11-23T20:00:00+08:00", "other"),
            await LogAsync("2026-11-24T09:30:00+08:00", "notice"),
        };
        await Pump.RunAsync();
        await InstructAsync(ids[0]);
        await InstructAsync(ids[1]);
        Assert.Equal(200, Http.StatusOf(await Function<DutyFunctions>().DutyLogCarriedOut(Http.Request("POST",
            $"duty/logs/{ids[0]}/carried-out",
            EmailOf("zeng-qiang"), json: new { note = "已转发各镇街" }), ids[0])));
        await Pump.RunAsync();
        var thisWeek = await SubmitLeaveAsync("wu-jianping", "2026-11-25T09:00:00+08:00", "2026-11-26T17:30:00+08:00", "ye-ming");
        var nextWeek = await SubmitLeaveAsync("gao-feng", "2026-12-01T09:00:00+08:00", "2026-12-02T17:30:00+08:00", "feng-kai");
        var later = await SubmitLeaveAsync("gao-feng", "2026-12-08T09:00:00+08:00", "2026-12-09T17:30:00+08:00", "feng-kai");
        await Pump.RunAsync();
        foreach (var leave in new[] { thisWeek, nextWeek, later })
            foreach (var approver in (await LeaveAsync(leave)).ApproverIds) await ApproveAsync(leave, approver);

        var logs = new List<DutyLog>();
        foreach (var id in ids) logs.Add((await App.Get<DutyService>().GetAsync(id)).Value);
        var leaders = logs.Select(l => l.LeaderOnDutyId).Distinct().ToList();
        Assert.True(leaders.Count >= 2, "the logs went to more than one leader on duty");

        string[] people = ["lin-jianguo", .. leaders, "gao-feng"];
        foreach (var personId in people)
        {
            var (report, org) = await ReportAsync(personId);
            var scope = report.Scope;
            if (scope.Name.StartsWith("department:", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(report.Tables, t => t.Section == "值班"); // duty is the government office's, not a department's
                continue;
            }
            var mine = logs.Where(l => scope.WholeDistrict || l.LeaderOnDutyId == personId).ToList();
            var table = Table(report, "值班记录（第七十六条）");
            Assert.Equal(N(mine.Count), Cell(table, "本期登记"));
            foreach (var kind in Enum.GetValues<DutyLogKind>())
                Assert.Equal(N(mine.Count(l => l.Kind == kind)), Cell(table, DutyLog.KindName(kind)));
            Assert.Equal(N(mine.Count(l => l.InstructedAt is not null)), Cell(table, "本期已批示"));
            Assert.Equal(N(mine.Count(l => l.CarriedOutAt is not null)), Cell(table, "本期已落实"));
            Assert.Equal(N(mine.Count(l => l.Status == DutyLogStatus.AwaitingInstruction)), Cell(table, "待带班领导批示"));
            Assert.Equal(N(mine.Count(l => l.Status == DutyLogStatus.Instructed)), Cell(table, "批示待落实"));
            Assert.Equal(mine.Where(l => l.Status != DutyLogStatus.CarriedOut).OrderBy(l => l.ReceivedAt).Select(l => l.Id),
                Table(report, "未办结的值班事项（第七十六条）").Rows.Select(r => r[0]));
            AssertRendered(report, org, ["值班记录（第七十六条）"], "机密");
        }

        var (district, chart) = await ReportAsync("lin-jianguo");
        var away = Table(district, "本周和下周请假外出（第七十四、七十五条）").Rows.Select(r => $"{r[0]}|{r[1]}|{r[3]}").ToList();
        Assert.Equal([$"{chart.Person("wu-jianping").DisplayName}|本周|{chart.Person("ye-ming").DisplayName}",
            $"{chart.Person("gao-feng").DisplayName}|下周|{chart.Person("feng-kai").DisplayName}"], away);
        var (deputy, _) = await ReportAsync("wang-lijuan"); // housing is hers, education is not
        Assert.Equal([chart.Person("gao-feng").DisplayName], Table(deputy, "本周和下周请假外出（第七十四、七十五条）").Rows.Select(r => r[0]));
    }
}
