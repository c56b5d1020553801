using System.Text.Json;
using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Hotline;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Hotline;

/// <summary>The district-head hotline's closed loop (Art. 37) through the functions, the engine, the queues and the mail.</summary>
public class HotlineFlowTests : AppTest
{
    private const string Operator = "cao-xiaowen";
    private const string Phone = "13812345678";
    private const string Masked = "138****5678";

    private HotlineService Hotline => App.Get<HotlineService>();

    protected async Task<string> RecordAsync(string disposition, string? departmentId = null, string category = "complaint",
        string content = "青禾路与民生街交叉口路灯连续一周不亮，夜间行人很不安全。", string? location = "青禾路与民生街交叉口",
        string? receivedAt = null, string by = Operator)
    {
        var result = await Function<HotlineFunctions>().RecordCall(Http.Request("POST", "hotline/calls", EmailOf(by), json: new
        {
            callerName = "张先生", callerPhone = Phone, receivedAt = receivedAt ?? App.Clock.GetUtcNow().ToString("O"), category, content,
            location, disposition, answer = disposition == "answered" ? "已告知办理流程。" : null, departmentId,
        }));
        Assert.Equal(201, Http.StatusOf(result));
        return Json(result).GetProperty("id").GetString()!;
    }

    private static JsonElement Json(IActionResult r) => JsonSerializer.SerializeToElement(((ObjectResult)r).Value, GovFunctions.Platform.Json.Options);

    private async Task<HotlineCall> CallAsync(string id) => (await Hotline.GetAsync(id)).Value;

    private async Task<string> TaskTokenAsync(string callId, string approverId)
    {
        var approval = (await Engine.FindAsync((await CallAsync(callId)).ApprovalId!))!.Value;
        return App.Get<ApprovalLinks>().TokenFor(approval.Id, approval.Tasks.Single(t => t.IsOpen && t.ApproverId == approverId));
    }

    private async Task<IActionResult> CallbackAsync(string id, bool satisfied, string by = Operator) =>
        await Function<HotlineFunctions>().CallBack(Http.Request("POST", $"hotline/calls/{id}/callback", EmailOf(by), json: new { satisfied, note = satisfied ? "满意" : "路灯仍未修好" }), id);

    private Task<CallCounts> FiguresAsync() => Hotline.MonthFiguresAsync(2026, 11);

    [Fact]
    public async Task MonthFigures_CountACallReceivedJustAfterMidnight_AFewMinutesAheadOfTheClock()
    {
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T23:58:00+08:00")); // the counters read the month up to tomorrow
        await RecordAsync("answered", receivedAt: "2026-11-26T00:02:00+08:00");

        Assert.Equal(1, (await FiguresAsync()).Received);
        Assert.Equal(CallCounts.Zero, await Hotline.MonthFiguresAsync(2026, 12)); // a month still to come holds no calls
    }

    [Fact]
    public async Task AnsweredAtOnce_IsRecordedAndClosed_AndCounted()
    {
        var id = await RecordAsync("answered", category: "consultation", content: "请问居住证怎么办理？");
        await Pump.RunAsync();

        var call = await CallAsync(id);
        Assert.Equal((CallStatus.Closed, "已告知办理流程。", Operator), (call.Status, call.Answer, call.OperatorId));
        Assert.Equal(new CallCounts(Received: 1, AnsweredAtOnce: 1, Closed: 1, ClosedOnTime: 1), await FiguresAsync());
        Assert.Empty(Mail.Sent);
    }

    [Fact]
    public async Task Assigned_RepliedByTheDepartmentThroughItsLink_ThenASatisfiedCallbackClosesIt()
    {
        var id = await RecordAsync("assign", "urban-management");
        await Pump.RunAsync();
        var call = await CallAsync(id);
        Assert.Equal(CallStatus.Assigned, call.Status);
        Assert.Equal(DateTimeOffset.Parse("2026-12-14T17:30:00+08:00"), call.DueAt); // complaint: 13 working days
        var task = Assert.Single(Mail.To(EmailOf("lin-tao")));
        Assert.StartsWith("【待办理】", task.Subject);
        Assert.Contains(Masked, task.Text);
        Assert.DoesNotContain(Phone, task.Text + task.Html);

        var token = await TaskTokenAsync(id, "lin-tao");
        var page = (ContentResult)await ShowAsync(token);
        Assert.Contains("name=\"answer\"", page.Content);
        Assert.DoesNotContain(Phone, page.Content);
        Assert.Equal(200, Http.StatusOf(await AnswerAsync(token, "已派人维修，11月27日前恢复照明。")));
        await Pump.RunAsync();

        call = await CallAsync(id);
        Assert.Equal((CallStatus.Replied, true), (call.Status, call.RepliedOnTime));
        var forCallback = Json(await Function<HotlineFunctions>().GetCallForCallback(Http.Request("GET", $"hotline/calls/{id}/callback", EmailOf(Operator)), id));
        Assert.Equal(Phone, forCallback.GetProperty("callerPhone").GetString());

        await CallbackAsync(id, satisfied: true);
        call = await CallAsync(id);
        Assert.Equal((CallStatus.Closed, true), (call.Status, call.Satisfied));
        Assert.Equal(["assigned", "replied", "closed"], (await Hotline.HistoryAsync(id)).Select(h => h.ToState));
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Closed: 1, ClosedOnTime: 1, Satisfied: 1), await FiguresAsync());
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Closed: 1, ClosedOnTime: 1, Satisfied: 1), await Hotline.MonthFiguresAsync(2026, 11, "urban-management"));
    }

    [Fact]
    public async Task UnsatisfiedCallback_ReopensToTheSameDepartment_WithANewTaskAndDeadline()
    {
        var id = await RecordAsync("assign", "urban-management");
        await Pump.RunAsync();
        await AnswerAsync(await TaskTokenAsync(id, "lin-tao"), "已处理。");
        await Pump.RunAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T10:00:00+08:00"));

        await CallbackAsync(id, satisfied: false);
        await Pump.RunAsync();

        var call = await CallAsync(id);
        Assert.Equal((CallStatus.Assigned, "urban-management", 1), (call.Status, call.DepartmentId, call.Reopened));
        Assert.Equal(DateTimeOffset.Parse("2026-12-17T17:30:00+08:00"), call.DueAt);
        Assert.Equal(2, Mail.To(EmailOf("lin-tao")).Count(m => m.Subject.StartsWith("【待办理】")));

        await AnswerAsync(await TaskTokenAsync(id, "lin-tao"), "已更换灯具并复查。");
        await Pump.RunAsync();
        await CallbackAsync(id, satisfied: true);
        Assert.Equal(new CallCounts(Received: 1, Assigned: 1, Closed: 1, ClosedOnTime: 1, Satisfied: 1, Unsatisfied: 1), await FiguresAsync());
    }

    [Fact]
    public async Task Escalated_TheResponsibleLeadersInstructionAssignsIt_Art37()
    {
        var id = await RecordAsync("escalate", "housing", content: "小区多栋楼外墙脱落，涉及三百余户，物业与开发商互相推诿。");
        await Pump.RunAsync();
        var call = await CallAsync(id);
        Assert.Equal((CallStatus.Escalated, "wang-lijuan"), (call.Status, call.EscalatedToId)); // housing is in Wang's portfolio
        Assert.StartsWith("【请批示】", Assert.Single(Mail.To(EmailOf("wang-lijuan"))).Subject);

        var token = await TaskTokenAsync(id, "wang-lijuan");
        Assert.Contains("name=\"departmentId\"", ((ContentResult)await ShowAsync(token)).Content);
        Assert.Equal(400, Http.StatusOf(await AnswerAsync(token, "请住建局牵头处理。"))); // an instruction names who carries it out
        Assert.Equal(200, Http.StatusOf(await AnswerAsync(token, "请住建局牵头，会同城管局五日内拿出方案。", "housing", "2026-12-02")));
        await Pump.RunAsync();

        call = await CallAsync(id);
        Assert.Equal((CallStatus.Assigned, "housing", "wang-lijuan"), (call.Status, call.DepartmentId, call.InstructedById));
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T17:30:00+08:00"), call.DueAt);
        Assert.Contains("五日内", call.Instruction);
        Assert.StartsWith("【待办理】", Assert.Single(Mail.To(EmailOf("gao-feng"))).Subject);
    }

    [Fact]
    public async Task Escalation_WhileTheLeaderIsAway_GoesToTheActingLeader_Art4()
    {
        await SubmitLeaveAsync("lin-jianguo", start: "2026-11-25T08:00:00+08:00", end: "2026-11-28T18:00:00+08:00");
        await Pump.RunAsync();

        var id = await RecordAsync("escalate", departmentId: null, content: "反映多个部门联合执法扰民问题。"); // no department: the district head
        await Pump.RunAsync();

        var approval = (await Engine.FindAsync((await CallAsync(id)).ApprovalId!))!.Value;
        var task = Assert.Single(approval.Tasks);
        Assert.Equal(("lin-jianguo", "zhou-minghua"), (task.AddressedToId, task.ApproverId));
        Assert.Contains("代为审批", Assert.Single(Mail.To(EmailOf("zhou-minghua")), m => m.Subject.StartsWith("【请批示】")).Text);
    }

    [Fact]
    public async Task SameIssueFromAnotherCaller_IsLinked_NotMerged()
    {
        var first = await RecordAsync("assign", "urban-management");
        var second = await RecordAsync("assign", "urban-management", content: "民生街和青禾路交叉口的路灯一直不亮，晚上很黑不安全。");
        var otherPlace = await RecordAsync("assign", "urban-management", location: "东湖小区北门");
        var otherCategory = await RecordAsync("assign", "urban-management", category: "suggestion");
        var unrelated = await RecordAsync("assign", "urban-management", content: "反映菜市场占道经营严重，堵塞交通。");

        Assert.Equal([first], (await CallAsync(second)).LinkedCallIds);
        Assert.Empty((await CallAsync(otherPlace)).LinkedCallIds);
        Assert.Empty((await CallAsync(otherCategory)).LinkedCallIds);
        Assert.Empty((await CallAsync(unrelated)).LinkedCallIds);
        Assert.Equal(CallStatus.Assigned, (await CallAsync(first)).Status); // both still stand on their own
        Assert.Equal(5, (await FiguresAsync()).Received);
    }

    [Fact]
    public async Task ASameIssueCallAfterTheWindow_IsNotLinked()
    {
        await RecordAsync("assign", "urban-management");
        App.Clock.Advance(TimeSpan.FromDays(8));
        var later = await RecordAsync("assign", "urban-management");
        Assert.Empty((await CallAsync(later)).LinkedCallIds);
    }

    [Fact]
    public async Task GetCall_MasksThePhone_AndOnlyOperatorsGetItForCallback()
    {
        var id = await RecordAsync("assign", "urban-management");
        var view = Json(await Function<HotlineFunctions>().GetCall(Http.Request("GET", $"hotline/calls/{id}", EmailOf("sun-huimin")), id));
        Assert.Equal(Masked, view.GetProperty("callerPhone").GetString());
        Assert.DoesNotContain(Phone, view.GetRawText());

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Function<HotlineFunctions>().GetCallForCallback(Http.Request("GET", $"hotline/calls/{id}/callback", EmailOf("sun-huimin")), id));
        await Assert.ThrowsAsync<StateConflictException>(() => // not yet replied: no call-back to make
            Function<HotlineFunctions>().GetCallForCallback(Http.Request("GET", $"hotline/calls/{id}/callback", EmailOf(Operator)), id));
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0571-8765 4321", "057****4321")]
    [InlineData("12345", "***45")]
    public void Mask_HidesTheMiddleOfEveryNumber(string phone, string masked) => Assert.Equal(masked, HotlineRules.Mask(phone));

    [Fact]
    public async Task InvalidCall_Is400NamingEachField_AndWritesNothing()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Function<HotlineFunctions>().RecordCall(
            Http.Request("POST", "hotline/calls", EmailOf(Operator), form: new Dictionary<string, string>
            {
                ["callerName"] = "", ["callerPhone"] = "abc", ["receivedAt"] = "2026-12-30T10:00", ["category"] = "complaint", ["content"] = "",
                ["disposition"] = "assign",
            })));
        Assert.Equal(["callerName", "callerPhone", "content", "departmentId", "receivedAt"], e.Errors.Keys.Order());
        Assert.Equal(CallCounts.Zero, await FiguresAsync());
    }

    [Fact]
    public async Task UnknownCategory_Is400()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Function<HotlineFunctions>().RecordCall(
            Http.Request("POST", "hotline/calls", EmailOf(Operator), json: new { category = "gossip" })));
        Assert.Contains("category", e.Errors.Keys);
    }

    [Fact]
    public async Task OnlyOperatorsAndTheLeadersStaffingTheLine_RecordCalls_Art37()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => RecordAsync("answered", by: "bai-xue"));
        await RecordAsync("answered", by: "chen-siyuan"); // a deputy on his roster shift
    }

    [Fact]
    public async Task Extension_AskedOnceByTheDepartment_ApprovedByTheOffice_MovesTheDeadline()
    {
        var id = await RecordAsync("assign", "urban-management");
        await Pump.RunAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Function<HotlineFunctions>().ExtendCall(
            Http.Request("POST", $"hotline/calls/{id}/extension", EmailOf("gao-feng"), json: new { workingDays = 5, reason = "x" }), id));

        await Function<HotlineFunctions>().ExtendCall(
            Http.Request("POST", $"hotline/calls/{id}/extension", EmailOf("lin-tao"), json: new { workingDays = 5, reason = "需协调供电公司更换线路" }), id);
        await Pump.RunAsync();
        var approval = (await Engine.FindAsync((await CallAsync(id)).PendingExtension!.ApprovalId))!.Value;
        var token = App.Get<ApprovalLinks>().TokenFor(approval.Id, Assert.Single(approval.Tasks, t => t.ApproverId == "sun-huimin"));
        Assert.Equal(200, Http.StatusOf(await DecideAsync(token, "approve")));
        await Pump.RunAsync();

        var call = await CallAsync(id);
        Assert.Equal((true, DateTimeOffset.Parse("2026-12-21T17:30:00+08:00")), (call.Extended, call.DueAt!.Value));
        await Assert.ThrowsAsync<StateConflictException>(() => Function<HotlineFunctions>().ExtendCall(
            Http.Request("POST", $"hotline/calls/{id}/extension", EmailOf("lin-tao"), json: new { workingDays = 3, reason = "再延" }), id));
    }

    [Fact]
    public async Task Figures_ForAMonth_ComeFromTheCounters_AndRefuseABadMonth()
    {
        await RecordAsync("answered");
        var result = Json(await Function<HotlineFunctions>().HotlineFigures(Http.Request("GET", "hotline/figures", EmailOf("sun-huimin"), query: "month=2026-11")));
        Assert.Equal(1, result.GetProperty("counts").GetProperty("received").GetInt64());
        await Assert.ThrowsAsync<ValidationException>(() =>
            Function<HotlineFunctions>().HotlineFigures(Http.Request("GET", "hotline/figures", EmailOf("sun-huimin"), query: "month=November")));
    }

    [Fact]
    public async Task HotlineForm_IsAChineseFormPostingToTheRoute()
    {
        var result = (ContentResult)await Function<GovFunctions.Forms.FormFunctions>().HotlineForm(Http.Request("GET", "forms/hotline", EmailOf(Operator)));
        Assert.Contains("/api/hotline/calls", result.Content);
        foreach (var field in new[] { "callerName", "callerPhone", "receivedAt", "category", "content", "location", "disposition", "answer", "departmentId" })
            Assert.Contains($"name=\"{field}\"", result.Content);
    }
}
