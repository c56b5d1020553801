using GovFunctions.Approvals;
using GovFunctions.Leave;
using GovFunctions.Platform.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace GovFunctions.Tests.Support;

/// <summary>A seeded app of its own per test, with its queues pumped as the host would and its mail recorded.</summary>
public abstract class AppTest : IAsyncLifetime
{
    protected TestApp App { get; private set; } = null!;
    protected QueuePump Pump { get; private set; } = null!;
    protected RecordingMailSender Mail => App.Get<RecordingMailSender>();
    protected ApprovalEngine Engine => App.Get<ApprovalEngine>();
    protected LeaveService Leave => App.Get<LeaveService>();

    protected const string Domain = "@qinghe.example.org";
    protected static string EmailOf(string personId) => personId.Replace('-', '.') + Domain;

    protected virtual void Configure(IDictionary<string, string?> settings) { }

    /// <summary>Where the fake clock starts (it can only move forward).</summary>
    protected virtual DateTimeOffset StartAt => TestApp.DefaultNow;

    public virtual async ValueTask InitializeAsync()
    {
        App = TestApp.Create(Configure, services =>
        {
            services.AddSingleton<SmtpMailSender>();
            services.AddSingleton<RecordingMailSender>();
            services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<RecordingMailSender>());
        }, StartAt);
        Pump = new QueuePump(App);
        await App.SeedAsync();
    }

    public virtual ValueTask DisposeAsync() => App.DisposeAsync();

    protected T Function<T>() => ActivatorUtilities.CreateInstance<T>(App.Services);

    /// <summary>Submits a leave request through the function, as the form or a client would.</summary>
    protected async Task<string> SubmitLeaveAsync(string applicantId, string start = "2026-12-01T09:00:00+08:00",
        string end = "2026-12-03T17:30:00+08:00", string? actingPersonId = null, string destination = "北京市")
    {
        var result = await Function<LeaveFunctions>().SubmitLeave(Http.Request("POST", "leave-requests", EmailOf(applicantId), json: new
        {
            start, end, destination, contact = "13800001111", reason = "参加培训", actingPersonId,
        }));
        Assert.Equal(201, Http.StatusOf(result));
        return Http.IdOf(result);
    }

    protected async Task<LeaveRequest> LeaveAsync(string id) => (await Leave.GetAsync(id)).Value;

    protected async Task<Approval> ApprovalOfAsync(string leaveId) =>
        (await Engine.FindAsync((await LeaveAsync(leaveId)).ApprovalId!))!.Value;

    /// <summary>The link token of the open task addressed to (or acting for) a person.</summary>
    protected async Task<string> TokenForAsync(string leaveId, string approverId)
    {
        var approval = await ApprovalOfAsync(leaveId);
        var task = approval.Tasks.Single(t => t.IsOpen && t.ApproverId == approverId);
        return App.Get<ApprovalLinks>().TokenFor(approval.Id, task);
    }

    protected async Task<IActionResult> DecideAsync(string token, string action, string? comment = null) =>
        await Function<ApprovalFunctions>().DecideApproval(Http.Request("POST", "approvals/" + token,
            form: new Dictionary<string, string> { ["action"] = action, ["comment"] = comment ?? "" }), token);

    /// <summary>The link token of an approval's open task for a person.</summary>
    protected async Task<string> TokenAsync(string approvalId, string approverId)
    {
        var approval = (await Engine.FindAsync(approvalId))!.Value;
        return App.Get<ApprovalLinks>().TokenFor(approval.Id, approval.Tasks.Single(t => t.IsOpen && t.ApproverId == approverId));
    }

    /// <summary>A written reply or instruction through a link, as the task page posts it.</summary>
    protected async Task<IActionResult> AnswerAsync(string token, string answer, string? departmentId = null, string? dueDate = null) =>
        await Function<ApprovalFunctions>().DecideApproval(Http.Request("POST", "approvals/" + token, form: new Dictionary<string, string>
        {
            ["action"] = "answer", ["answer"] = answer, ["departmentId"] = departmentId ?? "", ["dueDate"] = dueDate ?? "",
        }), token);

    protected async Task<IActionResult> ShowAsync(string token) =>
        await Function<ApprovalFunctions>().ShowApproval(Http.Request("GET", "approvals/" + token), token);

    protected async Task ApproveAsync(string leaveId, string approverId)
    {
        Assert.Equal(200, Http.StatusOf(await DecideAsync(await TokenForAsync(leaveId, approverId), "approve", "同意")));
        await Pump.RunAsync();
    }
}
