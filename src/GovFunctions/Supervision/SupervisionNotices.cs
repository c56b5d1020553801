using GovFunctions.Approvals;
using GovFunctions.Leave;
using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Supervision;

/// <summary>
/// The emails of supervision, rendered from the item's current state. Whoever is away on approved leave is replaced by their
/// acting person (Art. 4, 75), and the email says on whose behalf.
/// </summary>
/// <remarks>A mail that carries an item's links goes to their holder alone, never copied: a link is its holder's credential.</remarks>
public sealed class SupervisionNotices(SupervisionService supervision, SupervisionQueries queries, OrganizationStore organization,
    AwayIndex away, SupervisionLinkIssuer links, TimeProvider clock, IOptions<SiteOptions> site) : INotificationRenderer
{
    public const string Assigned = "supervision.assigned";
    public const string Warning = "supervision.warning";
    public const string CompletionReported = "supervision.completion-reported";
    public const string Returned = "supervision.returned";
    public const string Closed = "supervision.closed";
    public const string Coordination = "supervision.coordination";
    public const string ExtensionDecided = "supervision.extension-decided";
    public const string CoAssigned = "supervision.co-assigned";
    public const string Links = "supervision.links";
    public const string WarningCopy = "supervision.warning-copy";

    /// <summary>
    /// The model of every supervision email (<c>Templates/Supervision/notice</c>): what happened, the item, its page, and the
    /// signed links its recipient answers through (签收, 进展, 办结报告) with the time they work until.
    /// </summary>
    public sealed record NoticeView(string Intro, IReadOnlyList<FactRow> Facts, string Link, IReadOnlyList<ActionLink> Actions);

    /// <summary>One signed link of a mail: what it does, its address, until when it works.</summary>
    public sealed record ActionLink(string Name, string Url, string ExpiresAt);

    public bool Handles(string type) => type.StartsWith("supervision.", StringComparison.Ordinal);

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var data = notification.DataAs<SupervisionNotice>();
        var item = (await supervision.GetAsync(data.ItemId, ct)).Value;
        var org = await organization.OrganizationAsync(ct);
        var now = clock.GetUtcNow();
        var absences = await away.AbsencesAtAsync(now, ct);
        var owner = org.HeadOf(item.OwnerDepartmentId);
        var leader = org.Person(item.SupervisingLeaderId);
        var office = new MailAddress(org.District.OfficeEmail, org.Office.Name);

        (string Subject, string Intro, IReadOnlyList<Person> To, IReadOnlyList<Person> Cc, bool Office)? mail = notification.Type switch
        {
            Assigned => ($"【督办交办】{item.Title}",
                "区政府交办以下督办事项，请及时签收，按期报送进展（第三十条）。",
                [owner], [], false),
            CoAssigned => ($"【督办协办】{item.Title}",
                "区政府交办以下督办事项，贵单位为协办单位，请通过链接按期报送承担部分的进展（第三十条）。",
                [org.HeadOf(data.DepartmentId!)], [], false),
            Links => ($"【督办链接】{item.Title}", "请通过以下链接继续办理该督办事项（第三十条）。", [org.HeadOf(data.DepartmentId!)], [], false),
            WarningCopy => Warn(data.Stage!.Value, item, owner, leader) is var (subject, intro, _, _, _)
                ? (subject, $"抄送分管领导：{intro}", [leader], [], false)
                : null,
            CompletionReported => ($"【办结待复核】{item.Title}",
                $"{org.FindDepartment(item.OwnerDepartmentId)?.Name}已报送办结报告，请复核。", [], [], true),
            Returned => ($"【复核退回】{item.Title}",
                $"办结报告未通过复核：{item.Completions[^1].Reason}。请继续办理。", [owner], [], false),
            Closed => ($"【已销号】{item.Title}", "办结报告已通过复核，该事项销号。", [owner], [leader], false),
            Coordination => ($"【需领导协调】{item.Title}",
                $"进展报告提出需要领导协调的问题：{item.Progress[^1].Text}", [leader], [owner], false),
            ExtensionDecided => item.Extensions[^1] is var x
                ? ($"【延期{(x.State == ExtensionState.Granted ? "已批准" : "未批准")}】{item.Title}",
                    x.State == ExtensionState.Granted
                        ? $"同意延期至 {ChinaTime.Text(x.To)}。"
                        : $"不同意延期，仍须在 {ChinaTime.Text(item.DueDate)} 前办结。",
                    [org.Person(x.RequestedById)], [], false)
                : null,
            Warning => Warn(data.Stage!.Value, item, owner, leader),
            _ => throw new InvalidDataException($"unknown supervision notice {notification.Type}"),
        };
        if (mail is not { } m) return null;

        var carried = Carried(notification.Type, data, item, now);
        var to = carried.Count > 0
            ? carried.Select(l => org.Person(l.HolderId)).DistinctBy(p => p.Id).Select(p => new MailAddress(p.Email, p.Name)).ToList()
            : Resolve(org, m.To, absences, now);
        var cc = Resolve(org, m.Cc, absences, now).Where(c => to.All(t => t.Address != c.Address)).ToList();
        if (m.Office) to = [office, .. to];
        var view = queries.View(item, org, await organization.CalendarAsync(ct));
        var onBehalf = m.To.Concat(m.Cc).Select(p => (p, Acting.Resolve(org, p.Id, absences, now)))
            .Where(x => x.Item2.OnBehalfOfId is not null)
            .Select(x => $"{org.Person(x.Item2.ApproverId).Name}代{x.p.DisplayName}办理").ToList();
        var facts = new List<(string, string?)>
        {
            ("督办事项", item.Title), ("牵头单位", view.OwnerDepartmentName),
            ("协办单位", string.Join("、", item.CoDepartmentIds.Select(d => org.FindDepartment(d)?.Name ?? d))),
            ("分管领导", view.SupervisingLeaderName), ("完成期限", ChinaTime.Text(item.DueDate)), ("状态", view.StatusName),
            ("督办灯", view.ColorName), ("当前进度", $"{view.Percent}%（序时进度 {view.ExpectedPercent}%）"),
        };
        if (onBehalf.Count > 0) facts.Add(("代办", string.Join("；", onBehalf)));
        var link = site.Value.Link($"supervision/items/{Uri.EscapeDataString(item.Id)}");
        var actions = carried.Select(l => new ActionLink(NameOf(l.Action),
            site.Value.Link("supervision/links/" + links.TokenFor(item, l)), ChinaTime.Text(l.ExpiresAt))).ToList();
        var body = MailLayout.Render(org.District.Name, m.Subject, "Supervision/notice", new NoticeView(m.Intro, FactRow.Of(facts), link,
            actions));
        return new OutgoingMail(to, m.Subject, body.Html, body.Text)
        {
            Cc = cc,
        };
    }

    private static (string, string, IReadOnlyList<Person>, IReadOnlyList<Person>, bool) Warn(WarningStage stage, SupervisedItem item,
        Person owner, Person leader) => stage switch
        {
            WarningStage.AcknowledgeReminder => ($"【签收提醒】{item.Title}",
                "该督办事项交办已超过一个工作日尚未签收，请及时签收。", [owner], [], false),
            WarningStage.Blue => ($"【蓝色提醒】{item.Title}",
                "该督办事项将于三个工作日内到期，请抓紧办理。", [owner], [], false),
            WarningStage.YellowReport => ($"【黄色预警】{item.Title}",
                "该督办事项未按时报送进展，请立即报送。", [owner], [], false),
            WarningStage.YellowBehind => ($"【黄色预警】{item.Title}",
                "该督办事项进度明显滞后于序时进度，请加快推进。", [owner], [], false),
            WarningStage.Red => ($"【红色督办】{item.Title}",
                "该督办事项已逾期未办结，已标记为逾期，请分管领导督促办理。", [leader], [owner], true),
            _ => ($"【列入问责名单】{item.Title}",
                $"该督办事项逾期已超过规定期限，列入问责名单（第三十二条），责任人：{owner.DisplayName}。",
                [leader], [owner], true),
        };

    /// <summary>
    /// The links a mail carries, those usable now: the assignment the owner's (签收, 进展, 办结), a co-operating department's
    /// its progress link, the acknowledgement reminder the 签收 link, blue the report links, yellow the progress link.
    /// </summary>
    private static List<ItemLink> Carried(string type, SupervisionNotice data, SupervisedItem item, DateTimeOffset now)
    {
        var owner = item.OwnerDepartmentId;
        IEnumerable<(LinkAction, string)> wanted = type switch
        {
            Assigned => [(LinkAction.Acknowledge, owner), (LinkAction.Progress, owner), (LinkAction.Complete, owner)],
            CoAssigned => [(LinkAction.Progress, data.DepartmentId!)],
            Links => Enum.GetValues<LinkAction>().Select(a => (a, data.DepartmentId!)),
            Warning => data.Stage switch
            {
                WarningStage.AcknowledgeReminder => [(LinkAction.Acknowledge, owner)],
                WarningStage.Blue => [(LinkAction.Progress, owner), (LinkAction.Complete, owner)],
                WarningStage.YellowReport or WarningStage.YellowBehind => [(LinkAction.Progress, owner)],
                _ => [],
            },
            _ => [],
        };
        return wanted.Select(w => item.OpenLink(w.Item1, w.Item2)).OfType<ItemLink>()
            .Where(l => item.StateOf(l, now) == LinkState.Usable).ToList();
    }

    private static string NameOf(LinkAction action) => action switch
    {
        LinkAction.Acknowledge => "签收",
        LinkAction.Progress => "报送进展",
        _ => "报送办结报告",
    };

    private static List<MailAddress> Resolve(OrgChart org, IEnumerable<Person> people, IReadOnlyList<Absence> absences,
        DateTimeOffset now) =>
        people.Select(p => org.Person(Acting.Resolve(org, p.Id, absences, now).ApproverId))
            .DistinctBy(p => p.Id).Select(p => new MailAddress(p.Email, p.Name)).ToList();
}
