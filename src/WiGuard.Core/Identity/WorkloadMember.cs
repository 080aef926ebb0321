using System.Text.RegularExpressions;

namespace WiGuard.Core.Identity;

/// <summary>The IAM member forms that name Kubernetes workloads of a GKE Workload Identity pool.</summary>
public enum WorkloadMemberForm
{
    /// <summary><c>serviceAccount:POOL[ns/ksa]</c>.</summary>
    LegacyServiceAccount,

    /// <summary><c>principal://…/workloadIdentityPools/POOL/subject/ns/NS/sa/KSA</c>.</summary>
    Subject,

    /// <summary><c>principal://…/workloadIdentityPools/POOL/kubernetes.serviceaccount.uid/UID</c>.</summary>
    ServiceAccountUid,

    /// <summary><c>principalSet://…/workloadIdentityPools/POOL/namespace/NS</c>: every KSA of a namespace.</summary>
    Namespace,

    /// <summary><c>principalSet://…/workloadIdentityPools/POOL/kubernetes.cluster/https://container.googleapis.com/v1/projects/…/clusters/NAME</c>.</summary>
    Cluster,

    /// <summary><c>principalSet://…/workloadIdentityPools/POOL/*</c>: every identity of the pool.</summary>
    WholePool,
}

/// <summary>A parsed workload member string; fields not used by its form are null.</summary>
public sealed partial record WorkloadMember(
    string Raw,
    WorkloadMemberForm Form,
    string Pool,
    string? ProjectNumber,
    string? Namespace,
    string? ServiceAccount,
    string? Uid = null,
    string? Cluster = null)
{
    public const string PrincipalPrefix = "principal://iam.googleapis.com/projects/";
    public const string PrincipalSetPrefix = "principalSet://iam.googleapis.com/projects/";

    /// <summary>Parses a member that names GKE workloads; false for users, groups, GSAs and other pools' attribute sets.</summary>
    public static bool TryParse(string? member, out WorkloadMember parsed)
    {
        parsed = null!;
        if (string.IsNullOrEmpty(member)) return false;

        var legacy = LegacyPattern().Match(member);
        if (legacy.Success)
        {
            parsed = new WorkloadMember(member, WorkloadMemberForm.LegacyServiceAccount, legacy.Groups["pool"].Value, null,
                legacy.Groups["ns"].Value, legacy.Groups["ksa"].Value);
            return true;
        }

        var federated = FederatedPattern().Match(member);
        if (!federated.Success) return false;

        var set = federated.Groups["set"].Success;
        var pool = federated.Groups["pool"].Value;
        var number = federated.Groups["number"].Value;
        var rest = federated.Groups["rest"].Value;
        WorkloadMember? result = (set, rest) switch
        {
            (false, _) when SubjectPattern().Match(rest) is { Success: true } s =>
                new(member, WorkloadMemberForm.Subject, pool, number, s.Groups["ns"].Value, s.Groups["ksa"].Value),
            (false, _) when rest.StartsWith("kubernetes.serviceaccount.uid/", StringComparison.Ordinal) =>
                new(member, WorkloadMemberForm.ServiceAccountUid, pool, number, null, null, Uid: rest["kubernetes.serviceaccount.uid/".Length..]),
            (true, "*") => new(member, WorkloadMemberForm.WholePool, pool, number, null, null),
            (true, _) when rest.StartsWith("namespace/", StringComparison.Ordinal) && !rest["namespace/".Length..].Contains('/', StringComparison.Ordinal) =>
                new(member, WorkloadMemberForm.Namespace, pool, number, rest["namespace/".Length..], null),
            (true, _) when rest.StartsWith("kubernetes.cluster/", StringComparison.Ordinal) =>
                new(member, WorkloadMemberForm.Cluster, pool, number, null, null, Cluster: rest["kubernetes.cluster/".Length..]),
            _ => null,
        };
        if (result is null) return false;
        parsed = result;
        return true;
    }

    /// <summary>The canonical legacy member for a KSA: what <c>gcloud … add-iam-policy-binding</c> should be given.</summary>
    public static string LegacyFor(string pool, string @namespace, string ksa) => $"serviceAccount:{pool}[{@namespace}/{ksa}]";

    /// <summary>The principal:// member for a KSA of the direct (KSA-only) model.</summary>
    public static string SubjectFor(string projectNumber, string pool, string @namespace, string ksa) =>
        $"{PrincipalPrefix}{projectNumber}/locations/global/workloadIdentityPools/{pool}/subject/ns/{@namespace}/sa/{ksa}";

    public static string NamespaceSetFor(string projectNumber, string pool, string @namespace) =>
        $"{PrincipalSetPrefix}{projectNumber}/locations/global/workloadIdentityPools/{pool}/namespace/{@namespace}";

    /// <summary>The same member in the same form, naming <paramref name="pool"/> and <paramref name="projectNumber"/>.</summary>
    public string With(string pool, string projectNumber)
    {
        var root = $"{projectNumber}/locations/global/workloadIdentityPools/{pool}";
        return Form switch
        {
            WorkloadMemberForm.LegacyServiceAccount => LegacyFor(pool, Namespace!, ServiceAccount!),
            WorkloadMemberForm.Subject => SubjectFor(projectNumber, pool, Namespace!, ServiceAccount!),
            WorkloadMemberForm.ServiceAccountUid => $"{PrincipalPrefix}{root}/kubernetes.serviceaccount.uid/{Uid}",
            WorkloadMemberForm.Namespace => NamespaceSetFor(projectNumber, pool, Namespace!),
            WorkloadMemberForm.Cluster => $"{PrincipalSetPrefix}{root}/kubernetes.cluster/{Cluster}",
            _ => $"{PrincipalSetPrefix}{root}/*",
        };
    }

    [GeneratedRegex(@"^serviceAccount:(?<pool>[^\[\]\s]+)\[(?<ns>[^/\]]*)/(?<ksa>[^\]]*)\]\z", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyPattern();

    [GeneratedRegex(@"^principal(?<set>Set)?://iam\.googleapis\.com/projects/(?<number>[^/]+)/locations/global/workloadIdentityPools/(?<pool>[^/]+)/(?<rest>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex FederatedPattern();

    [GeneratedRegex(@"^subject/ns/(?<ns>[^/]+)/sa/(?<ksa>[^/]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();
}
