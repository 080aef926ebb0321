using System.Text.RegularExpressions;

namespace WiGuard.Core.Identity;

/// <summary>Decides whether a member string grants a KSA, and if not, whether it was probably meant to.</summary>
public static partial class MemberMatcher
{
    public static MemberVerdict Judge(KsaIdentity ksa, string member)
    {
        if (!WorkloadMember.TryParse(member, out var parsed)) return new MemberVerdict(MemberRelation.Unrelated, member);

        var placeholder = PlaceholderIn(parsed.Pool) ?? (parsed.ProjectNumber is { } n ? PlaceholderIn(n) : null);
        var poolOk = string.Equals(parsed.Pool, ksa.Pool, StringComparison.Ordinal);
        var numberOk = parsed.ProjectNumber is null || NumberMatches(ksa.ProjectNumber, parsed.ProjectNumber);
        var identity = IdentityRelation(ksa, parsed);

        if (identity == MemberRelation.Grants)
        {
            if (placeholder is not null) return new MemberVerdict(MemberRelation.Placeholder, member, placeholder);
            if (!poolOk) return new MemberVerdict(MemberRelation.OtherPool, member, parsed.Pool);
            if (!numberOk) return new MemberVerdict(MemberRelation.WrongProjectNumber, member, parsed.ProjectNumber);
            return new MemberVerdict(MemberRelation.Grants, member);
        }

        // Another namespace or KSA is only a near miss when the rest is right; two differences are someone else.
        if (poolOk && numberOk && placeholder is null && identity is MemberRelation.OtherNamespace)
            return new MemberVerdict(identity, member, parsed.Namespace);
        if (poolOk && numberOk && placeholder is null && identity is MemberRelation.OtherServiceAccount)
            return new MemberVerdict(identity, member, parsed.ServiceAccount);
        return new MemberVerdict(MemberRelation.Unrelated, member);
    }

    /// <summary>Whether the member's namespace/KSA part covers the KSA, ignoring pool and project number.</summary>
    private static MemberRelation IdentityRelation(KsaIdentity ksa, WorkloadMember member)
    {
        switch (member.Form)
        {
            case WorkloadMemberForm.LegacyServiceAccount or WorkloadMemberForm.Subject:
                var sameNs = string.Equals(member.Namespace, ksa.Namespace, StringComparison.Ordinal);
                var sameName = string.Equals(member.ServiceAccount, ksa.Name, StringComparison.Ordinal);
                return (sameNs, sameName) switch
                {
                    (true, true) => MemberRelation.Grants,
                    (false, true) => MemberRelation.OtherNamespace,
                    (true, false) => MemberRelation.OtherServiceAccount,
                    _ => MemberRelation.Unrelated,
                };
            case WorkloadMemberForm.ServiceAccountUid:
                return ksa.Uid is not null && string.Equals(member.Uid, ksa.Uid, StringComparison.Ordinal)
                    ? MemberRelation.Grants
                    : MemberRelation.Unrelated;
            case WorkloadMemberForm.Namespace:
                return string.Equals(member.Namespace, ksa.Namespace, StringComparison.Ordinal) ? MemberRelation.Grants : MemberRelation.Unrelated;
            case WorkloadMemberForm.Cluster:
                // Which cluster WiGuard guards is not configured: a cluster-wide grant in the right pool is taken as covering it,
                // because denying a working setup is worse than missing a grant to a sibling cluster.
                return MemberRelation.Grants;
            case WorkloadMemberForm.WholePool:
                return MemberRelation.Grants;
            default:
                return MemberRelation.Unrelated;
        }
    }

    private static bool NumberMatches(string? expected, string actual) =>
        expected is null ? NumberPattern().IsMatch(actual) : string.Equals(expected, actual, StringComparison.Ordinal);

    /// <summary>The placeholder text in a pool or project number copied from documentation, or null.</summary>
    private static string? PlaceholderIn(string value)
    {
        var match = PlaceholderPattern().Match(value);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex(@"^[0-9]{1,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"PROJECT_ID|PROJECT_NUMBER|\$\{[^}]*\}|\$[A-Z_]+|<[^>]*>|\{\{[^}]*\}\}|[A-Z][A-Z0-9]*_[A-Z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
