namespace WiGuard.Core.Identity;

/// <summary>How a member string relates to one KSA.</summary>
public enum MemberRelation
{
    /// <summary>The member names someone else entirely.</summary>
    Unrelated,

    /// <summary>The member covers the KSA.</summary>
    Grants,

    /// <summary>The same KSA name in another namespace.</summary>
    OtherNamespace,

    /// <summary>Another KSA in the KSA's own namespace.</summary>
    OtherServiceAccount,

    /// <summary>This namespace and KSA, but another pool (another project's or a typo).</summary>
    OtherPool,

    /// <summary>This pool, namespace and KSA in a principal:// form with another project number.</summary>
    WrongProjectNumber,

    /// <summary>Copied from the docs: literal <c>PROJECT_ID</c>, <c>PROJECT_NUMBER</c> or another placeholder.</summary>
    Placeholder,
}

/// <summary>A relation with the one detail a message may show (a namespace, KSA name, pool or number — never other members).</summary>
public sealed record MemberVerdict(MemberRelation Relation, string Member, string? Detail = null)
{
    public bool IsNearMiss => Relation is not (MemberRelation.Unrelated or MemberRelation.Grants);

    /// <summary>A short phrase for messages: "namespace staging", "KSA api-ksa", "pool acme-dev.svc.id.goog".</summary>
    public string Describe() => Relation switch
    {
        MemberRelation.OtherNamespace => $"namespace {Detail}",
        MemberRelation.OtherServiceAccount => $"KSA {Detail}",
        MemberRelation.OtherPool => $"pool {Detail}",
        MemberRelation.WrongProjectNumber => $"project number {Detail}",
        MemberRelation.Placeholder => $"literal {Detail}",
        MemberRelation.Grants => "a matching grant",
        _ => "an unrelated member",
    };
}
