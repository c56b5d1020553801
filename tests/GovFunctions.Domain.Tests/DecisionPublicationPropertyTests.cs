using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using GovFunctions.Decisions;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// Art. 40–41: an adopted decision is published unless it is confidential, and the public entry carries nothing but
/// what may be public. Checked over generated decisions: both decisions driven through the real transitions (every
/// category, flag, review result and meeting result, deferrals and re-scheduling, publication and evaluation) and
/// records in any status with any outcome.
/// </summary>
public class DecisionPublicationPropertyTests
{
    private const int Cases = 1_000;

    private static readonly DateOnly Today = DecisionSamples.Today;
    private static readonly DateTimeOffset Now = DecisionSamples.Now;
    private static readonly string[] Departments = ["finance", "education", "legal", "transport", "civil-affairs"];
    private static readonly string[] Leaders = ["lin-jianguo", "zhou-minghua", "chen-siyuan", "wang-lijuan", "liu-haitao", "zhao-xiaofeng", "sun-huimin"];
    private static readonly string[] Creators = ["gao-feng", "feng-kai", "huang-xiuying"];

    // ---- generators -------------------------------------------------------------------------------------------------

    private static Gen<T> AnyOf<T>() where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    private static readonly Gen<bool> AnyBool = Gen.Elements(true, false);

    /// <summary>What the sponsor typed and who typed it; confidential decisions always carry a reason (Art. 40).</summary>
    private sealed record Draft(int N, DecisionCategory Category, string[] Consult, bool TouchesLowerLevels, bool PublicInterest,
        bool HearingRequired, bool Confidential, string Creator)
    {
        public string Reason => $"保密理由-{N}：涉及国家秘密";
        public string Minutes => $"会议纪要-{N}：内部讨论记录";

        public Decision ToDecision() => new($"dec-{N:D6}", $"重大事项{N}", Category, $"事项概要{N}", "housing", Consult,
            TouchesLowerLevels, PublicInterest, HearingRequired, Confidential, Confidential ? Reason : null, Creator,
            Now.AddDays(-90), DecisionStatus.Draft);
    }

    private static readonly Gen<Draft> Drafts =
        from n in Gen.Choose(1, 999_999)
        from category in AnyOf<DecisionCategory>()
        from consult in Gen.SubListOf(Departments)
        from touches in AnyBool
        from publicInterest in AnyBool
        from hearing in AnyBool
        from confidential in AnyBool
        from creator in Gen.Elements(Creators)
        select new Draft(n, category, [.. consult], touches, publicInterest, hearing, confidential, creator);

    private static readonly Gen<MeetingOutcome> Outcomes =
        from meeting in AnyOf<MeetingType>()
        from result in AnyOf<MeetingResult>()
        from attendees in Gen.SubListOf(Leaders)
        from day in Gen.Choose(0, 60)
        select new MeetingOutcome(meeting, Today.AddDays(day), [.. attendees], result, "会议纪要：内部讨论记录", "sun-huimin");

    /// <summary>How far the decision goes: 0 draft, 1 submitted, 2 reviewed, 3 scheduled, 4 through its meetings, 5 re-scheduled after a last deferral.</summary>
    private sealed record Script(Draft Draft, EvidenceKind[] Evidence, int Stage, bool LegalityPasses, bool ConsultationPasses,
        MeetingType Meeting, MeetingResult[] Results, string[] Attendees, bool Publish, bool OpenEvaluation, bool RecordEvaluation);

    private static readonly Gen<Script> Scripts =
        from draft in Drafts
        from evidence in Gen.SubListOf(Enum.GetValues<EvidenceKind>())
        from stage in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)), (6, Gen.Constant(4)), (1, Gen.Constant(5)))
        from legality in AnyBool
        from consultation in AnyBool
        from meeting in AnyOf<MeetingType>()
        from meetings in Gen.Choose(1, 3)
        from results in Gen.ArrayOf(AnyOf<MeetingResult>(), meetings)
        from attendees in Gen.SubListOf(Leaders)
        from publish in AnyBool
        from openEvaluation in AnyBool
        from recordEvaluation in AnyBool
        select new Script(draft, [.. evidence], stage, legality, consultation, meeting, results, [.. attendees], publish, openEvaluation, recordEvaluation);

    /// <summary>Drives a draft through the real transitions as far as the script says.</summary>
    private static Decision Run(Script s)
    {
        var d = s.Draft.ToDecision();
        foreach (var kind in s.Evidence)
            d = d.WithEvidence(new Evidence(kind, $"{kind} 摘要", "区发展研究中心", Today.AddDays(-30), s.Draft.Creator)).Next;
        if (s.Stage == 0) return d;

        d = d.Submit("L1", d.NeedsConsultationRound ? "C1" : null, DecisionSamples.Org).Next;
        if (s.Stage == 1) return d;

        d = d.Reviewed("L1", s.LegalityPasses, null).Next;
        if (d.ConsultDepartmentIds.Count > 0) d = d.Reviewed("C1", s.ConsultationPasses, "区财政局：不同意").Next;
        if (s.Stage == 2) return d;

        var date = Today.AddDays(7);
        d = d.Schedule(s.Meeting, date).Next;
        if (s.Stage == 3) return d;

        foreach (var result in s.Results)
        {
            if (d.Status == DecisionStatus.Deferred) d = d.Schedule(s.Meeting, date).Next;
            d = d.Decided(new MeetingOutcome(s.Meeting, date, s.Attendees, result, s.Draft.Minutes, "sun-huimin"), Now, TimeSpan.FromDays(365), DecisionSamples.Attended).Next;
            date = date.AddDays(14);
            if (d.Status != DecisionStatus.Deferred) break;
        }
        if (s.Stage == 5 && d.Status == DecisionStatus.Deferred) d = d.Schedule(s.Meeting, date).Next;
        if (d.IsAdopted)
        {
            if (s.Publish && !d.Confidential) d = d.Published(Now.AddMinutes(5)).Next;
            if (s.OpenEvaluation) d = d.EvaluationOpened(Now.AddDays(365)).Next;
            if (s.OpenEvaluation && s.RecordEvaluation) d = d.EvaluationRecorded("评估结论", s.Draft.Creator, Now.AddDays(400)).Next;
        }
        return d;
    }

    /// <summary>A record in any status, with or without an outcome of any result; adopted ones carry AdoptedAt as every
    /// transition into adoption sets it.</summary>
    private static readonly Gen<(Decision Decision, Draft Draft)> Records =
        from draft in Drafts
        from status in AnyOf<DecisionStatus>()
        from hasOutcome in AnyBool
        from outcome in Outcomes
        from published in AnyBool
        let adopted = status is DecisionStatus.Adopted or DecisionStatus.Amended
        select (draft.ToDecision() with
        {
            Status = status,
            Outcome = hasOutcome ? outcome with { Minutes = draft.Minutes } : null,
            AdoptedAt = adopted ? Now : null,
            EvaluationDueAt = adopted ? Now.AddDays(365) : null,
            PublishedAt = adopted && published ? Now.AddMinutes(5) : null,
        }, draft);

    // ---- the property -----------------------------------------------------------------------------------------------

    private static readonly string[] Forbidden = ["Minutes", "AttendeeIds", "Attendees", "ConfidentialReason", "Confidential", "CreatedById",
        "CreatedBy", "Creator", "RecordedById", "Outcome", "Evidence", "Evaluation", "LegalityReview", "Consultation", "Hearing", "PublicComment"];

    /// <summary>The property itself, for one decision: asserts, so that FsCheck reports the failing case with the assertion.</summary>
    private static void PublicEntryIsOnlyForAdoptedPublicDecisions(Decision d, Draft draft)
    {
        var entry = DecisionRules.PublicEntryOf(d);

        // A confidential decision never appears in the public feed (Art. 40).
        if (d.Confidential) Assert.Null(entry);

        // An entry exists exactly when the decision is adopted (or adopted as amended), not confidential, with an outcome.
        var expected = d.Status is DecisionStatus.Adopted or DecisionStatus.Amended && !d.Confidential && d.Outcome is not null;
        Assert.Equal(expected, entry is not null);
        if (entry is null) return;

        var o = d.Outcome!;
        Assert.Equal(new PublicEntry(d.Id, d.Title, d.Category, d.Summary, o.Meeting, o.Date, o.Result, d.AdoptedAt!.Value), entry);

        // Nothing it carries is the minutes, an attendee, the confidential reason or the creator.
        var texts = typeof(PublicEntry).GetProperties().Where(p => p.PropertyType == typeof(string))
            .Select(p => (string?)p.GetValue(entry)).OfType<string>().ToList();
        string[] secrets = [o.Minutes, draft.Minutes, draft.Reason, d.CreatedById, o.RecordedById, .. o.AttendeeIds];
        foreach (var text in texts)
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, text);
    }

    private sealed class Coverage
    {
        private readonly ConcurrentDictionary<string, int> _seen = new();
        private int _cases;

        public int Cases => _cases;

        public void Saw(Decision d)
        {
            Interlocked.Increment(ref _cases);
            Count($"status:{d.Status}");
            if (d.Outcome is { } o) Count($"result:{o.Result}");
            if (d.IsAdopted && d.Confidential) Count("adopted-confidential");
            if (DecisionRules.PublicEntryOf(d) is not null) Count("entry");
            if (d.PublishedAt is not null) Count("published");
        }

        public int this[string key] => _seen.GetValueOrDefault(key);

        private void Count(string key) => _seen.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    private static void AssertCovered(Coverage coverage, IEnumerable<DecisionStatus> statuses)
    {
        Assert.True(coverage.Cases >= Cases, $"only {coverage.Cases} cases ran");
        foreach (var r in Enum.GetValues<MeetingResult>()) Assert.True(coverage[$"result:{r}"] > 0, $"no outcome {r} was generated");
        foreach (var s in statuses) Assert.True(coverage[$"status:{s}"] > 0, $"no decision in status {s} was generated");
        Assert.True(coverage["adopted-confidential"] > 0, "no adopted confidential decision was generated");
        Assert.True(coverage["entry"] > 0, "no public entry was produced");
    }

    [Fact]
    public void PublicEntryOf_DecisionsDrivenThroughTheirTransitions_IsOnlyForAdoptedNonConfidentialDecisions_Art40Art41()
    {
        var coverage = new Coverage();
        var property = Prop.ForAll(Scripts.ToArbitrary(), script =>
        {
            var d = Run(script);
            coverage.Saw(d);
            PublicEntryIsOnlyForAdoptedPublicDecisions(d, script.Draft);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);

        AssertCovered(coverage, Enum.GetValues<DecisionStatus>());
        Assert.True(coverage["published"] > 0, "no published decision was generated");
    }

    [Fact]
    public void PublicEntryOf_RecordsInAnyStatusWithAnyOutcome_NeverShowsAConfidentialDecision_Art40()
    {
        var coverage = new Coverage();
        var property = Prop.ForAll(Records.ToArbitrary(), generated =>
        {
            coverage.Saw(generated.Decision);
            PublicEntryIsOnlyForAdoptedPublicDecisions(generated.Decision, generated.Draft);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);

        AssertCovered(coverage, Enum.GetValues<DecisionStatus>());
    }

    [Fact]
    public void PublicEntry_TheType_CarriesNeitherMinutesNorAttendeesNorTheConfidentialReasonNorTheCreator_Art40()
    {
        var properties = typeof(PublicEntry).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        Assert.NotEmpty(properties);
        foreach (var p in properties)
        {
            Assert.DoesNotContain(p.Name, Forbidden);
            Assert.DoesNotContain("Minute", p.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Attendee", p.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Confidential", p.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Created", p.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Recorded", p.Name, StringComparison.OrdinalIgnoreCase);
            // No nested record that could smuggle the meeting's or the decision's internals, no list of people.
            Assert.NotEqual(typeof(MeetingOutcome), p.PropertyType);
            Assert.NotEqual(typeof(Decision), p.PropertyType);
            Assert.False(p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType),
                $"{p.Name} is a collection ({p.PropertyType})");
        }
        // What it does carry: identification, the matter, and the meeting's public result.
        Assert.Equal(["AdoptedAt", "Category", "Id", "Meeting", "MeetingDate", "Result", "Summary", "Title"],
            properties.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PublicEntryOf_AnAdoptedConfidentialDecision_IsNull_AndTheSameDecisionNotConfidentialIsPublished_Art40()
    {
        var secret = DecisionSamples.Decided(MeetingResult.Adopted, confidential: true);
        var open = DecisionSamples.Decided(MeetingResult.Adopted);

        Assert.Null(DecisionRules.PublicEntryOf(secret));
        var entry = DecisionRules.PublicEntryOf(open);
        Assert.NotNull(entry);
        Assert.Equal(open.Title, entry.Title);
        Assert.Equal(MeetingType.Executive, entry.Meeting);
        Assert.Equal(DecisionSamples.Now, entry.AdoptedAt);
    }
}
