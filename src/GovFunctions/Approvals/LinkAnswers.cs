namespace GovFunctions.Approvals;

public enum LinkRefusal { AlreadyDecided, Closed, Withdrawn, Expired }

/// <summary>
/// What an approver does through the signed link in their email: open it (404 for anything unknown, altered or forged),
/// decide (同意 / 不同意) or answer in writing (答复, 批示). Concurrent answers: exactly one wins each task, because the
/// domain re-checks the task on the fresh state whenever the record store retries.
/// </summary>
public sealed partial class LinkAnswers(ApprovalEngine engine, ApprovalLinks links, PendingTaskIndex index, OrganizationStore organization,
    TimeProvider clock, ILogger<LinkAnswers> log)
{
    public async Task<(Stored<Approval> Approval, ApprovalTask Task)> OpenAsync(string token, CancellationToken ct = default)
    {
        var notFound = new NotFoundException(Bilingual.Text("链接无效", "this link is not valid"));
        if (ApprovalLinks.Parse(token) is not var (approvalId, taskId)) throw notFound;
        var stored = await engine.FindAsync(approvalId, ct) ?? throw notFound;
        var task = stored.Value.Tasks.SingleOrDefault(t => t.Id == taskId) ?? throw notFound;
        if (!links.Verify(token, approvalId, task)) throw notFound;
        return (stored, task);
    }

    /// <summary>Why a link cannot be used now, or null when it can: used (409), withdrawn or expired (410).</summary>
    public LinkRefusal? Refusal(Approval approval, ApprovalTask task) =>
        approval.Status == ApprovalStatus.Withdrawn ? LinkRefusal.Withdrawn
        : task.IsDecided ? LinkRefusal.AlreadyDecided
        : !task.IsOpen || !approval.IsPending ? LinkRefusal.Closed
        : clock.GetUtcNow() >= task.ExpiresAt ? LinkRefusal.Expired
        : null;

    public Task<(Stored<Approval> Approval, ApprovalTask Task)> DecideAsync(string token, Decision decision, string? comment,
        CancellationToken ct = default) =>
        RespondAsync(token, (a, t, now, by) => a.Decide(t.Id, decision, comment, now, by), ct);

    /// <summary>A written reply or an instruction (批示); the department it names must exist, a due date must not be past.</summary>
    public async Task<(Stored<Approval> Approval, ApprovalTask Task)> AnswerAsync(string token, TaskAnswer answer,
        CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var errors = new FieldErrors().Required("answer", answer.Text, "答复内容").MaxLength("answer", answer.Text, 2000, "答复内容");
        if (answer.DepartmentId is not null && org.FindDepartment(answer.DepartmentId) is null)
            errors.Add("departmentId", "承办部门不存在", "departmentId is not a department");
        if (answer.DueDate is { } due && due < ChinaTime.Today(clock))
            errors.Add("dueDate", "办理期限不能早于今天", "dueDate is in the past");
        errors.ThrowIfAny();
        return await RespondAsync(token, (a, t, now, by) =>
        {
            if (a.Step.Response == ResponseKind.Instruction && answer.DepartmentId is null)
                throw ValidationException.For("departmentId", "批示须指定承办部门", "an instruction names the department that carries it out");
            if (answer.Supervise && !a.Step.OffersSupervision)
                throw ValidationException.For("supervise", "此环节不能列入督办", "this step cannot be put under supervision");
            if (answer.Supervise && answer.DepartmentId is null)
                throw ValidationException.For("departmentId", "列入督办须指定承办部门", "supervision names the department instructed (第三十条)");
            return a.Answer(t.Id, answer with { Text = answer.Text.Trim() }, now, by);
        }, ct);
    }

    private async Task<(Stored<Approval> Approval, ApprovalTask Task)> RespondAsync(string token,
        Func<Approval, ApprovalTask, DateTimeOffset, string, Transition<Approval>> respond, CancellationToken ct)
    {
        var (stored, task) = await OpenAsync(token, ct);
        var actor = ApprovalEngine.ActorFor(await organization.OrganizationAsync(ct), task);
        var applied = await engine.Store.ApplyAsync(stored.Key, actor, s =>
        {
            var current = s.Value.Task(task.Id);
            ThrowIfRefused(s.Value, current);
            return respond(s.Value, current, clock.GetUtcNow(), actor.Name);
        }, ct: ct);
        await index.RemoveAsync(stored.Id, [task.Id], ct);
        var answered = applied.Record.Value.Task(task.Id);
        LogAnswered(stored.Id, task.Id, answered.Status.ToString());
        return (applied.Record, answered);
    }

    private void ThrowIfRefused(Approval approval, ApprovalTask task)
    {
        switch (Refusal(approval, task))
        {
            case LinkRefusal.AlreadyDecided:
                throw new StateConflictException(Bilingual.Text("该审批已处理，无需重复操作", "this task has already been decided"));
            case LinkRefusal.Closed:
                throw new StateConflictException(Bilingual.Text("该审批已由他人办结", "this step has been closed by another answer"));
            case LinkRefusal.Withdrawn:
                throw new GoneException(Bilingual.Text("申请人已撤回该申请", "the applicant has withdrawn the request"));
            case LinkRefusal.Expired:
                throw new GoneException(Bilingual.Text("审批链接已过期，请联系区政府办公室",
                    "this approval link has expired; contact the government office"));
        }
    }

    [LoggerMessage(2010, LogLevel.Information, "Approval {ApprovalId} task {TaskId} answered: {Answer}")]
    private partial void LogAnswered(string approvalId, string taskId, string answer);
}
