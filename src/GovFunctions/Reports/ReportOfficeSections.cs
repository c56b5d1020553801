using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Legal;
using static GovFunctions.Reports.ReportFormat;

namespace GovFunctions.Reports;

/// <summary>
/// The office's sections of a report, each limited to the scope: major decisions by gate (第十五条至第十九条, evaluations
/// 第十八条), normative documents awaiting filing (第二十一条), reconsiderations and their deadlines (第二十三条), and the
/// duty logs with their open instructions (第七十六条). Applicants of reconsiderations and the logs' content are not shown.
/// </summary>
public static class ReportOfficeSections
{
    /// <summary>The gates a decision under way can be waiting at, in the order the report lists them.</summary>
    public enum Gate { Draft, LegalityReview, Consultation, ReviewFailed, AwaitingAgenda, Scheduled, EvaluationDue }

    public static string GateName(Gate g) => g switch
    {
        Gate.Draft => "草稿待提交",
        Gate.LegalityReview => "合法性审查中（第十五条、第十九条）",
        Gate.Consultation => "部门会签中（第十七条）",
        Gate.ReviewFailed => "审查未通过待重新提交",
        Gate.AwaitingAgenda => "待排入会议议程",
        Gate.Scheduled => "已排入会议议程",
        _ => "实施后评估到期（第十八条）",
    };

    /// <summary>The gates a decision is waiting at now (both reviews at once, when both run).</summary>
    public static IEnumerable<Gate> GatesOf(DecisionEntry d)
    {
        if (d.EvaluationDue) yield return Gate.EvaluationDue;
        switch (d.Status)
        {
            case DecisionStatus.Draft: yield return Gate.Draft; break;
            case DecisionStatus.Scheduled: yield return Gate.Scheduled; break;
            case DecisionStatus.InReview or DecisionStatus.Deferred:
                var pending = false;
                if (d.Legality == ReviewState.Pending) { pending = true; yield return Gate.LegalityReview; }
                if (d.Consultation == ReviewState.Pending) { pending = true; yield return Gate.Consultation; }
                if (!pending)
                    yield return d.Legality == ReviewState.Failed || d.Consultation == ReviewState.Failed
                        ? Gate.ReviewFailed
                        : Gate.AwaitingAgenda;
                break;
        }
    }

    public static IEnumerable<ReportTable> Decisions(ReportSnapshot s, ReportScope scope)
    {
        var f = s.Decisions;
        long Milestones(DecisionMilestone m) => f.Milestones.Count(e => e.Milestone == m && scope.Covers(e.SponsorDepartmentId));
        var gates = f.UnderWay.Where(d => scope.Covers(d.SponsorDepartmentId)).SelectMany(GatesOf).ToList();
        yield return new ReportTable("决策", "重大行政决策（第十五条至第十九条）", ["项目", "数量"],
        [
            Row("本期新登记", N(Milestones(DecisionMilestone.Registered))),
            .. Enum.GetValues<Gate>().Select(g => Row(GateName(g), N(gates.Count(x => x == g)))),
            Row("本期会议通过", N(Milestones(DecisionMilestone.Adopted))),
            Row("本期向社会公开", N(Milestones(DecisionMilestone.Published))),
        ]);
        yield return new ReportTable("决策", "规范性文件待备案（第二十一条）", ["文件", "制定部门", "备案期限", "状态"],
            f.Filings.Where(d => scope.Covers(d.IssuingDepartmentId))
                .Select(d => Row(d.Title, s.Org.FindDepartment(d.IssuingDepartmentId)?.Name ?? d.IssuingDepartmentId,
                    d.FilingDueAt is { } due ? Day(due) : "", d.FilingDueAt < s.Now ? "逾期未备案" : "待备案")).ToList());
        if (scope.Covers(s.Org.LegalOffice.Id))
            yield return new ReportTable("决策", "行政复议案件及期限（第二十三条）", ["案件", "被申请人", "受理日期", "法定期限", "剩余天数", "状态"],
                f.Reconsiderations.Select(r => Row(r.CaseId, r.Respondent, Day(r.AcceptedAt),
                    Day(r.DeadlineAt) + (r.Extended ? "（已延期）" : ""),
                    N((long)Math.Floor((r.DeadlineAt - s.Now).TotalDays)),
                    r.Status == ReconsiderationStatus.InSignOff ? "签批中" : "办理中")).ToList());
    }

    /// <summary>
    /// The duty section (第七十六条): the whole district sees every log; a leader's portfolio report the logs they were the
    /// leader on duty for; a department's report has none (duty is the government office's).
    /// </summary>
    public static IEnumerable<ReportTable> Duty(ReportSnapshot s, ReportScope scope)
    {
        if (!scope.WholeDistrict && LeaderOf(scope) is null) yield break;
        bool Mine(DutyLogEntry l) => scope.WholeDistrict || l.LeaderOnDutyId == LeaderOf(scope);
        var logs = s.Duty.Logs.Where(Mine).ToList();
        var open = s.Duty.Open.Where(Mine).ToList();
        yield return new ReportTable("值班", "值班记录（第七十六条）", ["项目", "数量"],
        [
            Row("本期登记", N(logs.Count)),
            .. Enum.GetValues<DutyLogKind>().Select(k => Row(DutyLog.KindName(k), N(logs.Count(l => l.Kind == k)))),
            Row("本期已批示", N(logs.Count(l => l.Status != DutyLogStatus.AwaitingInstruction))),
            Row("本期已落实", N(logs.Count(l => l.Status == DutyLogStatus.CarriedOut))),
            Row("待带班领导批示", N(open.Count(l => l.Status == DutyLogStatus.AwaitingInstruction))),
            Row("批示待落实", N(open.Count(l => l.Status == DutyLogStatus.Instructed))),
        ]);
        yield return new ReportTable("值班", "未办结的值班事项（第七十六条）", ["编号", "类别", "来文（来电）单位", "接收时间", "带班领导", "状态"],
            open.Select(l => Row(l.Id, DutyLog.KindName(l.Kind), l.Source, ChinaTime.Text(l.ReceivedAt), NameOf(s.Org, l.LeaderOnDutyId),
                l.Status == DutyLogStatus.AwaitingInstruction ? "待批示" : "批示待落实")).ToList());
    }
}
