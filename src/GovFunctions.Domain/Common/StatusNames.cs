using GovFunctions.Approvals;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Legal;
using GovFunctions.Supervision;

namespace GovFunctions.Common;

/// <summary>
/// The one place for the Chinese name of every record kind's status, as pages, emails and the <c>statusName</c> fields
/// show it to a person. The wire names (<c>pending</c>, <c>draft</c>, ...) stay in each record's <c>StateName</c>.
/// </summary>
public static class StatusNames
{
    public static string Of(LeaveStatus s) => s switch
    {
        LeaveStatus.Pending => "审批中",
        LeaveStatus.Approved => "已批准",
        LeaveStatus.Rejected => "未批准",
        LeaveStatus.Withdrawn => "已撤回",
        _ => "已销假",
    };

    public static string Of(CallStatus s) => s switch
    {
        CallStatus.Closed => "已办结",
        CallStatus.Assigned => "已交办，待部门答复",
        CallStatus.Escalated => "已上报，待领导批示",
        _ => "已答复，待回访",
    };

    public static string Of(DecisionStatus s) => s switch
    {
        DecisionStatus.Draft => "草稿（尚未提交审查）",
        DecisionStatus.InReview => "审查中",
        DecisionStatus.Scheduled => "已提请会议",
        DecisionStatus.Adopted => "已通过",
        DecisionStatus.Amended => "修改后通过",
        DecisionStatus.Rejected => "未通过",
        _ => "暂缓决定",
    };

    public static string Of(DutyLogStatus s) => s switch
    {
        DutyLogStatus.AwaitingInstruction => "待带班领导批示",
        DutyLogStatus.Instructed => "已批示，待办理",
        _ => "已办结",
    };

    public static string Of(DocumentStatus s) => s switch
    {
        DocumentStatus.Draft => "草稿",
        DocumentStatus.InLegalReview => "法制审核中",
        DocumentStatus.Reviewed => "审核通过，待发布",
        DocumentStatus.ReviewFailed => "审核未通过",
        DocumentStatus.Published => "已发布，待备案",
        _ => "已备案",
    };

    public static string Of(ReconsiderationStatus s) => s switch
    {
        ReconsiderationStatus.Accepted => "已受理",
        ReconsiderationStatus.InSignOff => "复议决定签批中",
        _ => "已作出复议决定",
    };

    public static string Of(SupervisionStatus s) => s switch
    {
        SupervisionStatus.Assigned => "已交办，待签收",
        SupervisionStatus.Acknowledged => "已签收",
        SupervisionStatus.InProgress => "办理中",
        SupervisionStatus.Completed => "已报办结，待复核",
        _ => "已销号",
    };

    public static string Of(ApprovalStatus s) => s switch
    {
        ApprovalStatus.Pending => "审批中",
        ApprovalStatus.Approved => "已批准",
        ApprovalStatus.Rejected => "未获批准",
        _ => "已撤回",
    };
}
