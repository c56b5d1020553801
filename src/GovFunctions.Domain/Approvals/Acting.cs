namespace GovFunctions.Approvals;

/// <summary>Someone away on approved leave over a period, and who acts for them.</summary>
public sealed record Absence(string PersonId, DateTimeOffset Start, DateTimeOffset End, string? ActingPersonId, string LeaveId)
{
    public bool Covers(DateTimeOffset instant) => Start <= instant && instant < End;
}

/// <summary>Whom a task addressed to someone actually goes to.</summary>
public sealed record ActingAssignment(string AddressedToId, string ApproverId, string? OnBehalfOfId);

/// <summary>
/// Art. 4: while the district head travels, the executive deputy presides. Art. 75: a department head on leave names who
/// acts for them. Approvals and escalations addressed to someone away go to their acting person; if that person is away
/// too, to theirs, and so on. Without a named acting person: the district head → the executive deputy (Art. 4); another
/// leader → the executive deputy (常务工作, Art. 4); the executive deputy → the district head; anyone else → the head
/// of their department. Nobody acts in a decision they may not take — on their own request, or on a step after one
/// they already decided: then the task stays with the addressee, whose link works wherever they are.
/// </summary>
public static class Acting
{
    public static ActingAssignment Resolve(OrgChart org, string addressedToId, IEnumerable<Absence> absences, DateTimeOffset at,
        IReadOnlySet<string>? mayNotDecide = null)
    {
        var active = absences.Where(a => a.Covers(at)).GroupBy(a => a.PersonId).ToDictionary(g => g.Key, g => g.First());
        var current = addressedToId;
        var seen = new HashSet<string> { current };
        while (active.TryGetValue(current, out var away))
        {
            var next = away.ActingPersonId ?? DefaultActingFor(org, org.Person(current))?.Id;
            if (next is null || !seen.Add(next) || mayNotDecide?.Contains(next) == true) break; // it stays with the last person reached
            current = next;
        }
        return new ActingAssignment(addressedToId, current, current == addressedToId ? null : addressedToId);
    }

    public static Person? DefaultActingFor(OrgChart org, Person person) => person.Role switch
    {
        Role.DistrictHead => org.ExecutiveDeputy,
        Role.ExecutiveDeputyHead => org.DistrictHead,
        Role.DeputyHead or Role.AssistantHead or Role.OfficeDirector => org.ExecutiveDeputy,
        _ when person.DepartmentId is not null && org.HeadOf(person.DepartmentId).Id != person.Id => org.HeadOf(person.DepartmentId),
        _ => null,
    };
}
