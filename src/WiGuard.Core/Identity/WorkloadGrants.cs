using WiGuard.Core.Facts;

namespace WiGuard.Core.Identity;

/// <summary>Where a grant was found.</summary>
public enum GrantSource
{
    /// <summary>The GSA's own policy (who may act as it).</summary>
    ServiceAccountPolicy,

    /// <summary>The policy of the GSA's project, which every GSA of the project inherits.</summary>
    ProjectPolicy,
}

/// <summary>A binding whose member covers the KSA.</summary>
public sealed record MatchedGrant(GrantSource Source, string Role, string Member, IamCondition? Condition)
{
    public bool IsConditional => Condition is not null;
}

/// <summary>What the policies say about one KSA and one role: matching grants and near misses.</summary>
public sealed record GrantAnalysis(IReadOnlyList<MatchedGrant> Grants, IReadOnlyList<MemberVerdict> NearMisses)
{
    public bool HasUnconditionalGrant => Grants.Any(g => !g.IsConditional);

    public bool HasAnyGrant => Grants.Count > 0;

    /// <summary>
    /// Searches the GSA's policy and the inherited project policy for <paramref name="role"/> granted to the KSA.
    /// Policies that could not be read are passed as null and simply contribute nothing.
    /// </summary>
    public static GrantAnalysis For(KsaIdentity ksa, string role, IamPolicy? serviceAccountPolicy, IamPolicy? projectPolicy)
    {
        var grants = new List<MatchedGrant>();
        var nearMisses = new List<MemberVerdict>();
        Scan(ksa, role, serviceAccountPolicy, GrantSource.ServiceAccountPolicy, grants, nearMisses);
        Scan(ksa, role, projectPolicy, GrantSource.ProjectPolicy, grants, nearMisses);
        return new GrantAnalysis(grants, [.. nearMisses.DistinctBy(n => (n.Relation, n.Detail))]);
    }

    private static void Scan(KsaIdentity ksa, string role, IamPolicy? policy, GrantSource source, List<MatchedGrant> grants, List<MemberVerdict> nearMisses)
    {
        if (policy is null) return;
        foreach (var binding in policy.Bindings)
        {
            if (!string.Equals(binding.Role, role, StringComparison.Ordinal)) continue;
            foreach (var member in binding.Members)
            {
                var verdict = MemberMatcher.Judge(ksa, member);
                if (verdict.Relation == MemberRelation.Grants) grants.Add(new MatchedGrant(source, binding.Role, member, binding.Condition));
                else if (verdict.IsNearMiss) nearMisses.Add(verdict);
            }
        }
    }
}
