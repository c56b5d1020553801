using GovFunctions.Approvals;
using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Hotline;

public sealed record HotlineNoticeData(string CallId);
public sealed record RosterNoticeData(DateOnly Date, string LeaderId);

/// <summary>The hotline's emails (zh-CN). Every one shows the caller's number masked.</summary>
public sealed class HotlineNotices(HotlineService hotline, OrganizationStore organization) : INotificationRenderer
{
    public const string Overdue = "hotline.overdue";
    public const string Accountability = "hotline.accountability";
    public const string RosterReminder = "hotline.roster-reminder";

    public bool Handles(string type) => type.StartsWith("hotline.", StringComparison.Ordinal);

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        if (notification.Type == RosterReminder)
        {
            var d = notification.DataAs<RosterNoticeData>();
            var leader = org.Person(d.LeaderId);
            var roster = org.HotlineRoster;
            var body = $"{leader.DisplayName}：按区长电话值守安排（第三十七条），您将于 {ChinaTime.Text(d.Date)} {roster.Start:HH\\:mm}—{roster.End:HH\\:mm} 值守区长电话。";
            return Mail(org, [new MailAddress(leader.Email, leader.Name)], [], "【值守提醒】区长电话", body, []);
        }
        var call = (await hotline.GetAsync(notification.DataAs<HotlineNoticeData>().CallId, ct)).Value;
        var facts = Facts(org, call).Select(f => (f.Label, (string?)f.Value)).ToList();
        return notification.Type switch
        {
            Overdue when call.Status == CallStatus.Assigned && call.DepartmentId is not null => Mail(org,
                [Address(org.HeadOf(call.DepartmentId))], [Address(org.SupervisorOf(call.DepartmentId))],
                $"【逾期催办】区长电话交办事项（{call.Id}）",
                $"{org.FindDepartment(call.DepartmentId)!.Name}：以下区长电话交办事项已超过办理期限（{ChinaTime.Text(call.DueAt!.Value)}），请立即办理并答复。抄送分管领导。", facts),
            Accountability when call.AccountableAt is not null => Mail(org,
                [new MailAddress(org.District.OfficeEmail, org.Office.Name)], call.DepartmentId is null ? [] : [Address(org.SupervisorOf(call.DepartmentId))],
                $"【问责清单】区长电话逾期未办结（{call.Id}）",
                "以下区长电话交办事项逾期催办后仍未办结，已列入问责清单（第三十二条），请区政府办公室督办。", facts),
            _ => null,
        };
    }

    /// <summary>What an approver or reader of a call sees: everything but the caller's full number.</summary>
    public static IReadOnlyList<Fact> Facts(OrgChart org, HotlineCall c)
    {
        var facts = new List<Fact>
        {
            new("来电人", c.CallerName),
            new("来电号码", HotlineRules.Mask(c.CallerPhone)),
            new("来电时间", ChinaTime.Text(c.ReceivedAt)),
            new("类别", CategoryName(c.Category)),
            new("来电内容", c.Content),
        };
        if (c.Location is not null) facts.Add(new("地点", c.Location));
        facts.Add(new("接线员", org.FindPerson(c.OperatorId)?.Name ?? c.OperatorId));
        if (c.DepartmentId is not null) facts.Add(new("承办部门", org.FindDepartment(c.DepartmentId)?.Name ?? c.DepartmentId));
        if (c.DueAt is { } due) facts.Add(new("办理期限", ChinaTime.Text(due)));
        if (c.Instruction is not null) facts.Add(new("领导批示", c.Instruction));
        if (c.LinkedCallIds.Count > 0) facts.Add(new("同一问题的来电", string.Join("、", c.LinkedCallIds)));
        facts.Add(new("编号", c.Id));
        return facts;
    }

    public static string CategoryName(CallCategory c) => c switch
    {
        CallCategory.Urgent => "紧急",
        CallCategory.Consultation => "咨询",
        CallCategory.Complaint => "投诉",
        CallCategory.Request => "求助",
        _ => "建议",
    };

    private static MailAddress Address(Person p) => new(p.Email, p.Name);

    private static OutgoingMail Mail(OrgChart org, IReadOnlyList<MailAddress> to, IReadOnlyList<MailAddress> cc, string subject, string intro,
        IReadOnlyList<(string Label, string? Value)> facts)
    {
        var body = MailLayout.Notice(org.District.Name, subject, intro, facts);
        return new(to, subject, body.Html, body.Text) { Cc = cc };
    }
}
