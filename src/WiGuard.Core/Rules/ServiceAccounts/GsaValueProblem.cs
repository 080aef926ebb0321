namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>One thing wrong with a GSA annotation value, before it becomes a finding.</summary>
internal sealed record GsaValueProblem(string Message, string Why, string Fix, bool Advisory = false);

/// <summary>Where a fix applies: the KSA, and the pool's project when one is configured.</summary>
internal sealed record GsaFixTarget(string Namespace, string Ksa, string? PoolProject)
{
    /// <summary>The project a fix should name: the pool's, or a placeholder the user must replace.</summary>
    public string Project => PoolProject ?? "PROJECT_ID";

    /// <summary>A note to add when the fix still carries the PROJECT_ID placeholder.</summary>
    public string ProjectNote => PoolProject is null
        ? "\n(no WorkloadPool is configured, so replace PROJECT_ID with the GSA's project id)"
        : "";

    public string SetGsa(string gsa) => ShellFix.SetGsa(Namespace, Ksa, gsa);

    /// <summary>Lists the real GSA emails, for when WiGuard cannot guess the intended one.</summary>
    public string ListGsas => $"gcloud iam service-accounts list --project={Project} --format='value(email)'";
}
