using WiGuard.Core.Facts;
using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.Iam;

/// <summary>WI007: a direct-model (KSA-only) binding on the pool's project is meant for this KSA but names it wrongly.</summary>
public sealed class Wi007DirectModelMember : IRule
{
    public string Id => "WI007";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => "A project binding meant for this KSA uses PROJECT_ID, a wrong project number or a wrong pool";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (IamSubject.Ksa(context) is not { } ksa || WorkloadPool.ProjectOf(ksa.Pool) is not { } projectId) yield break;
        if (context.Facts.Project(projectId) is not { Outcome: LookupOutcome.Found, Policy: { } policy }) yield break;

        foreach (var binding in policy.Bindings)
        {
            // workloadIdentityUser grants are WI004's; a binding that also names the KSA correctly already works.
            if (binding.Role == KnownKeys.WorkloadIdentityUserRole) continue;
            var verdicts = binding.Members.Select(m => MemberMatcher.Judge(ksa, m)).ToList();
            if (verdicts.Any(v => v.Relation == MemberRelation.Grants)) continue;

            foreach (var bad in verdicts.Where(v => v.Relation is MemberRelation.WrongProjectNumber or MemberRelation.Placeholder or MemberRelation.OtherPool))
            {
                var correct = Corrected(ksa, bad.Member, projectId);
                var condition = binding.Condition is { } c ? $" --condition='expression={c.Expression},title={c.Title}'" : " --condition=None";
                yield return context.Finding(this,
                    $"{ksa.Namespace}/{ksa.Name}'s {binding.Role} grant on project {projectId} is malformed ({bad.Describe()})",
                    "IAM accepts a malformed principal and silently grants nothing: pods running as this KSA get 403 from the APIs this role covers. " +
                    NearMissExplanation.For(bad, ksa),
                    $"gcloud projects add-iam-policy-binding {projectId} --role={binding.Role} --member=\"{correct}\"{condition}\n" +
                    $"gcloud projects remove-iam-policy-binding {projectId} --role={binding.Role} --member=\"{bad.Member}\"{condition}");
            }
        }
    }

    /// <summary>The member in the same form with the configured pool and the pool project's number (looked up by the command when unknown).</summary>
    private static string Corrected(KsaIdentity ksa, string member, string projectId)
    {
        var number = ksa.ProjectNumber ?? $"$(gcloud projects describe {projectId} --format='value(projectNumber)')";
        return WorkloadMember.TryParse(member, out var parsed)
            ? parsed.With(ksa.Pool, number)
            : WorkloadMember.SubjectFor(number, ksa.Pool, ksa.Namespace, ksa.Name);
    }
}
