using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules.Iam;
using WiGuard.Core.Rules.ServiceAccounts;

namespace WiGuard.Core.Rules.Pods;

/// <summary>
/// WI011: the pod's KSA is annotated, but its GSA fails the ServiceAccount checks (WI002–WI004) now.
/// The KSA is judged by the very rules its own admission runs, so the two never disagree.
/// </summary>
public sealed class BrokenKsaGsaRule : IRule
{
    private static readonly IRule[] KsaChecks = [new InvalidGsaAnnotationValueRule(), new Wi003GsaExists(), new Wi004WorkloadIdentityGrant()];

    public string Id => "WI011";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => "The pod's KSA is annotated, but that GSA fails WI002–WI004 now: pods would get 403s or the node's identity";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        if (context.Subject.PodTemplate is not { } template) yield break;
        var ksaName = template.ServiceAccountName;
        // A KSA the cache has not seen may be created in the same apply: say nothing rather than guess.
        if (context.Facts.Ksas.Find(context.Subject.Namespace, ksaName) is not { Status: KsaLookupStatus.Found, ServiceAccount: { } ksa }) yield break;
        if (ksa.Metadata?.Annotation(KnownKeys.GcpServiceAccount) is not { } value) yield break;
        // When IAM could not be asked, the KSA's own admission already said so; repeating it on every pod adds nothing.
        if (context.Facts.ServiceAccount(value) is { Outcome: LookupOutcome.Unavailable or LookupOutcome.PermissionDenied }) yield break;

        var ksaContext = new RuleContext(new ReviewedObject(ResourceKind.ServiceAccount, context.Subject.Namespace, ksaName, ksa), context.Facts);
        foreach (var problem in KsaChecks.SelectMany(check => check.Evaluate(ksaContext)))
        {
            // Advisories such as "default GSA" are not failures; a disabled GSA is.
            if (problem.Advisory && problem.RuleId != "WI003") continue;
            yield return context.Finding(
                this,
                $"KSA '{ksaName}' is broken: {WithoutRuleId(problem.Message)} (see {problem.RuleId})",
                $"Pods run as KSA '{ksaName}', so they cannot use its GSA: Google API calls fail with 403. {problem.Why}",
                problem.Fix);
        }
    }

    private static string WithoutRuleId(string message)
    {
        var end = message.IndexOf("] ", StringComparison.Ordinal);
        return end < 0 ? message : message[(end + 2)..];
    }
}
