using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>
/// Valid but broad: the App Engine and Compute Engine default GSAs work with Workload Identity,
/// yet carry far more rights than one workload should, so they get an advisory, never a denial.
/// </summary>
internal static class DefaultGsaAdvice
{
    public static GsaValueProblem For(GsaEmail email, GsaFixTarget target)
    {
        var (which, why) = email.Kind == GsaKind.AppEngineDefault
            ? ("the App Engine default GSA", "It often holds the Editor role on its project, far more than one workload needs.")
            : ("the Compute Engine default GSA", "It is the nodes' own identity and often holds Editor: every pod of this KSA gets the node's rights.");
        var account = SuggestedAccountId(target.Ksa);
        var project = email.Kind == GsaKind.AppEngineDefault ? email.ProjectId : target.Project;
        return new(
            $"GSA is {which}; use a dedicated GSA for this workload",
            why,
            $"gcloud iam service-accounts create {account} --project={project}\n" +
            target.SetGsa(GsaEmail.For(account, project)) +
            (email.Kind == GsaKind.ComputeDefault ? target.ProjectNote : ""),
            Advisory: true);
    }

    /// <summary>A GSA account id derived from the KSA name, or GSA_NAME when the KSA name cannot be one.</summary>
    internal static string SuggestedAccountId(string ksa) => GsaEmailShape.AccountIdProblem(ksa) is null ? ksa : "GSA_NAME";
}
