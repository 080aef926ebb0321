using WiGuard.Core.Facts;
using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.Iam;

/// <summary>What the IAM rules need to know about the ServiceAccount under review.</summary>
internal static class IamSubject
{
    /// <summary>The annotated GSA of a ServiceAccount under review, when IAM facts were gathered and the value is a valid email (WI002 reports invalid ones).</summary>
    public static GsaEmail? AnnotatedGsa(RuleContext context)
    {
        if (!context.Facts.IamConfigured || context.Subject.ServiceAccount is null) return null;
        return GsaEmail.TryParse(context.Subject.Metadata.Annotation(KnownKeys.GcpServiceAccount), out var email) ? email : null;
    }

    /// <summary>The KSA as IAM names it in the configured pool; null without a pool (binding rules then say nothing).</summary>
    public static KsaIdentity? Ksa(RuleContext context) =>
        context.Facts.IamConfigured && context.Facts.WorkloadPool is { } pool && context.Subject.ServiceAccount is not null
            ? new KsaIdentity(pool, context.Facts.PoolProjectNumber, context.Subject.Namespace, context.Subject.Name, context.Subject.Metadata.Uid)
            : null;

    /// <summary>
    /// The workloadIdentityUser grants the KSA under review holds on its annotated GSA, directly or through
    /// the GSA's project; null when there is nothing to judge (no pool, no IAM, no valid GSA, GSA not read).
    /// </summary>
    public static WorkloadIdentityGrants? Grants(RuleContext context)
    {
        if (AnnotatedGsa(context) is not { } gsa || Ksa(context) is not { } ksa) return null;
        if (context.Facts.ServiceAccount(gsa.Value) is not { Outcome: LookupOutcome.Found } facts) return null;

        var project = context.Facts.Project(gsa.ProjectId);
        var projectPolicy = project is { Outcome: LookupOutcome.Found } ? project.Policy : null;
        return new WorkloadIdentityGrants(gsa, ksa, project, GrantAnalysis.For(ksa, KnownKeys.WorkloadIdentityUserRole, facts.Policy, projectPolicy));
    }

    public static bool Failed(LookupOutcome outcome) => outcome is LookupOutcome.PermissionDenied or LookupOutcome.Unavailable;

    /// <summary>Why a failed lookup is not the user's fault, and how the platform team gives WiGuard what it needs.</summary>
    public const string LookupFailureWhy =
        "The check was not made, so nothing is known to be wrong. WiGuard's own identity needs read-only IAM access " +
        "(iam.serviceAccounts.get, iam.serviceAccounts.getIamPolicy, resourcemanager.projects.get, resourcemanager.projects.getIamPolicy), " +
        "and IAM must answer within Iam:Timeout.";

    public static string LookupFailureFix(string project) =>
        $"gcloud iam roles create wiguardReader --project={project} " +
        "--permissions=iam.serviceAccounts.get,iam.serviceAccounts.getIamPolicy,resourcemanager.projects.get,resourcemanager.projects.getIamPolicy\n" +
        $"# then grant projects/{project}/roles/wiguardReader on {project} to the GSA WiGuard runs as";

    /// <summary>The exact command that grants the KSA the right to act as the GSA.</summary>
    public static string GrantCommand(GsaEmail gsa, KsaIdentity ksa, string? extra = null) =>
        $"gcloud iam service-accounts add-iam-policy-binding {gsa.Value} --role={KnownKeys.WorkloadIdentityUserRole} " +
        $"--member=\"{ksa.LegacyMember}\" --project={gsa.ProjectId}{extra}";
}

internal sealed record WorkloadIdentityGrants(GsaEmail Gsa, KsaIdentity Ksa, ProjectFacts? Project, GrantAnalysis Analysis);
