using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Facts;

/// <summary>
/// Finds a KSA without waiting on the network: a LIST+WATCH cache in the webhook, the
/// objects of the same input in <c>wiguard check</c>.
/// </summary>
public interface IServiceAccountLookup
{
    KsaLookup Find(string @namespace, string name);
}

public enum KsaLookupStatus
{
    Found,

    /// <summary>The source is complete and has no such KSA (it may be created in the same apply).</summary>
    NotFound,

    /// <summary>No source of KSAs (no cluster) or it is not synced: nothing can be said.</summary>
    Unknown,
}

public sealed record KsaLookup(KsaLookupStatus Status, ServiceAccount? ServiceAccount)
{
    public static readonly KsaLookup Unknown = new(KsaLookupStatus.Unknown, null);
    public static readonly KsaLookup NotFound = new(KsaLookupStatus.NotFound, null);

    public static KsaLookup Found(ServiceAccount serviceAccount) => new(KsaLookupStatus.Found, serviceAccount);
}

/// <summary>For runs without a cluster: every KSA is unknown.</summary>
public sealed class NoServiceAccountLookup : IServiceAccountLookup
{
    public static readonly NoServiceAccountLookup Instance = new();

    public KsaLookup Find(string @namespace, string name) => KsaLookup.Unknown;
}
