using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.Iam;

/// <summary>One sentence per near miss. Only the KSA's own namespace, its own name, pools and numbers are named.</summary>
internal static class NearMissExplanation
{
    public static string For(MemberVerdict nearMiss, KsaIdentity ksa) => nearMiss.Relation switch
    {
        MemberRelation.OtherNamespace =>
            $"A grant names {ksa.Name} in namespace {nearMiss.Detail}, not {ksa.Namespace}: IAM matches namespace and name exactly.",
        MemberRelation.OtherServiceAccount =>
            $"A grant names KSA {nearMiss.Detail} in {ksa.Namespace}, not {ksa.Name}.",
        MemberRelation.OtherPool =>
            $"A grant for {ksa.Namespace}/{ksa.Name} names pool {nearMiss.Detail}, but this cluster's pool is {ksa.Pool}.",
        MemberRelation.WrongProjectNumber =>
            $"A grant for {ksa.Namespace}/{ksa.Name} uses project number {nearMiss.Detail}; the pool's project number is {ksa.ProjectNumber}.",
        MemberRelation.Placeholder =>
            $"A grant for {ksa.Namespace}/{ksa.Name} contains the literal {nearMiss.Detail} copied from documentation.",
        _ => "",
    };
}
