using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>WI006: the namespace's <c>default</c> KSA is annotated with a GSA.</summary>
public sealed class AnnotatedDefaultServiceAccountRule : IRule
{
    public string Id => "WI006";

    public RuleAction DefaultAction => RuleAction.Warn;

    public string Summary => "The namespace's default KSA is annotated with a GSA, so every pod without serviceAccountName acts as it";

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        var subject = context.Subject;
        if (subject.ServiceAccount is null || subject.Name != PodTemplate.DefaultServiceAccount) yield break;

        var gsa = subject.Metadata.Annotation(KnownKeys.GcpServiceAccount);
        if (string.IsNullOrWhiteSpace(gsa)) yield break;

        yield return context.Finding(
            this,
            "the default KSA is annotated with a GSA: every pod that omits serviceAccountName acts as it",
            "Pods that set no serviceAccountName run as 'default', so they all silently get this GSA's Google " +
            "permissions. Give the GSA to a dedicated KSA that only the pods that need it name.",
            Fix(subject.Namespace, gsa.Trim(), context.Facts.WorkloadPool));
    }

    private static string Fix(string ns, string gsa, string? pool)
    {
        var ksa = GsaEmail.TryParse(gsa, out var email) && email.Kind == GsaKind.UserManaged ? email.AccountId : "app-ksa";
        return $"""
            kubectl apply -f - <<'EOF'
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: {ksa}
              namespace: {ns}
              annotations:
                {KnownKeys.GcpServiceAccount}: {gsa}
            EOF
            {ShellFix.GrantWorkloadIdentityUser(gsa, ShellFix.PoolOrPlaceholder(pool), ns, ksa)}
            {ShellFix.Annotate(ns, PodTemplate.DefaultServiceAccount, KnownKeys.GcpServiceAccount + "-")}
            then set serviceAccountName: {ksa} in the pod templates that need the GSA
            """;
    }
}
