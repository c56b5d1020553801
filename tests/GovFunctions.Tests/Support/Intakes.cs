using System.Text.Json;
using System.Text.Json.Nodes;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Legal;
using GovFunctions.Supervision;

namespace GovFunctions.Tests.Support;

/// <summary>
/// Every POST route's body as API.md and the intake records define it: each field's kind and limit, who may post it, and
/// a valid body. The fuzz test mutates these; the idempotency and size tests post the create routes' valid bodies.
/// </summary>
public static class Intakes
{
    public enum Kind { Text, Choice, Time, Date, Flag, Count, Id, Ids }

    public sealed record Field(string Name, Kind Kind, int Max = 0, string[]? Choices = null);

    /// <param name="Subject">For a route under a record ({id}, {token}): the create route whose record it acts on.</param>
    /// <param name="RouteValues">Route parameters the host constrains (<c>{action:regex(…)}</c>), fixed to the value the body
    /// is for.</param>
    public sealed record Intake(string Function, string CallerId, Field[] Fields, Func<DateTimeOffset, JsonObject> Valid,
        string? Subject = null,
        IReadOnlyDictionary<string, string>? RouteValues = null)
    {
        public bool Creates => Subject is null && Fields.Length > 0 && RouteValues is null;
    }

    private static string[] Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v
        => JsonNamingPolicy.CamelCase.ConvertName(v.ToString())).ToArray();

    private static Field Text(string name, int max) => new(name, Kind.Text, max);
    private static Field Choice<T>(string name) where T : struct, Enum => new(name, Kind.Choice, Choices: Names<T>());

    public const string Operator = "cao-xiaowen", Sponsor = "ma-zhiqiang", Office = "sun-huimin", DutyOfficer = "zeng-qiang",
        Finance = "huang-xiuying", LegalClerk = "qin-hao", Applicant = "chen-siyuan", OfficeClerk = "bai-xue";

    public static readonly Intake[] All =
    [
        new("SubmitLeave", Applicant,
            [new("start", Kind.Time), new("end", Kind.Time), Text("destination", 200), Text("contact", 100), Text("reason", 1000),
                new("actingPersonId", Kind.Id)],
            _ => new JsonObject
            {
                ["start"] = "2026-12-01T09:00:00+08:00", ["end"] = "2026-12-03T17:30:00+08:00", ["destination"] = "北京市",
                ["contact"] = "13800001111", ["reason"] = "参加培训",
            }),
        new("RecordCall", Operator,
            [Text("callerName", 50), Text("callerPhone", 20), new("receivedAt", Kind.Time), Choice<CallCategory>("category"),
                Text("content", 4000),
                Text("location", 200), Choice<Disposition>("disposition"), Text("answer", 4000), new("departmentId", Kind.Id)],
            now => new JsonObject
            {
                ["callerName"] = "张先生", ["callerPhone"] = "13812345678", ["receivedAt"] = now.ToString("O"), ["category"] = "complaint",
                ["content"] = "青禾路与民生街交叉口路灯连续一周不亮。", ["location"] = "青禾路", ["disposition"] = "assign", ["departmentId"] = "housing",
            }),
        new("CreateDecision", Sponsor,
            [Text("title", 200), Choice<DecisionCategory>("category"), Text("summary", 8000), new("sponsorDepartmentId", Kind.Id),
                new("consultDepartmentIds", Kind.Ids), new("touchesLowerLevels", Kind.Flag), new("publicInterest", Kind.Flag),
                new("hearingRequired", Kind.Flag), new("confidential", Kind.Flag), Text("confidentialReason", 1000)],
            _ => new JsonObject
            {
                ["title"] = "青禾区2027年老旧小区改造计划", ["category"] = "livelihoodStability", ["summary"] = "改造老旧小区42个。",
                ["sponsorDepartmentId"] = "dev-reform", ["consultDepartmentIds"] = new JsonArray("finance"), ["publicInterest"] = true,
            }),
        new("RecordDutyLog", DutyOfficer,
            [Choice<DutyLogKind>("kind"), Text("source", 200), Text("content", 4000), new("receivedAt", Kind.Time)],
            now => new JsonObject
            {
                ["kind"] = "notice", ["source"] = "市政府办公厅", ["content"] = "请于12月2日前报送检查方案。",
                    ["receivedAt"] = now.AddMinutes(-10).ToString("O"),
            }),
        new("CreateNormativeDocument", Finance,
            [Text("title", 200), Text("summary", 8000), new("issuingDepartmentId", Kind.Id), new("touchedDepartmentIds", Kind.Ids),
                new("jointDepartmentIds", Kind.Ids), new("issuingBodyId", Kind.Id)],
            _ => new JsonObject { ["title"] = "青禾区财政专项资金管理办法", ["summary"] = "规范专项资金申报。", ["issuingDepartmentId"] = "finance" }),
        new("RegisterSupervisedItem", OfficeClerk,
            [Text("title", 200), Choice<SupervisionSource>("source"), Text("sourceId", 200), new("ownerDepartmentId", Kind.Id),
                new("coDepartmentIds", Kind.Ids),
                new("dueDate", Kind.Date), Choice<ProgressCadence>("cadence"), Text("proposer", 100)],
            _ => new JsonObject
            {
                ["title"] = "推进义务教育学校扩容", ["source"] = "proposal", ["proposer"] = "张代表", ["ownerDepartmentId"] = "education",
                ["coDepartmentIds"] = new JsonArray(), ["dueDate"] = "2026-12-30", ["cadence"] = "weekly",
            }),
        new("AcceptReconsideration", LegalClerk,
            [Text("applicant", 200), Text("respondent", 200), Text("request", 8000), new("acceptedAt", Kind.Time)],
            now => new JsonObject
            {
                ["applicant"] = "青禾某建材有限公司", ["respondent"] = "区市场监督管理局", ["request"] = "撤销行政处罚决定书", ["acceptedAt"] = now.ToString("O"),
            }),
        new("RegisterLegalCase", LegalClerk,
            [Choice<LegalCaseKind>("kind"), Text("summary", LegalCase.MaxSummary), new("participantDepartmentIds", Kind.Ids),
                new("servedAt", Kind.Time)],
            now => new JsonObject
            {
                ["kind"] = "litigation", ["summary"] = "某建材公司诉区政府行政许可案", ["participantDepartmentIds"] = new JsonArray(),
                ["servedAt"] = now.AddDays(-1).ToString("O"),
            }),
        new("RegisterCoordinationBody", OfficeClerk,
            [Text("name", 200), Text("purpose", 4000), new("leaderId", Kind.Id), new("memberIds", Kind.Ids),
                new("requiredByHigherAuthority", Kind.Flag), new("expectedEndDate", Kind.Date)],
            now => new JsonObject
            {
                ["name"] = "城市更新工作领导小组", ["purpose"] = "统筹推进老旧小区改造", ["leaderId"] = "wang-lijuan",
                ["memberIds"] = new JsonArray("gao-feng"), ["requiredByHigherAuthority"] = true,
                ["expectedEndDate"] = now.AddMonths(6).ToString("yyyy-MM-dd"),
            }),

        new("WithdrawLeave", Applicant, [], _ => [], "SubmitLeave"),
        new("ReturnFromLeave", Applicant, [Text("note", 1000)], _ => new JsonObject { ["note"] = "已返岗" }, "SubmitLeave"),
        new("CallBack", Operator, [new("satisfied", Kind.Flag), Text("note", 1000)], _ => new JsonObject { ["satisfied"] = true,
            ["note"] = "满意" }, "RecordCall"),
        new("ExtendCall", "gao-feng", [new("workingDays", Kind.Count), Text("reason", 1000)],
            _ => new JsonObject { ["workingDays"] = 5, ["reason"] = "需协调多部门" }, "RecordCall"),
        new("DutyLogCarriedOut", DutyOfficer, [Text("note", 2000)], _ => new JsonObject { ["note"] = "已报送" }, "RecordDutyLog"),
        new("SubmitDecision", Sponsor, [], _ => [], "CreateDecision"),
        new("AddDecisionEvidence", Sponsor, [Choice<EvidenceKind>("kind"), Text("summary", 4000), Text("by", 200), new("date", Kind.Date)],
            _ => new JsonObject { ["kind"] = "research", ["summary"] = "普查报告", ["by"] = "区发展和改革局", ["date"] = "2026-09-01" },
                "CreateDecision"),
        new("RecordPublicComment", Sponsor,
            [new("start", Kind.Date), new("end", Kind.Date), new("comments", Kind.Count), Text("summary", 4000),
                Text("reasonsNotAdopted", 4000)],
            _ => new JsonObject { ["start"] = "2026-10-01", ["end"] = "2026-10-31", ["comments"] = 12, ["summary"] = "意见概要" },
                "CreateDecision"),
        new("RecordHearing", Sponsor, [new("date", Kind.Date), Text("participants", 2000), Text("transcriptSummary", 8000)],
            _ => new JsonObject { ["date"] = "2026-11-02", ["participants"] = "居民代表", ["transcriptSummary"] = "笔录摘要" }, "CreateDecision"),
        new("ScheduleDecision", Office, [Choice<MeetingType>("meeting"), new("date", Kind.Date)],
            _ => new JsonObject { ["meeting"] = "executive", ["date"] = "2026-12-10" }, "CreateDecision"),
        new("RecordDecisionOutcome", Office,
            [Choice<MeetingType>("meeting"), new("date", Kind.Date), new("attendeeIds", Kind.Ids), Choice<MeetingResult>("result"),
                Text("minutes", 20000)],
            _ => new JsonObject
            {
                ["meeting"] = "executive", ["date"] = "2026-12-10", ["attendeeIds"] = new JsonArray("lin-jianguo", "zhou-minghua"),
                ["result"] = "adopted", ["minutes"] = "纪要",
            }, "CreateDecision"),
        new("RecordDecisionEvaluation", Sponsor, [Text("text", 8000)], _ => new JsonObject { ["text"] = "评估结论" }, "CreateDecision"),
        new("SubmitNormativeDocument", Finance, [], _ => [], "CreateNormativeDocument"),
        new("PublishNormativeDocument", Finance, [], _ => [], "CreateNormativeDocument"),
        new("FileNormativeDocument", Finance, [], _ => [], "CreateNormativeDocument"),
        new("ProposeReconsiderationDecision", LegalClerk, [Text("proposal", 8000)], _ => new JsonObject { ["proposal"] = "维持原决定。" },
            "AcceptReconsideration"),
        new("ExtendReconsideration", LegalClerk, [Text("reason", 2000)], _ => new JsonObject { ["reason"] = "案情复杂" },
            "AcceptReconsideration"),
        new("FileLegalCaseDefence", LegalClerk, [], _ => [], "RegisterLegalCase"),
        new("CloseLegalCase", LegalClerk, [Choice<LegalCaseOutcome>("outcome"), Text("text", LegalCase.MaxSummary)],
            _ => new JsonObject { ["outcome"] = "judgementWon", ["text"] = "驳回原告诉讼请求" }, "RegisterLegalCase"),
        new("RecordCoordinationBodyAct", OfficeClerk,
            [Choice<ForbiddenAct>("kind"), Text("description", CoordinationBodyService.MaxDescription)],
            _ => new JsonObject { ["kind"] = "contract", ["description"] = "某项目合作协议" }, "RegisterCoordinationBody"),
        new("DissolveCoordinationBody", OfficeClerk, [], _ => [], "RegisterCoordinationBody"),
        new("ActOnSupervisedItem", "wu-jianping", [Text("text", 4000), new("percent", Kind.Count), new("needsCoordination", Kind.Flag)],
            _ => new JsonObject { ["text"] = "已完成选址", ["percent"] = 10 }, "RegisterSupervisedItem",
            new Dictionary<string, string> { ["action"] = "progress" }),
        new("ProposeAccountability", Office, [Text("proposal", 4000), Text("reason", 4000)],
            _ => new JsonObject { ["proposal"] = "约谈", ["reason"] = "逾期未办结" }, "none"),
        new("ResendReport", OfficeClerk, [new("period", Kind.Id), new("recipientId", Kind.Id)],
            _ => new JsonObject { ["period"] = "2026-W47", ["recipientId"] = "lin-jianguo" }, null,
            new Dictionary<string, string> { ["kind"] = "weekly" }),
        // Not a create route (it sets the caller's own preferences): its subject is the caller, named by no route value.
        new("SetMyPreferences", "gao-feng", [new("digest", Kind.Flag), new("escalations", Kind.Flag)],
            _ => new JsonObject { ["digest"] = false }, "none"),
        new("DecideApproval", "", [new("action", Kind.Choice, Choices: ["approve", "reject"]), Text("comment", 1000)],
            _ => new JsonObject { ["action"] = "reject", ["comment"] = "时间冲突" }, "approval"),
        new("AnswerSupervisionLink", "", [Text("text", 4000), new("percent", Kind.Count), new("needsCoordination", Kind.Flag)],
            _ => new JsonObject { ["text"] = "已完成选址", ["percent"] = 10 }, "supervisionLink"),
    ];

    public static Intake Of(string function) => All.Single(i => i.Function == function);

    public static IEnumerable<Intake> Creating => All.Where(i => i.Creates);
}
