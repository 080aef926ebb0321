using WiGuard.Core.Facts;
using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.Iam;

/// <summary>WI004: the KSA needs roles/iam.workloadIdentityUser on the GSA, directly or inherited from the GSA's project.</summary>
public sealed class Wi004WorkloadIdentityGrant : IRule
{
    public string Id => "WI004";

    public RuleAction DefaultAction => RuleAction.Deny;

    public string Summary => "No roles/iam.workloadIdentityUser grant to this KSA on the GSA (or its project); names near misses";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (IamSubject.Grants(context) is not var (gsa, ksa, project, analysis) || analysis.HasAnyGrant) yield break;

        if (project is null || IamSubject.Failed(project.Outcome))
        {
            yield return context.Finding(this,
                $"could not check grants inherited from project {gsa.ProjectId}: {project?.Problem ?? "not looked up"}",
                IamSubject.LookupFailureWhy,
                IamSubject.LookupFailureFix(gsa.ProjectId),
                advisory: !context.Facts.LookupFailureDenies);
            yield break;
        }

        var nearMisses = analysis.NearMisses.Take(3).ToList();
        var hint = nearMisses.Count == 0 ? "" : $" (near miss: {string.Join(", ", nearMisses.Select(n => n.Describe()))})";
        yield return context.Finding(this,
            $"{ksa.Namespace}/{ksa.Name} may not act as {gsa.Value}{hint}",
            "No roles/iam.workloadIdentityUser grant names this KSA, so pods running as it get 403 from the metadata server. " +
            string.Join(" ", nearMisses.Select(n => NearMissExplanation.For(n, ksa))),
            IamSubject.GrantCommand(gsa, ksa));
    }
}
