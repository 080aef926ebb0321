namespace WiGuard.Core.Identity;

/// <summary>
/// A KSA as IAM sees it: its namespace and name inside the cluster's pool. The pool is the
/// configured cluster pool, never derived from a GSA's project (cross-project GSAs and fleet pools are normal).
/// </summary>
/// <param name="Pool">The configured pool, <c>PROJ.svc.id.goog</c>.</param>
/// <param name="ProjectNumber">The number of the pool's project; null when unknown, so any number is accepted.</param>
/// <param name="Namespace">The KSA's namespace.</param>
/// <param name="Name">The KSA's name.</param>
/// <param name="Uid">The KSA object's uid, for <c>kubernetes.serviceaccount.uid</c> members; null before creation.</param>
public sealed record KsaIdentity(string Pool, string? ProjectNumber, string Namespace, string Name, string? Uid = null)
{
    public string LegacyMember => WorkloadMember.LegacyFor(Pool, Namespace, Name);

    /// <summary>The direct-model member, or null when the pool's project number is not known.</summary>
    public string? SubjectMember => ProjectNumber is null ? null : WorkloadMember.SubjectFor(ProjectNumber, Pool, Namespace, Name);
}
