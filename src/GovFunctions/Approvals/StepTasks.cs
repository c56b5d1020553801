using GovFunctions.Leave;

namespace GovFunctions.Approvals;

/// <summary>
/// A step's tasks, each routed to the acting person of an absent approver (Art. 4, 75) — never to the applicant, nor to
/// someone who already decided an earlier step of this approval — with its signed link.
/// </summary>
public sealed class StepTasks(OrganizationStore organization, AwayIndex away, ApprovalLinks links, IOptions<ApprovalOptions> options)
{
    public async Task<IReadOnlyList<ApprovalTask>> CreateAsync(ApprovalRequest request, IEnumerable<ApprovalTask> earlier, int step,
        DateTimeOffset now, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        var absences = await away.AbsencesAtAsync(now, ct);
        var mayNotDecide = earlier.Where(t => t.DecidedAt is not null).Select(t => t.ApproverId).Append(request.ApplicantId).ToHashSet();
        return request.Steps[step].ApproverIds.Distinct()
            .Select(id => ApprovalTasks.Create(links, request.Id, step, Acting.Resolve(org, id, absences, now, mayNotDecide), now,
                options.Value.LinkLifetime))
            .ToList();
    }
}
