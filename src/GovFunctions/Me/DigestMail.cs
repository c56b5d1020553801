using GovFunctions.Platform.Mail;

namespace GovFunctions.Me;

/// <summary>
/// The daily digest's email (zh-CN, HTML and text from <c>Templates/Me/digest</c> in the mail frame): everything waiting for one
/// person, oldest first, each with its age in working days and its own one-click link. The rows are the same on "my work".
/// </summary>
public static class DigestMail
{
    /// <summary>One waiting thing as a person reads it.</summary>
    public sealed record Row(string KindName, string Title, string Behalf, string Since, string Age, string Link, string LinkLabel,
        string Reminded);

    /// <summary>The digest's model: the greeting, the summary line, the rows, the "my work" page.</summary>
    public sealed record DigestView(string Greeting, string Intro, IReadOnlyList<Row> Rows, string MyWorkLink);

    public static string Subject(DateOnly day, int count) => $"【每日待办】{ChinaTime.Text(day)}：{count} 项事项等待您处理";

    public static IReadOnlyList<Row> Rows(OrgChart org, IEnumerable<WaitingItem> items, DateTimeOffset now, WorkingCalendar calendar) =>
        items.Select(i => new Row(WaitingRules.NameOf(i.Kind), i.Title,
            i.OnBehalfOfId is { } absent ? $"代{org.FindPerson(absent)?.DisplayName ?? absent}办理（第七十五条）" : "",
            ChinaTime.ShortText(i.Since), AgeText(WaitingRules.AgeInWorkingDays(i.Since, now, calendar)), i.Link,
            i.TaskId is null ? "查看事项" : "打开办理链接", i.Reminders > 0 ? $"已催办 {i.Reminders} 次" : "")).ToList();

    public static string AgeText(int days) => days == 0 ? "今日送达" : $"已等待 {days} 个工作日";

    public static OutgoingMail Render(OrgChart org, Person to, DateOnly day, IReadOnlyList<WaitingItem> items, DateTimeOffset now,
        WorkingCalendar calendar, string myWorkLink)
    {
        var intro = $"截至 {ChinaTime.ShortText(now)}，共有 {items.Count} 项事项等待您处理，按送达先后排列。"
            + "今日对这些事项的催办提醒已并入本邮件，不再另行发送。";
        var view = new DigestView(to.DisplayName, intro, Rows(org, items, now, calendar), myWorkLink);
        var subject = Subject(day, items.Count);
        var body = MailLayout.Render(org.District.Name, "每日待办", "Me/digest", view);
        return new OutgoingMail([new MailAddress(to.Email, to.Name)], subject, body.Html, body.Text);
    }
}
