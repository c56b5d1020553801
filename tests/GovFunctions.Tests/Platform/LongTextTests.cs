using System.Net;
using System.Text;
using Azure.Data.Tables;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Legal;
using GovFunctions.Organization;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Platform;

/// <summary>
/// Every documented maximum, in CJK (3 bytes in UTF-8, 6 characters when JSON-escaped) and beyond the BMP (𠀀: two UTF-16
/// units, 12 escaped), through the whole flow: the record, the approval and its queue message and outbox intent, the email,
/// the link's page. Each text is read back whole.
/// </summary>
public class LongTextTests : AppTest
{
    public static TheoryData<string> Scripts => new() { "cjk", "astral" };

    /// <summary><paramref name="characters"/> characters as a reader counts them.</summary>
    public static string Text(string script, int characters)
    {
        string[] alphabet = script == "astral" ? ["𠀀", "𠀁", "𪚥", "𤭢", "𠮷"] : ["青", "禾", "区", "政", "府", "办", "公", "室", "。"];
        var text = new StringBuilder();
        for (var i = 0; i < characters; i++) text.Append(alphabet[i % alphabet.Length]);
        return text.ToString();
    }

    private async Task<OrgChart> OrgAsync() => await App.Get<OrganizationStore>().OrganizationAsync();

    private async Task<Person> PersonAsync(string id) => (await OrgAsync()).Person(id);

    /// <summary>The approver got the text by mail, and the link's page shows it.</summary>
    private async Task AssertAskedAsync(string approvalId, string approverId, params string[] texts)
    {
        var mail = Mail.To(EmailOf(approverId)).Last();
        var page = (ContentResult)await ShowAsync(await TokenAsync(approvalId, approverId));
        var approval = (await Engine.FindAsync(approvalId))!.Value;
        foreach (var text in texts)
        {
            Assert.Contains(approval.Request.Facts, f => f.Value.Contains(text, StringComparison.Ordinal));
            Assert.Contains(text, mail.Text, StringComparison.Ordinal);
            Assert.Contains(text, WebUtility.HtmlDecode(page.Content!), StringComparison.Ordinal);
        }
    }

    private async Task ApproveAsync(string approvalId, string approverId, string comment)
    {
        Assert.Equal(200, Http.StatusOf(await DecideAsync(await TokenAsync(approvalId, approverId), "approve", comment)));
        await Pump.RunAsync();
    }

    private async Task AnswerAndPumpAsync(string approvalId, string approverId, string text, string? departmentId = null)
    {
        Assert.Equal(200, Http.StatusOf(await AnswerAsync(await TokenAsync(approvalId, approverId), text, departmentId)));
        await Pump.RunAsync();
    }

    [Theory, MemberData(nameof(Scripts))]
    public async Task ADecision_WithEveryTextAtItsMaximum_IsReviewedDecidedPublishedAndEvaluatedWhole(string script)
    {
        var decisions = App.Get<DecisionService>();
        var (sponsor, office) = (await PersonAsync("ma-zhiqiang"), await PersonAsync("sun-huimin"));
        var (title, summary, comment) = (Text(script, 200), Text(script, 8000), Text(script, 1000));
        var id = (await decisions.CreateAsync(sponsor, new DecisionIntake(title, DecisionCategory.LivelihoodStability, summary,
            "dev-reform", ["finance"], false, true, true, false, null))).Id;
        await decisions.SubmitAsync(sponsor, id);
        await Pump.RunAsync();
        var d = (await decisions.GetAsync(id)).Value;
        await AssertAskedAsync(d.LegalityReview.ApprovalId!, "zheng-wenbo", title, summary);
        await AssertAskedAsync(d.Consultation.ApprovalId!, "huang-xiuying", summary);
        await ApproveAsync(d.LegalityReview.ApprovalId!, "zheng-wenbo", comment);
        await ApproveAsync(d.Consultation.ApprovalId!, "huang-xiuying", comment);

        var evidence = Text(script, 4000);
        for (var i = 0; i < Decision.MaxEvidence; i++)
            await decisions.AddEvidenceAsync(sponsor, id, new EvidenceIntake(i == 0 ? EvidenceKind.Research : EvidenceKind.ExpertAssessment,
                evidence, Text(script, 200), new DateOnly(2026, 9, 1)));
        var more = await Assert.ThrowsAsync<ValidationException>(() => decisions.AddEvidenceAsync(sponsor, id,
            new EvidenceIntake(EvidenceKind.Research, "一份", "区发展和改革局", new DateOnly(2026, 9, 1))));
        Assert.Contains("evidence", more.Errors.Keys);
        var (commentSummary, notAdopted) = (Text(script, 4000), Text(script, 4000));
        await decisions.RecordPublicCommentAsync(sponsor, id,
            new PublicCommentIntake(new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 18), 87, commentSummary, notAdopted));
        var (participants, transcript) = (Text(script, 2000), Text(script, 8000));
        await decisions.RecordHearingAsync(sponsor, id, new HearingIntake(new DateOnly(2026, 11, 20), participants, transcript));
        await decisions.ScheduleAsync(office, id, new ScheduleIntake(MeetingType.Executive, new DateOnly(2026, 12, 10)));
        var minutes = Text(script, 20000);
        await decisions.RecordOutcomeAsync(office, id, new OutcomeIntake(MeetingType.Executive, new DateOnly(2026, 12, 10),
            ["lin-jianguo", "zhou-minghua", "chen-siyuan", "wang-lijuan", "liu-haitao"], MeetingResult.Adopted, minutes));
        await Pump.RunAsync();
        App.Clock.Advance(TimeSpan.FromDays(370));
        Assert.Equal(1, await decisions.OpenEvaluationsAsync());
        var findings = Text(script, 8000);
        await decisions.RecordEvaluationAsync(sponsor, id, findings);

        d = (await decisions.GetAsync(id)).Value;
        Assert.Equal((title, summary), (d.Title, d.Summary));
        Assert.All(d.Evidence, e => Assert.Equal(evidence, e.Summary));
        Assert.Equal((commentSummary, notAdopted), (d.PublicComment!.Summary, d.PublicComment.ReasonsNotAdopted));
        Assert.Equal((participants, transcript), (d.Hearing!.Participants, d.Hearing.TranscriptSummary));
        Assert.Equal((minutes, findings), (d.Outcome!.Minutes, d.Evaluation!.Findings));
        Assert.NotNull(d.PublishedAt);
        Assert.Contains(await PublicFeed.ReadAsync(App.Storage, 2026, default), e => e.Id == id && e.Summary == summary);
        var row = (await (await decisions.Store.TableAsync()).GetEntityAsync<TableEntity>(id, $"{id}|record")).Value;
        Assert.True(row.ContainsKey("Json1"), "a record this large is split across properties");
    }

    [Theory, MemberData(nameof(Scripts))]
    public async Task AHotlineCall_AnsweredAtOnce_WithContentAndAnswerAtTheirMaximum_IsStoredWhole(string script)
    {
        var hotline = App.Get<HotlineService>();
        var (content, answer) = (Text(script, 4000), Text(script, 4000));
        var call = await hotline.RecordAsync(await PersonAsync("cao-xiaowen"), new CallIntake(Text(script, 50), "13812345678",
            App.Clock.GetUtcNow(), CallCategory.Consultation, content, Text(script, 200), Disposition.Answered, answer, null));

        var stored = (await hotline.GetAsync(call.Id)).Value;
        Assert.Equal((content, answer, CallStatus.Closed), (stored.Content, stored.Answer, stored.Status));
    }

    [Theory, MemberData(nameof(Scripts))]
    public async Task AHotlineCall_Escalated_Instructed_Replied_CalledBackAndReplied_AtEveryMaximum(string script)
    {
        var hotline = App.Get<HotlineService>();
        var operatorPerson = await PersonAsync("cao-xiaowen");
        var content = Text(script, 4000);
        var id = (await hotline.RecordAsync(operatorPerson, new CallIntake("张先生", "13812345678", App.Clock.GetUtcNow(),
            CallCategory.Complaint, content, Text(script, 200), Disposition.Escalate, null, "housing"))).Id;
        await Pump.RunAsync();
        var call = (await hotline.GetAsync(id)).Value;
        await AssertAskedAsync(call.ApprovalId!, call.EscalatedToId!, content);

        var instruction = Text(script, 2000);
        await AnswerAndPumpAsync(call.ApprovalId!, call.EscalatedToId!, instruction, "housing");
        call = (await hotline.GetAsync(id)).Value;
        Assert.Equal(instruction, call.Instruction);
        await AssertAskedAsync(call.ApprovalId!, "gao-feng", content, instruction);

        var reply = Text(script, 2000);
        await AnswerAndPumpAsync(call.ApprovalId!, "gao-feng", reply);
        Assert.Equal(reply, (await hotline.GetAsync(id)).Value.Reply);

        var note = Text(script, 1000);
        await hotline.CallbackAsync(operatorPerson, id, false, note);
        await Pump.RunAsync();
        call = (await hotline.GetAsync(id)).Value;
        Assert.Equal(note, call.CallbackNote);
        var reason = Text(script, 1000);
        await hotline.RequestExtensionAsync(await PersonAsync("feng-kai"), id, 5, reason);
        await Pump.RunAsync();
        await AssertAskedAsync(call.ApprovalId!, "gao-feng", content);
        var again = Text(script, 2000);
        await AnswerAndPumpAsync(call.ApprovalId!, "gao-feng", again);
        call = (await hotline.GetAsync(id)).Value;
        Assert.Equal((again, content, reason), (call.Reply, call.Content, call.PendingExtension!.Reason));
    }

    [Theory, MemberData(nameof(Scripts))]
    public async Task ADutyLog_AtItsMaximum_IsAnsweredThroughItsLink_AndCarriedOut(string script)
    {
        var duty = App.Get<DutyService>();
        var officer = await PersonAsync("zeng-qiang");
        var content = Text(script, 4000);
        var intake = new DutyLogIntake(DutyLogKind.Notice, Text(script, 200), content, App.Clock.GetUtcNow());
        var id = (await duty.RecordAsync(officer, intake)).Id;
        await Pump.RunAsync();
        var log = (await duty.GetAsync(id)).Value;
        await AssertAskedAsync(log.ApprovalId, log.LeaderOnDutyId, content);

        var instruction = Text(script, 2000);
        await AnswerAndPumpAsync(log.ApprovalId, log.LeaderOnDutyId, instruction);
        Assert.Equal(instruction, (await duty.GetAsync(id)).Value.Instruction);
        var note = Text(script, 2000);
        await duty.CarriedOutAsync(officer, id, note);
        log = (await duty.GetAsync(id)).Value;
        Assert.Equal((content, instruction, note), (log.Content, log.Instruction, log.CarriedOutNote));
    }

    [Theory, MemberData(nameof(Scripts))]
    public async Task ANormativeDocument_AtItsMaximum_IsReviewedPublishedAndFiled(string script)
    {
        var documents = App.Get<NormativeDocumentService>();
        var issuer = await PersonAsync("huang-xiuying");
        var (title, summary) = (Text(script, 200), Text(script, 8000));
        var id = (await documents.CreateAsync(issuer, new DocumentIntake(title, summary, "finance", [], []))).Id;
        await documents.SubmitAsync(issuer, id);
        await Pump.RunAsync();
        var approvalId = (await documents.GetAsync(id)).Value.LegalReview.ApprovalId!;
        await AssertAskedAsync(approvalId, "zheng-wenbo", title, summary);
        await ApproveAsync(approvalId, "zheng-wenbo", Text(script, 1000));
        await documents.PublishAsync(issuer, id);
        await documents.FileAsync(issuer, id);

        var d = (await documents.GetAsync(id)).Value;
        Assert.Equal((title, summary, DocumentStatus.Filed), (d.Title, d.Summary, d.Status));
    }

    [Theory, MemberData(nameof(Scripts))]
    public async Task AReconsideration_AtEveryMaximum_IsExtendedProposedAndSignedOff(string script)
    {
        var reconsiderations = App.Get<ReconsiderationService>();
        var clerk = await PersonAsync("qin-hao");
        var request = Text(script, 8000);
        var id = (await reconsiderations.AcceptAsync(clerk, new ReconsiderationIntake(Text(script, 200), Text(script, 200), request,
            App.Clock.GetUtcNow()))).Id;
        var reason = Text(script, 2000);
        await reconsiderations.RequestExtensionAsync(clerk, id, reason);
        await Pump.RunAsync();
        var r = (await reconsiderations.GetAsync(id)).Value;
        await AssertAskedAsync(r.ExtensionApprovalId!, "lin-jianguo", request, reason);
        await ApproveAsync(r.ExtensionApprovalId!, "lin-jianguo", Text(script, 1000));

        var proposal = Text(script, 8000);
        await reconsiderations.ProposeAsync(clerk, id, proposal);
        var queued = (await (await App.Storage.QueueAsync(Queues.ApprovalRouting)).PeekMessagesAsync(32)).Value;
        var start = QueueEnvelope.Parse(Assert.Single(queued).Body.ToString());
        Assert.True(queued[0].Body.ToMemory().Length < 16 * 1024, "the queue message names its payload instead of carrying the texts");
        Assert.NotNull(start.Payload);
        await Pump.RunAsync();
        r = (await reconsiderations.GetAsync(id)).Value;
        await AssertAskedAsync(r.SignOffApprovalId!, "zhou-minghua", request, proposal);
        await ApproveAsync(r.SignOffApprovalId!, "zhou-minghua", Text(script, 1000));
        await AssertAskedAsync(r.SignOffApprovalId!, "lin-jianguo", request, proposal);
        await ApproveAsync(r.SignOffApprovalId!, "lin-jianguo", Text(script, 1000));

        r = (await reconsiderations.GetAsync(id)).Value;
        Assert.Equal((request, proposal, reason, ReconsiderationStatus.Decided), (r.Request, r.Proposal, r.ExtensionReason, r.Status));
    }

    [Theory, MemberData(nameof(Scripts))]
    public async Task ALeaveRequest_AtEveryMaximum_IsApprovedAndReportedBack(string script)
    {
        var applicant = await PersonAsync("chen-siyuan");
        var (destination, reason) = (Text(script, 200), Text(script, 1000));
        var id = (await Leave.SubmitAsync(applicant, new LeaveApplication(DateTimeOffset.Parse("2026-12-01T09:00:00+08:00"),
            DateTimeOffset.Parse("2026-12-03T17:30:00+08:00"), destination, Text(script, 100), reason, null))).Id;
        await Pump.RunAsync();
        var leave = await LeaveAsync(id);
        await AssertAskedAsync(leave.ApprovalId!, "lin-jianguo", destination, reason);
        await ApproveAsync(leave.ApprovalId!, "lin-jianguo", Text(script, 1000));
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-03T18:00:00+08:00"));
        var note = Text(script, 1000);
        await Leave.ReturnAsync(applicant, id, note);

        leave = await LeaveAsync(id);
        Assert.Equal((destination, reason, note, LeaveStatus.Returned), (leave.Destination, leave.Reason, leave.ReturnNote, leave.Status));
    }
}
