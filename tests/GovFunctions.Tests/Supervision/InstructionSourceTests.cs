using System.Text.Json;
using GovFunctions.Approvals;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Platform.Storage;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Supervision;

/// <summary>
/// The 批示 source (第三十条): the 列入督办 checkbox on the hotline escalation's and the duty log's instruction pages opens a
/// supervised item owned by the instructed department, through the pipeline, once whatever the deliveries; linked both ways.
/// </summary>
public class InstructionSourceTests : AppTest
{
    // Wednesday Nov 25, 2026, 10:00 in Beijing.
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-25T10:00:00+08:00");

    private SupervisionService Supervision => App.Get<SupervisionService>();

    private async Task<string> EscalateAsync()
    {
        var result = await Function<HotlineFunctions>().RecordCall(Http.Request("POST", "hotline/calls", EmailOf("cao-xiaowen"), json: new
        {
            callerName = "张先生", callerPhone = "13812345678", receivedAt = App.Clock.GetUtcNow().ToString("O"), category = "complaint",
            content = "小区多栋楼外墙脱落，涉及三百余户，物业与开发商互相推诿。", location = "幸福路", disposition = "escalate",
            departmentId = "housing",
        }));
        Assert.Equal(201, Http.StatusOf(result));
        await Pump.RunAsync();
        return Http.IdOf(result);
    }

    private async Task<string> CallTokenAsync(string callId) =>
        await TokenAsync((await App.Get<HotlineService>().GetAsync(callId)).Value.ApprovalId!, "wang-lijuan");

    private async Task<ContentResult> InstructAsync(string token, string text, string? departmentId, string? dueDate, bool supervise) =>
        (ContentResult)await Function<ApprovalFunctions>().DecideApproval(Http.Request("POST", "approvals/" + token,
            form: new Dictionary<string, string>
            {
                ["action"] = "answer", ["answer"] = text, ["departmentId"] = departmentId ?? "", ["dueDate"] = dueDate ?? "",
                ["supervise"] = supervise ? "on" : "",
            }), token);

    private async Task<int> ItemCountAsync() =>
        await Supervision.Store.WhereAsync(Azure.Data.Tables.TableClient.CreateQueryFilter($"State ge {""}")).CountAsync();

    [Fact]
    public async Task AHotlineInstruction_Ticked_OpensTheItem_OwnedByTheInstructedDepartment_LinkedBothWays()
    {
        var callId = await EscalateAsync();
        var token = await CallTokenAsync(callId);
        var page = ((ContentResult)await ShowAsync(token)).Content!;
        Assert.Contains("name=\"supervise\"", page);
        Assert.Contains("列入督办", page);
        Assert.Contains("<option value=\"housing\" selected>", page); // the call's department, proposed

        Assert.Equal(200, (await InstructAsync(token, "请教育局牵头，会同住建局五日内拿出方案。", "education", "2026-12-02", true)).StatusCode);
        await Pump.RunAsync();

        var call = (await App.Get<HotlineService>().GetAsync(callId)).Value;
        var item = (await Supervision.GetAsync(call.SupervisedItemId!)).Value;
        Assert.Equal((SupervisionSource.Instruction, callId, "education", "chen-siyuan", new DateOnly(2026, 12, 2)),
            (item.Source, item.SourceId, item.OwnerDepartmentId, item.SupervisingLeaderId, item.DueDate));
        Assert.Single(Mail.To(EmailOf("wu-jianping")), m => m.Subject.StartsWith("【督办交办】领导批示督办"));
        var history = await Supervision.Store.HistoryAsync(SupervisionService.KeyOf(item.Id));
        Assert.Equal("领导批示列入督办（第三十条）", Assert.Single(history).Reason);

        var view = JsonSerializer.SerializeToElement(((ObjectResult)await Function<HotlineFunctions>().GetCall(
            Http.Request("GET", $"hotline/calls/{callId}", EmailOf("sun-huimin")), callId)).Value, GovFunctions.Platform.Json.Options);
        Assert.Equal(item.Id, view.GetProperty("supervisedItemId").GetString());
    }

    [Fact]
    public async Task AHotlineInstruction_NotTicked_OpensNothing()
    {
        var callId = await EscalateAsync();
        Assert.Equal(200, (await InstructAsync(await CallTokenAsync(callId), "请住建局牵头处理。", "housing", null, false)).StatusCode);
        await Pump.RunAsync();
        Assert.Null((await App.Get<HotlineService>().GetAsync(callId)).Value.SupervisedItemId);
        Assert.Equal(0, await ItemCountAsync());
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.StartsWith("【督办交办】"));
    }

    [Fact]
    public async Task TheMessage_RedeliveredAndDeliveredAtOnce_StillOpensOneItem()
    {
        var callId = await EscalateAsync();
        await InstructAsync(await CallTokenAsync(callId), "请住建局牵头处理。", "housing", null, true);
        await Pump.Handle(Queues.ApprovalRouting, await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType));
        await Pump.Handle(Queues.ApprovalRouting, await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType));
        var open = await Pump.TakeAsync(Queues.ApprovalRouting, SupervisionService.FromInstructionType);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Pump.Handle(Queues.ApprovalRouting, open))));
        await Pump.Handle(Queues.ApprovalRouting, open); // and once more, late
        await Pump.RunAsync();

        Assert.Equal(1, await ItemCountAsync());
        var id = (await App.Get<HotlineService>().GetAsync(callId)).Value.SupervisedItemId!;
        Assert.Single(await Supervision.Store.HistoryAsync(SupervisionService.KeyOf(id)));
        Assert.Single(Mail.To(EmailOf("gao-feng")), m => m.Subject.StartsWith("【督办交办】"));
    }

    [Fact]
    public async Task ADutyLogInstruction_Ticked_OpensTheItem_ForTheDepartmentChosenOnThePage()
    {
        var result = await Function<DutyFunctions>().RecordDutyLog(Http.Request("POST", "duty/logs", EmailOf("zeng-qiang"), json: new
        {
            kind = "notice", source = "市政府办公厅", content = "开展冬季校园安全大检查，请于12月10日前报送检查方案。",
            receivedAt = App.Clock.GetUtcNow().ToString("O"),
        }));
        var logId = Http.IdOf(result);
        await Pump.RunAsync();
        var log = (await App.Get<DutyService>().GetAsync(logId)).Value;
        var approval = (await Engine.FindAsync(log.ApprovalId))!.Value;
        var token = App.Get<ApprovalLinks>().TokenFor(approval.Id, Assert.Single(approval.Tasks));
        var page = ((ContentResult)await ShowAsync(token)).Content!;
        Assert.Contains("name=\"supervise\"", page);
        Assert.Contains("name=\"departmentId\"", page);

        var refused = await InstructAsync(token, "请教育局牵头落实。", null, null, true);
        Assert.Equal(400, refused.StatusCode); // supervised, so the instructed department must be chosen
        Assert.Contains("承办部门", refused.Content);

        Assert.Equal(200, (await InstructAsync(token, "请教育局牵头落实。", "education", null, true)).StatusCode);
        await Pump.RunAsync();
        log = (await App.Get<DutyService>().GetAsync(logId)).Value;
        var item = (await Supervision.GetAsync(log.SupervisedItemId!)).Value;
        Assert.Equal((SupervisionSource.Instruction, logId, "education", "chen-siyuan", new DateOnly(2026, 12, 25)),
            (item.Source, item.SourceId, item.OwnerDepartmentId, item.SupervisingLeaderId, item.DueDate)); // a month, by default
        var view = JsonSerializer.SerializeToElement(((ObjectResult)await Function<DutyFunctions>().GetDutyLog(
            Http.Request("GET", $"duty/logs/{logId}", EmailOf("sun-huimin")), logId)).Value, GovFunctions.Platform.Json.Options);
        Assert.Equal(item.Id, view.GetProperty("supervisedItemId").GetString());
    }

    [Fact]
    public async Task TheCheckbox_IsAbsentFromEveryOtherApprovalPage_AndRefusedThere()
    {
        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        Assert.DoesNotContain("name=\"supervise\"", ((ContentResult)await ShowAsync(await TokenForAsync(leave, "lin-jianguo"))).Content);

        var assigned = await Function<HotlineFunctions>().RecordCall(Http.Request("POST", "hotline/calls", EmailOf("cao-xiaowen"), json: new
        {
            callerName = "李女士", callerPhone = "13900001111", receivedAt = App.Clock.GetUtcNow().ToString("O"), category = "complaint",
            content = "路灯不亮。", location = "青禾路", disposition = "assign", departmentId = "housing",
        }));
        await Pump.RunAsync();
        var callId = Http.IdOf(assigned);
        var reply = await TokenAsync((await App.Get<HotlineService>().GetAsync(callId)).Value.ApprovalId!, "gao-feng");
        Assert.DoesNotContain("name=\"supervise\"", ((ContentResult)await ShowAsync(reply)).Content);
        var refused = await InstructAsync(reply, "已修复。", "housing", null, true);
        Assert.Equal(400, refused.StatusCode);
        await Pump.RunAsync();
        Assert.Equal(0, await ItemCountAsync());
    }
}
