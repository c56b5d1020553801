using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Organization;
using GovFunctions.Supervision;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The 批示 source of supervised items (第三十条): a leader's instruction on a hotline escalation or a duty log, when the leader
/// asks for it to be supervised, opens an item owned by the instructed department; the call or log names the item.
/// </summary>
public class InstructionSupervisionTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T10:00:00+08:00");
    private static readonly DateTimeOffset Due = DateTimeOffset.Parse("2026-12-14T17:30:00+08:00");

    private static HotlineCall Escalated() =>
        new HotlineCall("20261125-1-ab12", "张先生", "13812345678", Now, CallCategory.Complaint, "小区外墙脱落，物业与开发商互相推诿。",
            "幸福路12号", "cao-xiaowen", Disposition.Escalate, null, CallStatus.Escalated)
        {
            DepartmentId = "housing", EscalatedToId = "wang-lijuan", ApprovalId = "ap-1",
        };

    private static DutyLog Log() =>
        new("20261125-xy12", DutyLogKind.Notice, "市政府办公厅", "防汛安全大检查", Now, "xiao-ya", "sun-huimin", "ap-duty-1",
            DutyLogStatus.AwaitingInstruction);

    [Fact]
    public void AHotlineInstruction_Supervised_NamesItsItem_AndAsksForIt_OwnedByTheInstructedDepartment()
    {
        var t = Escalated().Instructed("请教育局牵头，会同住建局处理", "wang-lijuan", "education", Due, "ap-2", Org, supervise: true);
        Assert.Equal("education.20261125-1-ab12", t.Next.SupervisedItemId);
        Assert.EndsWith("；列入督办", t.Reason);
        var asked = Assert.Single(t.Events.OfType<InstructionSupervised>());
        Assert.Equal(("20261125-1-ab12", "education", new DateOnly(2026, 12, 14), "wang-lijuan"),
            (asked.SourceId, asked.DepartmentId, asked.DueDate, asked.LeaderId));
        Assert.Contains(t.Events, e => e is ReplyRequested); // the call still goes to the department as before
    }

    [Fact]
    public void AHotlineInstruction_NotSupervised_AsksForNothing()
    {
        var t = Escalated().Instructed("请住建局处理", "wang-lijuan", "housing", Due, "ap-2", Org);
        Assert.Null(t.Next.SupervisedItemId);
        Assert.DoesNotContain(t.Events, e => e is InstructionSupervised);
        Assert.DoesNotContain("列入督办", t.Reason);
    }

    [Fact]
    public void ADutyLogInstruction_Supervised_NamesItsItem_AndAsksForIt()
    {
        var t = Log().Instructed("请卫健委牵头落实", "sun-huimin", Now, ("health", new DateOnly(2026, 12, 25)));
        Assert.Equal("health.20261125-xy12", t.Next.SupervisedItemId);
        Assert.Equal("带班领导批示：请卫健委牵头落实；列入督办", t.Reason);
        var asked = Assert.Single(t.Events.OfType<InstructionSupervised>());
        Assert.Equal(("health", new DateOnly(2026, 12, 25), "sun-huimin"), (asked.DepartmentId, asked.DueDate, asked.LeaderId));
        Assert.Empty(Log().Instructed("请办理", "sun-huimin", Now).Events.OfType<InstructionSupervised>());
    }

    [Theory]
    [InlineData("education", "chen-siyuan")] // the instructed department's portfolio leader (分管)
    [InlineData("housing", "wang-lijuan")]
    [InlineData("office", "lin-jianguo")]    // the office's own: the district head
    public void TheItem_IsOwnedByTheInstructedDepartment_AndSupervisedAsTheRulesDerive(string dept, string leader)
    {
        var r = SupervisionRules.FromInstruction(new InstructionSupervised("src-1", new string('长', 300), dept, new DateOnly(2026, 12, 14),
            "wang-lijuan"), Org);
        Assert.Equal((SupervisionSource.Instruction, "src-1", dept, leader, Org.HeadOf(dept).Id), (r.Source, r.SourceId,
            r.OwnerDepartmentId, r.SupervisingLeaderId, r.OwnerHeadId));
        Assert.Equal(SupervisionRules.MaxTitle, r.Title.Length);
        Assert.StartsWith("领导批示督办：", r.Title);
        Assert.Equal(new DateOnly(2026, 12, 14), r.DueDate);
    }
}
